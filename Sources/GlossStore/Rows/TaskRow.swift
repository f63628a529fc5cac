import GlossCore
import SQLKit

/// Column lists and row mapping for `tasks` and `task_history`.
enum TaskRow {
    /// Every column but the answer (lists that don't include answers skip parsing it).
    static let listColumns = """
        id, project_id, asset_id, external_id, stage, status, review_status, type, assignee, batches, priority, \
        brush_data_url, medical_brush_data_url, duration, total_duration, consensus_score, open_issues_count, is_draft, \
        is_skipped, is_benchmark, created_by, updated_by, created_at, updated_at, completed_at, position, stage_assignees, \
        parent_task_id, consensus_details, opened_at, requeued_at
        """
    static let allColumns = listColumns + ", answer"

    static let insertColumns = [
        "id", "project_id", "asset_id", "external_id", "stage", "status", "review_status", "type", "assignee", "batches",
        "priority", "answer", "brush_data_url", "medical_brush_data_url", "duration", "total_duration", "consensus_score",
        "open_issues_count", "is_draft", "is_skipped", "is_benchmark", "created_by", "updated_by", "created_at", "updated_at",
        "completed_at", "position",
    ]

    /// The import fast path writes `insertColumns` (the engine's columns take their defaults);
    /// tasks the engine creates (consensus sub-tasks) write these too.
    static let engineColumns = ["stage_assignees", "parent_task_id", "consensus_details", "opened_at", "requeued_at"]

    static func engineValues(_ t: LabelTask) -> [SQLValue] {
        [.text(JSONText.of(t.stageAssignees)), .of(t.parentTaskID), .of(t.consensusDetails.map(JSONText.of)), .of(t.openedAt), .of(t.requeuedAt)]
    }

    /// Columns a workflow step may change, in `changedValues` order.
    static let changedColumns = [
        "stage", "status", "review_status", "assignee", "priority", "answer", "brush_data_url", "medical_brush_data_url",
        "duration", "total_duration", "consensus_score", "is_draft", "is_skipped", "is_benchmark", "updated_by", "updated_at",
        "completed_at",
    ] + engineColumns

    static func changedValues(_ t: LabelTask) -> [SQLValue] {
        [.text(t.stage), .text(t.status.rawValue), .of(t.reviewStatus), .of(t.assignee), .int(Int64(t.priority)),
         .text(JSONText.of(t.answer)), .of(t.brushDataURL), .of(t.medicalBrushDataURL), .int(t.duration), .int(t.totalDuration),
         .of(t.consensusScore), .bool(t.isDraft), .bool(t.isSkipped), .bool(t.isBenchmark), .of(t.updatedBy), .int(t.updatedAt),
         .of(t.completedAt)] + engineValues(t)
    }

    static func values(_ t: LabelTask) -> [SQLValue] {
        [.text(t.id), .text(t.projectID), .text(t.assetID), .text(t.externalID), .text(t.stage), .text(t.status.rawValue),
         .of(t.reviewStatus), .text(t.type.rawValue), .of(t.assignee), .text(JSONText.of(t.batches)), .int(Int64(t.priority)),
         .text(JSONText.of(t.answer)), .of(t.brushDataURL), .of(t.medicalBrushDataURL), .int(t.duration), .int(t.totalDuration),
         .of(t.consensusScore), .int(Int64(t.openIssuesCount)), .bool(t.isDraft), .bool(t.isSkipped), .bool(t.isBenchmark),
         .of(t.createdBy), .of(t.updatedBy), .int(t.createdAt), .int(t.updatedAt), .of(t.completedAt), .int(t.position)]
    }

    /// `task_batches` columns: one row per (task, batch), carrying the task's stage and position so
    /// the Tasks table's batch (+ stage) filters are answered from one index.
    static let batchLinkColumns = ["project_id", "batch_id", "stage", "position", "task_id"]

    static func decode(_ row: any SQLRow, withAnswer: Bool) throws -> LabelTask {
        try decode(SQLKitRowReader(row: row), withAnswer: withAnswer)
    }

    static func decode(_ row: any RowReader, withAnswer: Bool) throws -> LabelTask {
        var task = LabelTask(
            id: try row.string("id"), projectID: try row.string("project_id"), assetID: try row.string("asset_id"),
            externalID: try row.string("external_id"), stage: try row.string("stage"),
            status: TaskStatus(rawValue: try row.string("status")) ?? .todo, reviewStatus: try row.optionalString("review_status"),
            type: TaskType(rawValue: try row.string("type")) ?? .default, assignee: try row.optionalString("assignee"),
            batches: try row.stringList("batches"), priority: try row.int("priority"),
            answer: withAnswer ? try row.json("answer") : Answer.empty,
            brushDataURL: try row.optionalString("brush_data_url"), medicalBrushDataURL: try row.optionalString("medical_brush_data_url"),
            duration: try row.int64("duration"), totalDuration: try row.int64("total_duration"),
            consensusScore: try row.optionalDouble("consensus_score"), openIssuesCount: try row.int("open_issues_count"),
            isDraft: try row.bool("is_draft"), isSkipped: try row.bool("is_skipped"), isBenchmark: try row.bool("is_benchmark"),
            createdBy: try row.optionalString("created_by"), updatedBy: try row.optionalString("updated_by"),
            createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"),
            completedAt: try row.optionalInt64("completed_at"), position: try row.int64("position"))
        let assignees = try row.string("stage_assignees")
        if assignees != "{}", let map = try JSONParser.parse(assignees).objectValue {
            task.stageAssignees = map.compactMapValues(\.stringValue)
        }
        task.parentTaskID = try row.optionalString("parent_task_id")
        task.consensusDetails = try row.optionalString("consensus_details").map(JSONParser.parse)
        task.openedAt = try row.optionalInt64("opened_at")
        task.requeuedAt = try row.optionalInt64("requeued_at")
        task.storedStage = task.stage
        return task
    }

    static let historyInsertColumns = [
        "id", "task_id", "project_id", "asset_id", "stage_id", "stage_name", "answer", "duration", "completed_at",
        "completed_by", "review_status", "rework",
    ]

    static func historyValues(_ h: StageHistoryEntry) -> [SQLValue] {
        [.text(h.id), .text(h.taskID), .text(h.projectID), .text(h.assetID), .text(h.stageID), .text(h.stageName),
         .text(JSONText.of(h.answer)), .int(h.duration), .int(h.completedAt), .of(h.completedBy), .of(h.reviewStatus), .bool(h.rework)]
    }

    static func decodeHistory(_ row: any SQLRow) throws -> StageHistoryEntry {
        var entry = StageHistoryEntry(
            id: try row.string("id"), taskID: try row.string("task_id"), projectID: try row.string("project_id"),
            assetID: try row.string("asset_id"), stageID: try row.string("stage_id"), stageName: try row.string("stage_name"),
            answer: try row.json("answer"), duration: try row.int64("duration"), completedAt: try row.int64("completed_at"),
            completedBy: try row.optionalString("completed_by"), reviewStatus: try row.optionalString("review_status"))
        entry.rework = try row.bool("rework")
        return entry
    }
}

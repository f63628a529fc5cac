import GlossCore

/// Row -> `ExportRecord` mapping for the export queries: by column name for SQLKit rows
/// (PostgreSQL), by position for SQLite cursors (an export maps millions of rows; see
/// `SQLExportStore.taskColumns` for the order).
struct ExportRecordRow {
    let selection: ExportSelection

    /// Batch lists repeat across a project (a few batches, many tasks): each distinct list text
    /// is parsed and named once per page.
    private final class BatchNames { var byText: [String: [String]] = ["[]": []] }
    private let batchCache = BatchNames()
    /// The last text seen in columns that repeat from row to row (see `SQLiteRowCursor.string(_:reusing:)`).
    private final class RepeatedText {
        var stage = "", type = "", updatedBy = "", historyStageID = "", historyStageName = "", completedBy = ""
    }
    private let repeated = RepeatedText()

    init(selection: ExportSelection) { self.selection = selection }

    private func names(ofBatches text: String) throws -> [String] {
        if let known = batchCache.byText[text] { return known }
        let names = try selection.batchNames(ofStored: text)
        batchCache.byText[text] = names
        return names
    }

    /// A SQLKit row of the task query.
    func decode(_ row: any RowReader) throws -> (ExportRecord, Int64) {
        let stage = try row.string("stage")
        let record = ExportRecord(
            assetID: try row.string("asset_id"), assetURL: try row.string("data"), externalID: try row.string("external_id"),
            metadataJSON: try row.string("metadata"), contextDataJSON: try row.string("context_data"),
            batchNames: try names(ofBatches: try row.string("batches")), taskID: try row.string("id"), stageID: stage,
            stageName: selection.stageName(of: stage), taskType: try row.string("type"), createdAt: try row.int64("created_at"),
            updatedAt: try row.int64("updated_at"), updatedBy: try row.optionalString("updated_by"), answerJSON: try row.string("answer"),
            brushDataURL: try row.optionalString("brush_data_url"), medicalBrushDataURL: try row.optionalString("medical_brush_data_url"),
            duration: try row.int64("duration"), totalDuration: try row.int64("total_duration"),
            consensusScore: try row.optionalDouble("consensus_score"), consensusDetailsJSON: try row.optionalString("consensus_details"),
            history: [])
        return (record, try row.int64("position"))
    }

    /// The current row of a SQLite cursor over the task query.
    func decode(_ c: SQLiteRowCursor) throws -> (ExportRecord, Int64) {
        let r = repeated
        let stage = c.string(2, reusing: &r.stage)
        let record = ExportRecord(
            assetID: c.string(15), assetURL: c.string(16), externalID: c.string(17), metadataJSON: c.string(18),
            contextDataJSON: c.string(19), batchNames: try names(ofBatches: c.string(4)), taskID: c.string(1), stageID: stage,
            stageName: selection.stageName(of: stage), taskType: c.string(3, reusing: &r.type), createdAt: c.int64(5),
            updatedAt: c.int64(6), updatedBy: c.optionalString(7, reusing: &r.updatedBy), answerJSON: c.string(8),
            brushDataURL: c.optionalString(9), medicalBrushDataURL: c.optionalString(10), duration: c.int64(11),
            totalDuration: c.int64(12), consensusScore: c.optionalDouble(13), consensusDetailsJSON: c.optionalString(14), history: [])
        return (record, c.int64(0))
    }

    /// A history entry from the cursor's columns `first...first+5` (stage id, stage name,
    /// duration, completed at, completed by, answer). An answer equal to `taskAnswer` shares its
    /// storage (the encoder then also reuses the task's encoded answer).
    func history(_ c: SQLiteRowCursor, from first: Int32, taskAnswer: String) -> ExportHistoryRecord {
        let r = repeated
        var answer = taskAnswer
        return ExportHistoryRecord(stageID: c.string(first, reusing: &r.historyStageID), stageName: c.string(first + 1, reusing: &r.historyStageName),
                                   duration: c.int64(first + 2), completedAt: c.int64(first + 3),
                                   completedBy: c.optionalString(first + 4, reusing: &r.completedBy), answerJSON: c.string(first + 5, reusing: &answer))
    }

    /// A history row: (task id, entry), by name or by position.
    static func history(_ row: any RowReader) throws -> (String, ExportHistoryRecord) {
        (try row.string("task_id"), ExportHistoryRecord(
            stageID: try row.string("stage_id"), stageName: try row.string("stage_name"), duration: try row.int64("duration"),
            completedAt: try row.int64("completed_at"), completedBy: try row.optionalString("completed_by"), answerJSON: try row.string("answer")))
    }

    func history(_ c: SQLiteRowCursor) -> (String, ExportHistoryRecord) { (c.string(0), history(c, from: 1, taskAnswer: "")) }

    /// A history entry from the cursor's columns `first...first+5` (stage id, stage name,
    /// duration, completed at, completed by, answer).
    static func history(_ c: SQLiteRowCursor, from first: Int32) -> ExportHistoryRecord {
        ExportHistoryRecord(stageID: c.string(first), stageName: c.string(first + 1), duration: c.int64(first + 2),
                            completedAt: c.int64(first + 3), completedBy: c.optionalString(first + 4), answerJSON: c.string(first + 5))
    }
}

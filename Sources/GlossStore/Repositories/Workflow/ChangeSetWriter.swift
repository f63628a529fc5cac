import GlossCore
import SQLKit

/// Writes a workflow step's `TaskChangeSet` inside the caller's transaction.
enum ChangeSetWriter {
    static let updateSQL = "UPDATE tasks SET " + TaskRow.changedColumns.map { "\($0) = ?" }.joined(separator: ", ")
        + " WHERE project_id = ? AND position = ?"
    static let outboxColumns = ["id", "kind", "project_id", "stage_id", "task_id", "state", "attempts", "next_attempt_at",
                                "created_at", "updated_at"]

    static func write(_ changes: TaskChangeSet, projectID: String, on db: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        if !changes.replacedSubtaskParentIDs.isEmpty {
            var stale: [String] = []
            try await IDChunks.each(changes.replacedSubtaskParentIDs) { chunk in
                stale += try await db.raw("SELECT id FROM tasks WHERE parent_task_id IN (\(binds: chunk)) AND type <> 'benchmark'").all()
                    .map { try $0.string("id") }
            }
            _ = try await TaskDeletion.delete(projectID: projectID, taskIDs: stale, on: db)
        }
        if !changes.deletedTaskIDs.isEmpty { _ = try await TaskDeletion.delete(projectID: projectID, taskIDs: changes.deletedTaskIDs, on: db) }
        try await IDChunks.each(changes.clearedHistoryTaskIDs) { chunk in
            try await db.raw("DELETE FROM task_history WHERE task_id IN (\(binds: chunk))").run()
        }
        for task in changes.updated {
            try await RawStatement.run(db, updateSQL, TaskRow.changedValues(task) + [.text(task.projectID), .int(task.position)])
            // The batch links carry the stage so batch + stage filters stay one index lookup; they
            // are keyed by (project, batch, stage, position), so the stored stage finds them exactly
            // (updated tasks are always ones the store read).
            if let old = task.storedStage, old != task.stage {
                for batch in task.batches {
                    try await RawStatement.run(db, "UPDATE task_batches SET stage = ? WHERE project_id = ? AND batch_id = ? AND stage = ? AND position = ?",
                                               [.text(task.stage), .text(task.projectID), .text(batch), .text(old), .int(task.position)])
                }
            }
        }
        if !changes.inserted.isEmpty { try await insert(changes.inserted, projectID: projectID, on: db) }
        try await BulkInsert.run(db, table: "task_history", columns: TaskRow.historyInsertColumns, rows: changes.history.map(TaskRow.historyValues))
        try await IDChunks.each(changes.preLabeledAssetIDs) { chunk in
            try await db.raw("UPDATE assets SET is_prelabeled = \(bind: true) WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").run()
        }
        if !changes.openedIssues.isEmpty { try await SQLIssueStore.insert(changes.openedIssues, on: db) }
        try await SQLNotificationStore.insert(changes.notifications, on: db)
        try await BulkInsert.run(db, table: "benchmark_results",
                                 columns: ["id", "project_id", "gold_task_id", "user_email", "score", "answer", "duration", "created_at"],
                                 rows: changes.benchmarkResults.map { r in
            [.text(r.id), .text(r.projectID), .text(r.goldTaskID), .text(r.email), .double(r.score), .text(JSONText.of(r.answer)),
             .int(r.duration), .int(r.createdAt)]
        })
        if !changes.outbox.isEmpty { OutboxJournal.noteWrite() }
        try await BulkInsert.run(db, table: "outbox", columns: outboxColumns, rows: changes.outbox.map { item in
            [.text(item.id), .text(item.kind.rawValue), .text(item.projectID), .text(item.stageID), .text(item.taskID),
             .text("pending"), .int(0), .int(item.createdAt), .int(item.createdAt), .int(item.createdAt)]
        })
    }

    /// New tasks get the next positions of the project, like imported ones.
    static func insert(_ tasks: [LabelTask], projectID: String, on db: any SQLDatabase) async throws {
        let count = Int64(tasks.count)
        guard let reserved = try await db.raw("""
            UPDATE projects SET next_position = next_position + \(bind: count), task_count = task_count + \(bind: count)
            WHERE id = \(bind: projectID) RETURNING next_position
            """).first() else { throw DomainError.notFound("project \(projectID) not found") }
        let base = try reserved.int64("next_position") - count
        var rows: [[SQLValue]] = []
        var links: [[SQLValue]] = []
        for (i, original) in tasks.enumerated() {
            var task = original
            task.position = base + Int64(i)
            rows.append(TaskRow.values(task) + TaskRow.engineValues(task))
            for batch in task.batches { links.append([.text(projectID), .text(batch), .text(task.stage), .int(task.position), .text(task.id)]) }
        }
        try await BulkInsert.run(db, table: "tasks", columns: TaskRow.insertColumns + TaskRow.engineColumns, rows: rows)
        try await BulkInsert.run(db, table: "task_batches", columns: TaskRow.batchLinkColumns, rows: links)
    }
}

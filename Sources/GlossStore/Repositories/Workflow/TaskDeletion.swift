import GlossCore
import SQLKit

/// Removes tasks for good inside a caller's transaction: their history and issues, their positions (kept as
/// holes so position paging stays exact) and the project's task count.
enum TaskDeletion {
    /// Deletes the given tasks of the project; returns how many existed.
    static func delete(projectID: String, taskIDs: [String], on db: any SQLDatabase) async throws -> Int {
        var removed = 0
        // Benchmark copies in progress go with their gold task.
        let given = Set(taskIDs)
        let taskIDs = taskIDs + (try await benchmarkCopies(of: taskIDs, on: db)).filter { !given.contains($0) }
        try await IDChunks.each(taskIDs) { chunk in
            let positions = try await db.raw("""
                SELECT position FROM tasks WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))
                """).all().map { try $0.int64("position") }
            guard !positions.isEmpty else { return }
            try await BulkInsert.run(db, table: "task_position_holes", columns: ["project_id", "position"],
                                     rows: positions.map { [.text(projectID), .int($0)] }, suffix: "ON CONFLICT DO NOTHING")
            try await db.raw("DELETE FROM task_batches WHERE project_id = \(bind: projectID) AND position IN (\(binds: positions))").run()
            try await db.raw("DELETE FROM task_history WHERE task_id IN (\(binds: chunk))").run()
            try await db.raw("DELETE FROM issues WHERE task_id IN (\(binds: chunk))").run()
            try await db.raw("DELETE FROM tasks WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").run()
            removed += positions.count
        }
        if removed > 0 {
            try await db.raw("UPDATE projects SET task_count = task_count - \(bind: Int64(removed)) WHERE id = \(bind: projectID)").run()
        }
        return removed
    }

    /// The ids of the benchmark copies (in progress) of these gold tasks.
    static func benchmarkCopies(of goldIDs: [String], on db: any SQLDatabase) async throws -> [String] {
        var copies: [String] = []
        try await IDChunks.each(goldIDs) { chunk in
            copies += try await db.raw("SELECT id FROM tasks WHERE parent_task_id IN (\(binds: chunk)) AND type = 'benchmark'").all()
                .map { try $0.string("id") }
        }
        return copies
    }
}

import GlossCore
import SQLKit

/// The queries behind a claim, each answered from the `tasks_queue` index.
enum QueueClaimSQL {
    /// The next task of `stageID` for the claiming user, or nil.
    static func candidate(_ claim: QueueClaim, stageID: String, backend: DatabaseBackend, on db: any SQLDatabase) async throws -> LabelTask? {
        let base: SQLQueryString = "SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks t WHERE t.project_id = \(bind: claim.projectID) AND t.stage = \(bind: stageID)"
        // 1. The user's own tasks in this stage (sticky assignee, e.g. sent back by a review).
        if let task = try await first(base + " AND t.assignee = \(bind: claim.user) AND t.is_skipped = \(bind: false) ORDER BY t.priority DESC, t.position LIMIT 1", on: db) {
            return task
        }
        // 2. Unassigned tasks, skipped ones last. On PostgreSQL rows another claim holds are
        //    skipped, not waited for, so concurrent labelers take different tasks.
        var pool = base + " AND t.assignee IS NULL AND t.type <> 'benchmark'"
        if claim.exclusiveStageIDs.contains(stageID) {
            // Consensus auto-assign: not a sub-task whose sibling this user holds or has done.
            pool += """
                 AND NOT EXISTS (SELECT 1 FROM tasks s WHERE s.parent_task_id = t.parent_task_id AND s.id <> t.id \
                AND (s.assignee = \(bind: claim.user) OR s.updated_by = \(bind: claim.user)))
                """
        }
        pool += " ORDER BY t.is_skipped, t.priority DESC, t.position LIMIT 1"
        if backend == .postgres { pool += " FOR UPDATE SKIP LOCKED" }
        if let task = try await first(pool, on: db) { return task }
        // 3. The user's skipped tasks, the one skipped longest ago first.
        return try await first(base + " AND t.assignee = \(bind: claim.user) AND t.is_skipped = \(bind: true) ORDER BY t.updated_at, t.position LIMIT 1", on: db)
    }

    static func first(_ sql: SQLQueryString, on db: any SQLDatabase) async throws -> LabelTask? {
        try await db.readRows(sql).first.map { try TaskRow.decode($0, withAnswer: true) }
    }
}

import GlossCore
import SQLKit

/// `WorkflowStore` on SQL. On SQLite every step runs on the single writer inside BEGIN IMMEDIATE,
/// so steps are serialized; on PostgreSQL the rows a step reads are locked (`FOR UPDATE`, and
/// `SKIP LOCKED` for queue claims) so concurrent servers never act on the same task at once.
public struct SQLWorkflowStore: WorkflowStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    var lock: String { database.backend == .postgres ? " FOR UPDATE" : "" }

    public func claim(_ claim: QueueClaim) async throws -> LabelTask? {
        try await database.transaction { db in
            for stageID in claim.stageIDs {
                guard var task = try await QueueClaimSQL.candidate(claim, stageID: stageID, backend: database.backend, on: db) else { continue }
                task.assignee = claim.user
                task.stageAssignees[stageID] = claim.user
                task.openedAt = claim.now
                var changes = TaskChangeSet()
                changes.update(task)
                try await ChangeSetWriter.write(changes, projectID: task.projectID, on: db)
                return task
            }
            return nil
        }
    }

    public func claimBenchmark(projectID: String, stageID: String, user: String, newID: String, now: Int64) async throws -> LabelTask? {
        try await database.transaction { db in
            // Results are unique per (benchmark, person), so even two requests racing past this
            // check cannot record a second attempt.
            guard let gold = try await db.readRows("""
                SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks WHERE project_id = \(bind: projectID) AND is_benchmark = \(bind: true)
                AND type <> 'benchmark'
                AND NOT EXISTS (SELECT 1 FROM benchmark_results r WHERE r.gold_task_id = tasks.id AND r.user_email = \(bind: user))
                AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_task_id = tasks.id AND c.type = 'benchmark' AND c.assignee = \(bind: user))
                ORDER BY position LIMIT 1\(unsafeRaw: lock)
                """).first.map({ try TaskRow.decode($0, withAnswer: true) }) else { return nil }
            let copy = Benchmarks.copy(of: gold, id: newID, stageID: stageID, user: user, now: now)
            var changes = TaskChangeSet()
            changes.inserted = [copy]
            try await ChangeSetWriter.write(changes, projectID: projectID, on: db)
            return try await one("id = \(bind: newID)", on: db)
        }
    }

    public func work<T: Sendable>(taskID: String, withHistory: Bool,
                                  _ decide: (TaskWorkInput) throws -> (TaskChangeSet, T)) async throws -> T? {
        try await database.transaction { db in
            guard let task = try await one("id = \(bind: taskID)", on: db) else { return nil }
            var input = TaskWorkInput(task: task)
            if withHistory {
                input.history = try await db.raw("SELECT * FROM task_history WHERE task_id = \(bind: taskID) ORDER BY completed_at, id")
                    .all().map(TaskRow.decodeHistory)
            }
            if let parentID = task.parentTaskID {
                // Lock order: the sub-task, then its parent, then read the siblings. Two sub-tasks
                // finishing at once serialize on the parent, and the second sees the first's judgement.
                input.parent = try await one("id = \(bind: parentID)", on: db)
                input.siblings = try await many("parent_task_id = \(bind: parentID) AND type <> 'benchmark'", on: db)
            }
            let (changes, result) = try decide(input)
            try await ChangeSetWriter.write(changes, projectID: task.projectID, on: db)
            return result
        }
    }

    public func workMany(projectID: String, selector: TaskSelector,
                         _ decide: ([LabelTask]) throws -> TaskChangeSet) async throws -> Int {
        try await database.transaction { db in
            let positions = try await db.readRows("SELECT t.position FROM tasks t WHERE t.project_id = \(bind: projectID)"
                + TaskFilterSQL.selector(selector) + " ORDER BY t.position").map { try $0.int64("position") }
            var start = 0
            while start < positions.count {
                let chunk = Array(positions[start..<min(positions.count, start + IDChunks.size)])
                let tasks = try await many("project_id = \(bind: projectID) AND position IN (\(binds: chunk))", on: db)
                try await ChangeSetWriter.write(try decide(tasks), projectID: projectID, on: db)
                start += chunk.count
            }
            return positions.count
        }
    }

    func one(_ condition: SQLQueryString, on db: any SQLDatabase) async throws -> LabelTask? {
        try await many(condition, on: db).first
    }

    func many(_ condition: SQLQueryString, on db: any SQLDatabase) async throws -> [LabelTask] {
        try await db.readRows("SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks WHERE " + condition + " ORDER BY position\(unsafeRaw: lock)")
            .map { try TaskRow.decode($0, withAnswer: true) }
    }
}

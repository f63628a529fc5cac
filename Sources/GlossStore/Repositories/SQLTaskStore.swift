import GlossCore
import SQLKit

/// `TaskStore` on SQL.
public struct SQLTaskStore: TaskStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func list(_ query: TaskQuery) async throws -> (tasks: [LabelTask], total: Int) {
        try await database.read { db in
            let columns = query.includeAnswer ? TaskRow.allColumns : TaskRow.listColumns
            if query.isDefaultOrderUnfiltered { return try await newestFirst(query, columns: columns, on: db) }
            if let batchStage = BatchStageFilter(query) { return try await newestInBatch(query, batchStage, columns: columns, on: db) }
            var whereSQL: SQLQueryString = "t.project_id = \(bind: query.projectID)" + TaskFilterSQL.conditions(query.filter, backend: database.backend)
            if let email = query.visibleTo { whereSQL = whereSQL + Self.visibility(email) }
            let total = try await db.readRows("SELECT COUNT(*) AS n FROM tasks t WHERE " + whereSQL).first?.int("n") ?? 0
            var order = query.sort.map { "\(TaskFilterSQL.sortColumn($0.field)) \($0.descending ? "DESC" : "ASC")" }
            if !query.sort.contains(where: { $0.field == .createdAt }) { order.append("t.position DESC") }
            if query.sort.isEmpty { order = ["t.position DESC"] }
            let rows = try await db.readRows("SELECT \(unsafeRaw: columns) FROM tasks t WHERE " + whereSQL
                + " ORDER BY \(unsafeRaw: order.joined(separator: ", ")) LIMIT \(bind: query.page.limit) OFFSET \(bind: query.page.offset)")
            return (try rows.map { try TaskRow.decode($0, withAnswer: query.includeAnswer) }, total)
        }
    }

    /// Tasks the email holds or completed a stage of.
    static func visibility(_ email: String) -> SQLQueryString {
        " AND (t.assignee = \(bind: email) OR EXISTS (SELECT 1 FROM task_history h WHERE h.task_id = t.id AND h.completed_by = \(bind: email)))"
    }

    public func isVisible(taskID: String, to email: String) async throws -> Bool {
        try await database.read { db in
            try await db.readRows("SELECT t.id FROM tasks t WHERE t.id = \(bind: taskID)" + Self.visibility(email)).first != nil
        }
    }

    public func setBenchmark(projectID: String, taskIDs: [String], isBenchmark: Bool, at: Int64) async throws -> Int {
        try await database.transaction { db in
            var found = Set<String>()
            try await IDChunks.each(taskIDs) { chunk in
                found.formUnion(try await db.raw("SELECT id FROM tasks WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").all()
                    .map { try $0.string("id") })
            }
            if let missing = taskIDs.first(where: { !found.contains($0) }) { throw DomainError.invalid("task \(missing) is not in this project") }
            var changed = 0
            try await IDChunks.each(taskIDs) { chunk in
                changed += try await db.raw("""
                    UPDATE tasks SET is_benchmark = \(bind: isBenchmark), updated_at = \(bind: at)
                    WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk)) AND is_benchmark <> \(bind: isBenchmark) RETURNING id
                    """).all().count
            }
            if !isBenchmark {
                // No longer a benchmark: copies still being labeled are dropped.
                _ = try await TaskDeletion.delete(projectID: projectID, taskIDs: try await TaskDeletion.benchmarkCopies(of: taskIDs, on: db), on: db)
            }
            return changed
        }
    }

    public func task(id: String) async throws -> LabelTask? {
        try await database.read { db in
            try await db.readRows("SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks WHERE id = \(bind: id)").first
                .map { try TaskRow.decode($0, withAnswer: true) }
        }
    }

    public func projectID(ofTask id: String) async throws -> String? {
        try await database.read { db in
            // Answered from the tasks_id index alone (it carries the primary key, project and position).
            try await db.readRows("SELECT project_id FROM tasks WHERE id = \(bind: id)").first.map { try $0.string("project_id") }
        }
    }

    public func assign(projectID: String, taskIDs: [String], stageID: String?, assignee: String, at: Int64) async throws -> Int {
        try await database.transaction { db in
            let tasks = try await db.readRows("""
                SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks WHERE project_id = \(bind: projectID) AND id IN (\(binds: taskIDs))
                AND type <> 'benchmark'
                """).map { try TaskRow.decode($0, withAnswer: true) }
            let foundIDs = Set(tasks.map(\.id))
            if let missing = taskIDs.first(where: { !foundIDs.contains($0) }) { throw DomainError.invalid("task \(missing) is not in this project") }
            // The assignee becomes the stage's sticky one too, so a requeue or a rejection that
            // brings the task back keeps it with that person.
            var changes = TaskChangeSet()
            for var task in tasks where stageID == nil || task.stage == stageID {
                task.assignee = assignee
                task.stageAssignees[task.stage] = assignee
                task.updatedAt = at
                changes.update(task)
            }
            try await ChangeSetWriter.write(changes, projectID: projectID, on: db)
            return changes.updated.count
        }
    }

    public func setPriority(projectID: String, selector: TaskSelector, priority: Int, at: Int64) async throws -> Int {
        try await database.transaction { db in
            let whereSQL: SQLQueryString = "t.project_id = \(bind: projectID)" + TaskFilterSQL.selector(selector)
            let matched = try await db.raw("SELECT COUNT(*) AS n FROM tasks t WHERE " + whereSQL).first()?.int("n") ?? 0
            try await db.raw("UPDATE tasks SET priority = \(bind: Int64(priority)), updated_at = \(bind: at) WHERE id IN (SELECT t.id FROM tasks t WHERE " + whereSQL + ")").run()
            return matched
        }
    }

    public func delete(projectID: String, taskIDs: [String]) async throws -> Int {
        try await database.transaction { db in
            let unique = Array(Set(taskIDs))
            var found = Set<String>()
            try await IDChunks.each(unique) { chunk in
                for row in try await db.raw("SELECT id FROM tasks WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").all() {
                    found.insert(try row.string("id"))
                }
            }
            if let missing = taskIDs.first(where: { !found.contains($0) }) { throw DomainError.invalid("task \(missing) is not in this project") }
            return try await TaskDeletion.delete(projectID: projectID, taskIDs: unique, on: db)
        }
    }

    public func history(taskID: String) async throws -> [StageHistoryEntry] {
        try await database.read { db in
            try await db.raw("SELECT * FROM task_history WHERE task_id = \(bind: taskID) ORDER BY completed_at, id").all().map(TaskRow.decodeHistory)
        }
    }

    public func historyEntry(id: String) async throws -> StageHistoryEntry? {
        try await database.read { db in
            try await db.raw("SELECT * FROM task_history WHERE id = \(bind: id)").first().map(TaskRow.decodeHistory)
        }
    }
}

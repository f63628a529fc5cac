import GlossCore
import SQLKit

/// `OutboxStore` on SQL. On PostgreSQL leases take rows with `FOR UPDATE SKIP LOCKED`, so two
/// servers never lease the same item; on SQLite the single writer serializes leases.
public struct SQLOutboxStore: OutboxStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func lease(owner: String, now: Int64, until: Int64, limit: Int) async throws -> [OutboxLease] {
        // Workers poll after every write request: look on a reader first, so an empty outbox
        // never takes the (single, on SQLite) write lock.
        let due = try await database.read { db in
            try await db.raw("""
                SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= \(bind: now)
                AND (lease_until IS NULL OR lease_until < \(bind: now)) LIMIT 1
                """).first()
        }
        guard due != nil else { return [] }
        return try await database.transaction { db in
            var sql: SQLQueryString = """
                SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= \(bind: now)
                AND (lease_until IS NULL OR lease_until < \(bind: now)) ORDER BY next_attempt_at LIMIT \(bind: limit)
                """
            if database.backend == .postgres { sql += " FOR UPDATE SKIP LOCKED" }
            let leases = try await db.raw(sql).all().map { row in
                OutboxLease(item: try Self.item(row), attempts: try row.int("attempts"))
            }
            guard !leases.isEmpty else { return [] }
            try await db.raw("""
                UPDATE outbox SET lease_owner = \(bind: owner), lease_until = \(bind: until), updated_at = \(bind: now)
                WHERE id IN (\(binds: leases.map(\.item.id)))
                """).run()
            return leases
        }
    }

    static func item(_ row: any SQLRow) throws -> OutboxItem {
        OutboxItem(id: try row.string("id"), kind: OutboxItem.Kind(rawValue: try row.string("kind")) ?? .webhook,
                   projectID: try row.string("project_id"), stageID: try row.string("stage_id"), taskID: try row.string("task_id"),
                   createdAt: try row.int64("created_at"))
    }

    public func finish(id: String, now: Int64, log: StageLogEntry) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE outbox SET state = 'done', attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
                  last_error = NULL, updated_at = \(bind: now) WHERE id = \(bind: id)
                """).run()
            try await Self.write(log, on: db)
        }
    }

    public func retry(id: String, retryAt: Int64, error: String, log: StageLogEntry) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE outbox SET attempts = attempts + 1, next_attempt_at = \(bind: retryAt), lease_owner = NULL, lease_until = NULL,
                  last_error = \(bind: error), updated_at = \(bind: log.at) WHERE id = \(bind: id)
                """).run()
            try await Self.write(log, on: db)
        }
    }

    public func giveUp(id: String, error: String, log: StageLogEntry) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE outbox SET state = 'failed', attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
                  last_error = \(bind: error), updated_at = \(bind: log.at) WHERE id = \(bind: id)
                """).run()
            try await Self.write(log, on: db)
        }
    }

    static func write(_ log: StageLogEntry, on db: any SQLDatabase) async throws {
        try await BulkInsert.run(db, table: "stage_logs",
                                 columns: ["project_id", "stage_id", "at", "id", "task_id", "external_id", "ok", "status_code", "message"],
                                 rows: [[.text(log.projectID), .text(log.stageID), .int(log.at), .text(log.id), .text(log.taskID),
                                         .text(log.externalID), .bool(log.ok), .of(log.statusCode.map(Int64.init)), .text(log.message)]])
    }

    public func resend(projectID: String, stageID: String, kind: OutboxItem.Kind, now: Int64, ids: any IDGenerator) async throws -> Int {
        try await database.transaction { db in
            let taskIDs = try await db.raw("""
                SELECT DISTINCT o.task_id FROM outbox o JOIN tasks t ON t.id = o.task_id
                WHERE o.project_id = \(bind: projectID) AND o.stage_id = \(bind: stageID) ORDER BY o.task_id
                """).all().map { try $0.string("task_id") }
            var changes = TaskChangeSet()
            changes.outbox = taskIDs.map { OutboxItem(id: ids.next(), kind: kind, projectID: projectID, stageID: stageID, taskID: $0, createdAt: now) }
            try await ChangeSetWriter.write(changes, projectID: projectID, on: db)
            return taskIDs.count
        }
    }

    public func logs(projectID: String, stageID: String, limit: Int) async throws -> [StageLogEntry] {
        try await database.read { db in
            try await db.raw("""
                SELECT * FROM stage_logs WHERE project_id = \(bind: projectID) AND stage_id = \(bind: stageID)
                ORDER BY at DESC, id DESC LIMIT \(bind: limit)
                """).all().map { row in
                StageLogEntry(id: try row.string("id"), projectID: try row.string("project_id"), stageID: try row.string("stage_id"),
                              taskID: try row.string("task_id"), externalID: try row.string("external_id"), at: try row.int64("at"),
                              ok: try row.bool("ok"), statusCode: try row.optionalInt64("status_code").map(Int.init),
                              message: try row.string("message"))
            }
        }
    }

    public func items(projectID: String, stageID: String) async throws -> [(item: OutboxItem, state: String, attempts: Int)] {
        try await database.read { db in
            try await db.raw("""
                SELECT * FROM outbox WHERE project_id = \(bind: projectID) AND stage_id = \(bind: stageID) ORDER BY created_at DESC, id DESC
                """).all().map { (try Self.item($0), try $0.string("state"), try $0.int("attempts")) }
        }
    }
}

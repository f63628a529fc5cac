import SQLKit

/// What the workflow engine needs on top of the core schema.
///
/// Why it looks like this:
/// - `stage_assignees` (JSON stage id -> email) is the sticky assignee per stage, read and written
///   with the task row it belongs to; only the task's own transactions touch it.
/// - `tasks_queue` answers a claim with two index seeks (the user's own tasks, then unassigned
///   ones) in priority and creation order, skipped tasks last, whatever the queue's length.
/// - `outbox` holds webhook deliveries and plugin dispatches written in the same transaction as the
///   transition that caused them; workers lease rows (`lease_until`) so several servers can share
///   one database and a crash only delays a delivery. `stage_logs` is each stage's log.
struct M002WorkflowEngine: Migration {
    let version = 2
    let name = "workflow engine"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let clustered = backend == .sqlite ? " WITHOUT ROWID" : ""
        let statements: [String] = [
            "ALTER TABLE tasks ADD COLUMN stage_assignees TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE tasks ADD COLUMN parent_task_id TEXT",
            "ALTER TABLE tasks ADD COLUMN consensus_details TEXT",
            "ALTER TABLE tasks ADD COLUMN opened_at BIGINT",
            "ALTER TABLE tasks ADD COLUMN requeued_at BIGINT",
            "ALTER TABLE task_history ADD COLUMN rework BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE INDEX tasks_queue ON tasks (project_id, stage, assignee, is_skipped, priority DESC, position)",
            "CREATE INDEX tasks_parent ON tasks (parent_task_id) WHERE parent_task_id IS NOT NULL",
            """
            CREATE TABLE outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, project_id TEXT NOT NULL, stage_id TEXT NOT NULL,
              task_id TEXT NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL,
              lease_owner TEXT, lease_until BIGINT, last_error TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
            "CREATE INDEX outbox_stage ON outbox (project_id, stage_id, task_id)",
            """
            CREATE TABLE stage_logs (project_id TEXT NOT NULL, stage_id TEXT NOT NULL, at BIGINT NOT NULL, id TEXT NOT NULL,
              task_id TEXT NOT NULL, external_id TEXT NOT NULL, ok BOOLEAN NOT NULL, status_code BIGINT, message TEXT NOT NULL,
              PRIMARY KEY (project_id, stage_id, at, id))\(clustered)
            """,
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

import SQLKit

/// Issues, in-app notifications, and project assignments carried by organization invites.
///
/// Why it looks like this: an issue's comments, mentions and error codes are read and written
/// with the issue, so they are JSON columns of its row (a reply locks and rewrites one row).
/// `tasks.open_issues_count` is kept by the issue writes themselves (+1/−1 in the same
/// transaction), so the Tasks table sorts and filters on it without a join.
struct M006Collaboration: Migration {
    let version = 6
    let name = "issues and notifications"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let statements: [String] = [
            """
            CREATE TABLE issues (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, project_id TEXT NOT NULL,
              task_id TEXT NOT NULL, asset_id TEXT NOT NULL, stage_id TEXT, status TEXT NOT NULL, content TEXT NOT NULL,
              created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_by TEXT, updated_at BIGINT NOT NULL,
              resolved_by TEXT, resolved_at BIGINT, object_id TEXT, position TEXT, page BIGINT, page_end BIGINT,
              data_index BIGINT, plane TEXT, error_codes TEXT NOT NULL, pct_details TEXT, mentions TEXT NOT NULL,
              comments TEXT NOT NULL)
            """,
            "CREATE INDEX issues_project ON issues (project_id, created_at)",
            "CREATE INDEX issues_task ON issues (task_id)",
            """
            CREATE TABLE notifications (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, user_id TEXT NOT NULL,
              kind TEXT NOT NULL, title TEXT, message TEXT NOT NULL, link TEXT, sent_by TEXT, created_at BIGINT NOT NULL,
              read_at BIGINT)
            """,
            "CREATE INDEX notifications_user ON notifications (user_id, created_at)",
            "ALTER TABLE invites ADD COLUMN project_assignments TEXT",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

import SQLKit

/// The first schema: organizations, users, projects, batches, assets, tasks and stage history.
///
/// Why it looks like this:
/// - JSON documents (schema, stages, settings, answers, metadata) are TEXT on both engines: the
///   server never queries inside them, and one representation keeps the SQL shared.
/// - Times are BIGINT epoch milliseconds: identical comparison and indexing on both engines.
/// - `tasks.position` numbers a project's tasks in insertion order. It is the default sort
///   (newest first) and lets deep pages seek instead of scanning an OFFSET; positions freed by
///   deletes are listed in `task_position_holes` so the seek stays exact.
/// - `task_batches` links tasks to batches and carries each task's stage and position, so the
///   Tasks table's batch (+ stage) filters count and page from one index; `batches` TEXT on assets
///   and tasks is the copy the API returns without another query.
struct M001CoreSchema: Migration {
    let version = 1
    let name = "core schema"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        // On SQLite, tables keyed by their primary key are stored in it (no hidden rowid tree):
        // one b-tree fewer per insert, and rows sit in key order (tasks by project and position).
        let clustered = backend == .sqlite ? " WITHOUT ROWID" : ""
        let statements: [String] = [
            """
            CREATE TABLE organizations (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE users (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL, org_role TEXT NOT NULL, api_key_hash TEXT NOT NULL UNIQUE, password_hash TEXT,
              created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX users_org ON users (organization_id)",
            """
            CREATE TABLE projects (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, name TEXT NOT NULL,
              description TEXT NOT NULL, type TEXT NOT NULL, owner TEXT NOT NULL, category_schema TEXT NOT NULL,
              stages TEXT NOT NULL, settings TEXT NOT NULL, deleted BOOLEAN NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL, next_position BIGINT NOT NULL, task_count BIGINT NOT NULL,
              asset_count BIGINT NOT NULL, members TEXT NOT NULL, batches TEXT NOT NULL)
            """,
            "CREATE INDEX projects_org ON projects (organization_id, created_at)",
            """
            CREATE TABLE project_members (project_id TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL,
              PRIMARY KEY (project_id, email))\(clustered)
            """,
            "CREATE INDEX project_members_email ON project_members (email)",
            """
            CREATE TABLE assets (id TEXT NOT NULL, project_id TEXT NOT NULL, external_id TEXT NOT NULL,
              data TEXT NOT NULL, metadata TEXT NOT NULL, context_data TEXT NOT NULL, batches TEXT NOT NULL,
              storage TEXT, attachments TEXT NOT NULL, is_prelabeled BOOLEAN NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL, PRIMARY KEY (project_id, id))\(clustered)
            """,
            "CREATE INDEX assets_external ON assets (project_id, external_id)",
            """
            CREATE TABLE task_batches (project_id TEXT NOT NULL, batch_id TEXT NOT NULL, stage TEXT NOT NULL,
              position BIGINT NOT NULL, task_id TEXT NOT NULL, PRIMARY KEY (project_id, batch_id, stage, position))\(clustered)
            """,
            """
            CREATE TABLE tasks (id TEXT NOT NULL, project_id TEXT NOT NULL, asset_id TEXT NOT NULL,
              external_id TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, review_status TEXT,
              type TEXT NOT NULL, assignee TEXT, batches TEXT NOT NULL, priority BIGINT NOT NULL, answer TEXT NOT NULL,
              brush_data_url TEXT, medical_brush_data_url TEXT, duration BIGINT NOT NULL, total_duration BIGINT NOT NULL,
              consensus_score DOUBLE PRECISION, open_issues_count BIGINT NOT NULL, is_draft BOOLEAN NOT NULL,
              is_skipped BOOLEAN NOT NULL, is_benchmark BOOLEAN NOT NULL, created_by TEXT, updated_by TEXT,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, completed_at BIGINT, position BIGINT NOT NULL,
              PRIMARY KEY (project_id, position))\(clustered)
            """,
            "CREATE UNIQUE INDEX tasks_id ON tasks (id)",
            "CREATE INDEX tasks_stage ON tasks (project_id, stage, position)",
            "CREATE INDEX tasks_asset ON tasks (asset_id)",
            "CREATE INDEX tasks_external ON tasks (project_id, external_id)",
            """
            CREATE TABLE task_position_holes (project_id TEXT NOT NULL, position BIGINT NOT NULL,
              PRIMARY KEY (project_id, position))\(clustered)
            """,
            """
            CREATE TABLE task_history (id TEXT NOT NULL, task_id TEXT NOT NULL, project_id TEXT NOT NULL,
              asset_id TEXT NOT NULL, stage_id TEXT NOT NULL, stage_name TEXT NOT NULL, answer TEXT NOT NULL,
              duration BIGINT NOT NULL, completed_at BIGINT NOT NULL, completed_by TEXT, review_status TEXT,
              PRIMARY KEY (task_id, completed_at, id))\(clustered)
            """,
            "CREATE UNIQUE INDEX task_history_id ON task_history (id)",
            // Server-wide values every Gloss server on this database must agree on (URL signing key).
            "CREATE TABLE server_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

import SQLKit

/// Export jobs.
///
/// Why it looks like this: every export is a row of its own (and a zip named by the row's id), so
/// two exports of one project never share a file; the row lives in the database rather than in
/// the server's memory so any server behind the load balancer can report progress or serve the
/// download while another one writes it. `updated_at` moves with progress: a running job whose
/// server died stops moving, and readers give up on it.
struct M003Exports: Migration {
    let version = 3
    let name = "export jobs"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let statements: [String] = [
            """
            CREATE TABLE export_jobs (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, requested_by TEXT NOT NULL,
              format TEXT NOT NULL, state TEXT NOT NULL, total BIGINT NOT NULL, done BIGINT NOT NULL, bytes BIGINT NOT NULL,
              error TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX export_jobs_project ON export_jobs (project_id, created_at)",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

import SQLKit

/// Benchmark results: one scored attempt per person and benchmark task.
///
/// Why it looks like this: attempts are labeled on short-lived copies of the gold task (type
/// `benchmark`); the copy is deleted when submitted and only this row remains, so benchmark work
/// never shows in the workflow, the stage counts or exports. The unique key makes a second
/// attempt at the same benchmark by the same person impossible.
struct M007Benchmarks: Migration {
    let version = 7
    let name = "benchmark results"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let statements: [String] = [
            """
            CREATE TABLE benchmark_results (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, gold_task_id TEXT NOT NULL,
              user_email TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, answer TEXT NOT NULL, duration BIGINT NOT NULL,
              created_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX benchmark_results_attempt ON benchmark_results (gold_task_id, user_email)",
            "CREATE INDEX benchmark_results_project ON benchmark_results (project_id, user_email)",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

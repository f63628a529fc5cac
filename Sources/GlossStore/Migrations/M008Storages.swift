import SQLKit

/// Storages: an organization's bucket connections. Credentials are stored sealed (AES-GCM with
/// the server's secret key, which is not in the database), so a database dump alone reveals no keys.
struct M008Storages: Migration {
    let version = 8
    let name = "storages"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let statements: [String] = [
            """
            CREATE TABLE storages (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, name TEXT NOT NULL, provider TEXT NOT NULL,
              bucket TEXT, region TEXT NOT NULL, endpoint TEXT, path_style BOOLEAN NOT NULL, sealed_credentials TEXT NOT NULL,
              created_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX storages_name ON storages (organization_id, name)",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

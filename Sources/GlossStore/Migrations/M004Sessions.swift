import SQLKit

/// Browser sign-in.
///
/// Why it looks like this: the web UI signs in with email and password and then rides on a
/// cookie, so sessions need a home that every server behind a load balancer can read; the table
/// stores only a hash of the cookie value, like API keys. `api_key_hint` keeps the last four
/// characters of a user's key so the profile page can show which key is current without the
/// key itself ever being stored.
struct M004Sessions: Migration {
    let version = 4
    let name = "sessions and api key hints"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let statements: [String] = [
            "ALTER TABLE users ADD COLUMN api_key_hint TEXT NOT NULL DEFAULT ''",
            """
            CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL,
              csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE INDEX sessions_expiry ON sessions (expires_at)",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

import SQLKit

/// Invite links.
///
/// Why it looks like this: an admin invites an email and sends the link; whoever opens it chooses
/// a password and becomes that user. The token is stored hashed, as keys and sessions are;
/// `accepted_at` makes a link single-use (accepting sets it in the same transaction that creates
/// the user). The organization-invite routes of the API (issue #6) read the same table.
struct M005Invites: Migration {
    let version = 5
    let name = "invites"

    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws {
        let statements: [String] = [
            """
            CREATE TABLE invites (token_hash TEXT PRIMARY KEY, organization_id TEXT NOT NULL, email TEXT NOT NULL,
              org_role TEXT NOT NULL, invited_by TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
              accepted_at BIGINT)
            """,
            "CREATE INDEX invites_org_email ON invites (organization_id, email)",
        ]
        for sql in statements { try await db.raw(SQLQueryString(sql)).run() }
    }
}

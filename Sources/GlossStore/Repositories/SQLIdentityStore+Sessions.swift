import GlossCore
import SQLKit

/// Passwords, API-key rotation and browser sessions.
extension SQLIdentityStore {
    public func credentials(email: String) async throws -> (user: User, passwordHash: String?)? {
        try await database.read { db in
            try await db.raw("SELECT * FROM users WHERE email = \(bind: email.lowercased())").first().map { row in
                (try Self.decode(row), try row.optionalString("password_hash"))
            }
        }
    }

    public func setPasswordHash(_ hash: String, userID: String) async throws {
        try await database.transaction { db in
            let updated = try await db.raw("UPDATE users SET password_hash = \(bind: hash) WHERE id = \(bind: userID) RETURNING id").all()
            if updated.isEmpty { throw DomainError.notFound("no user \(userID)") }
            // A new password ends the sessions opened with the old one.
            try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run()
        }
    }

    public func replaceAPIKey(userID: String, with key: StoredAPIKey) async throws {
        try await database.transaction { db in
            let updated = try await db.raw("""
                UPDATE users SET api_key_hash = \(bind: key.hash), api_key_hint = \(bind: key.hint) WHERE id = \(bind: userID) RETURNING id
                """).all()
            if updated.isEmpty { throw DomainError.notFound("no user \(userID)") }
        }
    }

    public func apiKeyHint(userID: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT api_key_hint FROM users WHERE id = \(bind: userID)").first().map { try $0.string("api_key_hint") }
        }
    }

    public func createSession(_ session: StoredSession) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: session.tokenHash), \(bind: session.userID), \(bind: session.csrfToken),
                        \(bind: session.createdAt), \(bind: session.expiresAt))
                """).run()
        }
    }

    public func session(tokenHash: String) async throws -> (session: StoredSession, user: User)? {
        try await database.read { db in
            try await db.raw("""
                SELECT s.token_hash, s.csrf_token, s.created_at AS session_created_at, s.expires_at, u.*
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = \(bind: tokenHash)
                """).first().map { row in
                let user = try Self.decode(row)
                let session = StoredSession(tokenHash: try row.string("token_hash"), userID: user.id, csrfToken: try row.string("csrf_token"),
                                            createdAt: try row.int64("session_created_at"), expiresAt: try row.int64("expires_at"))
                return (session, user)
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
        }
    }

    public func deleteSessions(expiredBefore now: Int64) async throws -> Int {
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: now) RETURNING token_hash").all().count
        }
    }
}

import Foundation

/// Browser sign-in: passwords, sessions and API-key rotation.
extension IdentityService {
    /// How long a session lasts after sign-in (14 days).
    public static let sessionLifetimeMillis: Int64 = 14 * 24 * 3600 * 1000

    /// A new session: the token for the cookie (shown to no one else) and the session it opens.
    public struct NewSession: Sendable {
        /// Cookie value; only its hash is stored.
        public var token: String
        /// The session.
        public var session: SignedInSession
    }

    /// Signs in with email and password. Unknown email, no password set and a wrong password all
    /// get the same 401, so the answer does not reveal which emails exist.
    public func signIn(email rawEmail: String, password: String) async throws -> NewSession {
        let failure = DomainError.unauthenticated("wrong email or password")
        guard password.utf8.count <= PasswordRules.maximumLength else { throw failure }
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = try await store.credentials(email: email), let stored = found.passwordHash else {
            // Same work as a real check, so timing does not tell unknown emails apart.
            _ = passwords.verify(password, against: Self.decoyHash)
            throw failure
        }
        guard passwords.verify(password, against: stored) else { throw failure }
        return try await openSession(for: found.user)
    }

    /// Signs in with an API key (what `gloss serve` prints for the first admin).
    public func signIn(apiKey: String) async throws -> NewSession {
        try await openSession(for: try await authenticate(apiKey: apiKey))
    }

    /// The session for a cookie token, or nil when unknown or expired.
    public func session(token: String) async throws -> SignedInSession? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        guard let found = try await store.session(tokenHash: hasher.hash(token)) else { return nil }
        guard found.session.expiresAt > ISODate.millis(clock.now()) else { return nil }
        return SignedInSession(user: found.user, csrfToken: found.session.csrfToken, expiresAt: found.session.expiresAt)
    }

    /// Ends a session.
    public func signOut(token: String) async throws {
        try await store.deleteSession(tokenHash: hasher.hash(token))
    }

    /// Sets the password of the user with this email (CLI and profile).
    public func setPassword(email rawEmail: String, password: String) async throws {
        let email = try EmailAddress.validated(rawEmail)
        let checked = try PasswordRules.validated(password)
        guard let user = try await store.user(email: email) else { throw DomainError.notFound("no user with email \(email)") }
        try await store.setPasswordHash(passwords.hash(checked), userID: user.id)
    }

    /// Changes the caller's password after checking the current one. Every session of the user
    /// ends; the returned one replaces the caller's.
    public func changePassword(for user: User, current: String, new: String) async throws -> NewSession {
        let checked = try PasswordRules.validated(new, field: "newPassword")
        if let stored = try await store.credentials(email: user.email)?.passwordHash {
            guard passwords.verify(current, against: stored) else { throw DomainError.forbidden("currentPassword is wrong") }
        }
        try await store.setPasswordHash(passwords.hash(checked), userID: user.id)
        return try await openSession(for: user)
    }

    /// Gives the user a new API key, returned once; the old key stops working.
    public func rotateAPIKey(for user: User) async throws -> String {
        let key = Self.newAPIKey()
        try await store.replaceAPIKey(userID: user.id, with: stored(key))
        return key
    }

    /// The last characters of the user's key.
    public func apiKeyHint(for user: User) async throws -> String {
        try await store.apiKeyHint(userID: user.id) ?? ""
    }

    func openSession(for user: User) async throws -> NewSession {
        let now = ISODate.millis(clock.now())
        // Drop ended sessions now and then, so the table does not grow forever.
        if Int.random(in: 0..<50) == 0 { try await store.deleteSessions(expiredBefore: now) }
        let token = ObjectID.randomHex(bytes: 32)
        let stored = StoredSession(tokenHash: hasher.hash(token), userID: user.id, csrfToken: ObjectID.randomHex(bytes: 24),
                                   createdAt: now, expiresAt: now + Self.sessionLifetimeMillis)
        try await store.createSession(stored)
        return NewSession(token: token, session: SignedInSession(user: user, csrfToken: stored.csrfToken, expiresAt: stored.expiresAt))
    }

    /// Not a stored form of anything: hashers do a full derivation for it and answer false.
    static var decoyHash: String { "decoy" }
}

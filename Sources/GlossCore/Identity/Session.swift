/// A signed-in browser session, as stored: the token itself is only ever stored hashed.
public struct StoredSession: Sendable, Hashable {
    /// Hash of the session token (the cookie value).
    public var tokenHash: String
    /// The signed-in user.
    public var userID: String
    /// The token every cookie-authenticated write must echo in `X-CSRF-Token`.
    public var csrfToken: String
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// End of validity, epoch ms.
    public var expiresAt: Int64
    /// Creates a stored session.
    public init(tokenHash: String, userID: String, csrfToken: String, createdAt: Int64, expiresAt: Int64) {
        self.tokenHash = tokenHash; self.userID = userID; self.csrfToken = csrfToken
        self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// A session resolved to its user.
public struct SignedInSession: Sendable, Hashable {
    /// The user.
    public var user: User
    /// The CSRF token of the session.
    public var csrfToken: String
    /// End of validity, epoch ms.
    public var expiresAt: Int64
    /// Creates the value.
    public init(user: User, csrfToken: String, expiresAt: Int64) { self.user = user; self.csrfToken = csrfToken; self.expiresAt = expiresAt }
}

/// Persistence of organizations, users, their hashed API keys and passwords, and browser sessions.
public protocol IdentityStore: Sendable {
    /// Creates the first organization and its owner, unless any user exists. Returns false when
    /// the database already had users (nothing written). Safe when servers start concurrently.
    func bootstrap(organization: Organization, owner: User, apiKey: StoredAPIKey) async throws -> Bool
    /// Creates another organization with its owner (`DomainError.conflict` when the email is taken).
    func createOrganization(_ organization: Organization, owner: User, apiKey: StoredAPIKey) async throws
    /// Adds a user; `DomainError.conflict` when the email is taken.
    func createUser(_ user: User, apiKey: StoredAPIKey, passwordHash: String?) async throws
    /// The user owning the key with this hash.
    func user(apiKeyHash: String) async throws -> User?
    /// The user with this email.
    func user(email: String) async throws -> User?
    /// The oldest organization (the one `gloss users create` adds to).
    func firstOrganization() async throws -> Organization?

    /// The user with this email and their stored password hash (nil when none was set).
    func credentials(email: String) async throws -> (user: User, passwordHash: String?)?
    /// Sets a user's password hash; `DomainError.notFound` for an unknown user.
    func setPasswordHash(_ hash: String, userID: String) async throws
    /// Replaces a user's API key (the old one stops working).
    func replaceAPIKey(userID: String, with key: StoredAPIKey) async throws
    /// The last characters of the user's current key, for recognising it ("…3f9a").
    func apiKeyHint(userID: String) async throws -> String?

    /// Stores a new session.
    func createSession(_ session: StoredSession) async throws
    /// The session with this token hash and its user, if it exists (expired ones included).
    func session(tokenHash: String) async throws -> (session: StoredSession, user: User)?
    /// Removes a session (sign out).
    func deleteSession(tokenHash: String) async throws
    /// Removes every session that ended before `now`; returns how many.
    @discardableResult
    func deleteSessions(expiredBefore now: Int64) async throws -> Int
}

/// An API key as stored: its hash, and a short hint of the key's end for people to recognise it.
public struct StoredAPIKey: Sendable, Hashable {
    /// SHA-256 of the key.
    public var hash: String
    /// The key's last four characters.
    public var hint: String
    /// Creates the value.
    public init(hash: String, hint: String) { self.hash = hash; self.hint = hint }
}

/// Persistence of organizations, users and their hashed API keys.
public protocol IdentityStore: Sendable {
    /// Creates the first organization and its owner, unless any user exists. Returns false when
    /// the database already had users (nothing written). Safe when servers start concurrently.
    func bootstrap(organization: Organization, owner: User, apiKeyHash: String) async throws -> Bool
    /// Creates another organization with its owner (`DomainError.conflict` when the email is taken).
    func createOrganization(_ organization: Organization, owner: User, apiKeyHash: String) async throws
    /// Adds a user; `DomainError.conflict` when the email is taken.
    func createUser(_ user: User, apiKeyHash: String) async throws
    /// The user owning the key with this hash.
    func user(apiKeyHash: String) async throws -> User?
    /// The user with this email.
    func user(email: String) async throws -> User?
    /// The oldest organization (the one `gloss users create` adds to).
    func firstOrganization() async throws -> Organization?
}

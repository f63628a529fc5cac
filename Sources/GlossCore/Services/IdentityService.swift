/// Who is calling: organizations, users and their API keys.
public struct IdentityService: Sendable {
    let store: any IdentityStore
    let invites: any InviteStore
    let hasher: any SecretHasher
    let passwords: any PasswordHasher
    let clock: any GlossClock
    let ids: any IDGenerator

    /// What `bootstrap` did.
    public enum BootstrapOutcome: Sendable, Equatable {
        /// The database already had users; nothing changed.
        case alreadyInitialized
        /// Created the organization and its admin with this key (print it once).
        case created(email: String, apiKey: String)
    }

    /// On an empty database: creates an organization and its admin. Uses `apiKey` when given
    /// (from GLOSS_ADMIN_API_KEY), else generates one.
    public func bootstrap(adminEmail: String, apiKey: String?) async throws -> BootstrapOutcome {
        let email = try EmailAddress.validated(adminEmail, field: "admin email")
        let key = apiKey ?? Self.newAPIKey()
        guard key.count >= 16 else { throw DomainError.invalid("the admin API key must be at least 16 characters") }
        let now = ISODate.millis(clock.now())
        let org = Organization(id: ids.next(), name: "Default organization", createdAt: now)
        let user = User(id: ids.next(), organizationID: org.id, email: email, name: email, orgRole: .owner, createdAt: now)
        let created = try await store.bootstrap(organization: org, owner: user, apiKey: stored(key))
        return created ? .created(email: email, apiKey: key) : .alreadyInitialized
    }

    /// Adds a user to the first organization, with a password when given; returns the user and
    /// their new API key.
    public func createUser(email rawEmail: String, role: OrgRole, password: String? = nil) async throws -> (user: User, apiKey: String) {
        let email = try EmailAddress.validated(rawEmail)
        let passwordHash = try password.map { passwords.hash(try PasswordRules.validated($0)) }
        guard let org = try await store.firstOrganization() else {
            throw DomainError.conflict("the database has no organization yet: start `gloss serve` once first")
        }
        let key = Self.newAPIKey()
        let user = User(id: ids.next(), organizationID: org.id, email: email, name: email, orgRole: role,
                        createdAt: ISODate.millis(clock.now()))
        try await store.createUser(user, apiKey: stored(key), passwordHash: passwordHash)
        return (user, key)
    }

    /// The user owning `apiKey`, or `DomainError.unauthenticated`.
    public func authenticate(apiKey: String?) async throws -> User {
        guard let apiKey, !apiKey.isEmpty else { throw DomainError.unauthenticated("Invalid API KEY") }
        guard let user = try await store.user(apiKeyHash: hasher.hash(apiKey)) else {
            throw DomainError.unauthenticated("Invalid API KEY")
        }
        return user
    }

    /// The user with this email, if any.
    public func user(email: String) async throws -> User? { try await store.user(email: email.lowercased()) }

    /// The stored form of a key: its hash and its last four characters.
    func stored(_ key: String) -> StoredAPIKey { StoredAPIKey(hash: hasher.hash(key), hint: String(key.suffix(4))) }

    /// A new random API key: 40 hex characters (160 bits).
    public static func newAPIKey() -> String { ObjectID.randomHex(bytes: 20) }
}

import GlossCore
import SQLKit

/// `IdentityStore` on SQL.
public struct SQLIdentityStore: IdentityStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func bootstrap(organization: Organization, owner: User, apiKey: StoredAPIKey) async throws -> Bool {
        try await database.transaction { db in
            // Inside the write transaction, so two servers starting together create one admin.
            if try await db.raw("SELECT id FROM users LIMIT 1").first() != nil { return false }
            try await db.raw("""
                INSERT INTO organizations (id, name, created_at)
                VALUES (\(bind: organization.id), \(bind: organization.name), \(bind: organization.createdAt))
                """).run()
            try await insert(owner, apiKey: apiKey, passwordHash: nil, on: db)
            return true
        }
    }

    public func createOrganization(_ organization: Organization, owner: User, apiKey: StoredAPIKey) async throws {
        try await database.transaction { db in
            if try await db.raw("SELECT id FROM users WHERE email = \(bind: owner.email)").first() != nil {
                throw DomainError.conflict("a user with email \(owner.email) already exists")
            }
            try await db.raw("""
                INSERT INTO organizations (id, name, created_at)
                VALUES (\(bind: organization.id), \(bind: organization.name), \(bind: organization.createdAt))
                """).run()
            try await insert(owner, apiKey: apiKey, passwordHash: nil, on: db)
        }
    }

    public func createUser(_ user: User, apiKey: StoredAPIKey, passwordHash: String?) async throws {
        try await database.transaction { db in
            if try await db.raw("SELECT id FROM users WHERE email = \(bind: user.email)").first() != nil {
                throw DomainError.conflict("a user with email \(user.email) already exists")
            }
            try await insert(user, apiKey: apiKey, passwordHash: passwordHash, on: db)
        }
    }

    func insert(_ user: User, apiKey: StoredAPIKey, passwordHash: String?, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO users (id, organization_id, email, name, org_role, api_key_hash, api_key_hint, password_hash, created_at)
            VALUES (\(bind: user.id), \(bind: user.organizationID), \(bind: user.email), \(bind: user.name),
                    \(bind: user.orgRole.rawValue), \(bind: apiKey.hash), \(bind: apiKey.hint), \(bind: passwordHash), \(bind: user.createdAt))
            """).run()
    }

    public func user(apiKeyHash: String) async throws -> User? {
        try await database.read { db in
            try await db.raw("SELECT * FROM users WHERE api_key_hash = \(bind: apiKeyHash)").first().map(Self.decode)
        }
    }

    public func user(email: String) async throws -> User? {
        try await database.read { db in
            try await db.raw("SELECT * FROM users WHERE email = \(bind: email.lowercased())").first().map(Self.decode)
        }
    }

    public func firstOrganization() async throws -> Organization? {
        try await database.read { db in
            try await db.raw("SELECT * FROM organizations ORDER BY created_at, id LIMIT 1").first().map { row in
                Organization(id: try row.string("id"), name: try row.string("name"), createdAt: try row.int64("created_at"))
            }
        }
    }

    static func decode(_ row: any SQLRow) throws -> User {
        User(id: try row.string("id"), organizationID: try row.string("organization_id"), email: try row.string("email"),
             name: try row.string("name"), orgRole: OrgRole(rawValue: try row.string("org_role")) ?? .member,
             createdAt: try row.int64("created_at"))
    }
}

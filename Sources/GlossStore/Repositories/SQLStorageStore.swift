import GlossCore
import SQLKit

/// `StorageStore` on SQL.
public struct SQLStorageStore: StorageStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func create(_ s: Storage) async throws {
        try await database.transaction { db in
            if try await db.raw("SELECT id FROM storages WHERE organization_id = \(bind: s.organizationID) AND name = \(bind: s.name)").first() != nil {
                throw DomainError.conflict("a storage named \(s.name) already exists")
            }
            try await db.raw("""
                INSERT INTO storages (id, organization_id, name, provider, bucket, region, endpoint, path_style, sealed_credentials, created_at)
                VALUES (\(bind: s.id), \(bind: s.organizationID), \(bind: s.name), \(bind: s.provider.rawValue), \(bind: s.bucket), \(bind: s.region),
                        \(bind: s.endpoint), \(bind: s.pathStyle), \(bind: s.sealedCredentials), \(bind: s.createdAt))
                """).run()
        }
    }

    public func list(organizationID: String) async throws -> [Storage] {
        try await database.read { db in
            try await db.raw("SELECT * FROM storages WHERE organization_id = \(bind: organizationID) ORDER BY created_at, id").all().map(Self.decode)
        }
    }

    public func storage(id: String) async throws -> Storage? {
        try await database.read { db in try await db.raw("SELECT * FROM storages WHERE id = \(bind: id)").first().map(Self.decode) }
    }

    public func delete(id: String) async throws {
        try await database.transaction { db in try await db.raw("DELETE FROM storages WHERE id = \(bind: id)").run() }
    }

    static func decode(_ row: any SQLRow) throws -> Storage {
        Storage(id: try row.string("id"), organizationID: try row.string("organization_id"), name: try row.string("name"),
                provider: Storage.Provider(rawValue: try row.string("provider")) ?? .aws, bucket: try row.optionalString("bucket"),
                region: try row.string("region"), endpoint: try row.optionalString("endpoint"), pathStyle: try row.bool("path_style"),
                sealedCredentials: try row.string("sealed_credentials"), createdAt: try row.int64("created_at"))
    }
}

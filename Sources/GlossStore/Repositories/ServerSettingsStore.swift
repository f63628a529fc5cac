import GlossCore
import SQLKit

/// Server-wide settings shared by every server on the database.
public struct ServerSettingsStore: Sendable {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    /// The value under `key`, creating it with `make()` when absent. The first writer wins, so
    /// servers starting together agree on one value.
    public func value(_ key: String, orCreate make: @Sendable () -> String) async throws -> String {
        if let existing = try await read(key) { return existing }
        let candidate = make()
        return try await database.transaction { db in
            try await db.raw("INSERT INTO server_settings (key, value) VALUES (\(bind: key), \(bind: candidate)) ON CONFLICT DO NOTHING").run()
            return try await db.raw("SELECT value FROM server_settings WHERE key = \(bind: key)").first()?.string("value") ?? candidate
        }
    }

    private func read(_ key: String) async throws -> String? {
        try await database.read { db in try await db.raw("SELECT value FROM server_settings WHERE key = \(bind: key)").first()?.string("value") }
    }
}

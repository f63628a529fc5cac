import Foundation
import Logging
import SQLKit

/// One numbered schema change. `apply` runs inside the migrator's transaction.
public protocol Migration: Sendable {
    /// Strictly increasing number.
    var version: Int { get }
    /// Short name, recorded in `gloss_migrations`.
    var name: String { get }
    /// Applies the change.
    func apply(on db: any SQLDatabase, backend: DatabaseBackend) async throws
}

/// Brings a database to the newest schema. Each migration runs in its own transaction together
/// with its bookkeeping row, so a crash leaves the schema at a known version. On PostgreSQL an
/// advisory lock makes servers that start at the same moment take turns.
public struct Migrator: Sendable {
    /// Every migration, oldest first.
    public static let all: [any Migration] = [M001CoreSchema(), M002WorkflowEngine(), M003Exports(), M004Sessions(), M005Invites(), M006Collaboration(), M007Benchmarks(), M008Storages()]

    let database: any GlossDatabase
    let logger: Logger

    /// Creates a migrator.
    public init(database: any GlossDatabase, logger: Logger) { self.database = database; self.logger = logger }

    /// Applies what is missing; returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] {
        var applied: [Int] = []
        for migration in Self.all {
            let ran = try await database.transaction { db -> Bool in
                if database.backend == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(4711)").run() }
                try await db.raw("""
                    CREATE TABLE IF NOT EXISTS gloss_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                    """).run()
                let done = try await db.raw("SELECT version FROM gloss_migrations WHERE version = \(bind: migration.version)").first()
                if done != nil { return false }
                try await migration.apply(on: db, backend: database.backend)
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await db.raw("INSERT INTO gloss_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))").run()
                return true
            }
            if ran { applied.append(migration.version); logger.info("applied migration \(migration.version) \(migration.name)") }
        }
        return applied
    }
}

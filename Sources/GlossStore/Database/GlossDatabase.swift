import SQLKit

/// Which SQL engine is underneath. The SQL is shared; only a few statements differ.
public enum DatabaseBackend: String, Sendable {
    case sqlite, postgres
}

/// A database Gloss runs on: reads on any connection, writes in one transaction each.
public protocol GlossDatabase: Sendable {
    /// The engine.
    var backend: DatabaseBackend { get }
    /// Runs `body` on a connection for reading (no transaction).
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: all of it commits, or none (BEGIN IMMEDIATE on SQLite, so
    /// writers queue instead of failing; READ COMMITTED with row locks on PostgreSQL).
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes connections.
    func shutdown() async
}

/// Where the data lives, from `--data-dir` / `--database-url`.
public enum DatabaseLocation: Sendable, Equatable {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresURL)

    /// Opens the database (no migrations run here).
    public func open(logger: Logger) async throws -> any GlossDatabase {
        switch self {
        case .sqlite(let path): return try await SQLiteGlossDatabase.open(path: path, logger: logger)
        case .postgres(let url): return try await PostgresGlossDatabase.open(url, logger: logger)
        }
    }
}

import Logging

/// BEGIN, the body, then COMMIT; ROLLBACK and rethrow on any error. Both engines use it.
nonisolated(nonsending) func runTransaction<T>(_ db: any SQLDatabase, begin: SQLQueryString, logger: Logger,
                       _ body: (any SQLDatabase) async throws -> T) async throws -> T {
    try await db.raw(begin).run()
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        do { try await db.raw("ROLLBACK").run() } catch { logger.error("rollback failed: \(error)") }
        throw error
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import SQLiteNIO
import SQLKit
import Synchronization

/// SQLite in WAL mode: one writer connection (writes queue on a lock, each in
/// `BEGIN IMMEDIATE`) and a few reader connections that never wait for the writer.
public final class SQLiteGlossDatabase: GlossDatabase {
    public let backend = DatabaseBackend.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let direct: SQLiteDirectReaders
    private let writeLock = AsyncLock()
    private let nextReader = Atomic<Int>(0)
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], direct: SQLiteDirectReaders, logger: Logger) {
        self.writer = writer; self.readers = readers; self.direct = direct; self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, readers readerCount: Int = 3, logger: Logger) async throws -> SQLiteGlossDatabase {
        let writer = try await connect(path: path, logger: logger)
        // WAL lets readers run while the writer writes; NORMAL sync is durable across process
        // crashes (a power loss may drop the last commits, never corrupt the file).
        _ = try await writer.query("PRAGMA journal_mode=WAL")
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount { readers.append(try await connect(path: path, logger: logger)) }
        let direct = try SQLiteDirectReaders(path: path, count: readerCount)
        return SQLiteGlossDatabase(writer: writer, readers: readers, direct: direct, logger: logger)
    }

    private static func connect(path: String, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: .singleton, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        for pragma in ["PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=OFF", "PRAGMA temp_store=MEMORY",
                       "PRAGMA cache_size=-16000", "PRAGMA busy_timeout=10000"] {
            _ = try await connection.query(pragma)
        }
        try await connection.install(customFunction: SQLiteCustomFunction("regexp", argumentCount: 2, pure: true) { args in
            // `x REGEXP p` calls regexp(p, x). Patterns were checked when the filter was parsed.
            guard let pattern = args[0].string, let value = args[1].string else { return false }
            guard let regex = try? Regex(pattern) else { return false }
            return (try? regex.firstMatch(in: value)) != nil
        })
        return connection
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.add(1, ordering: .relaxed).oldValue
        let reader = readers[abs(index) % readers.count]
        return try await body(GlossSQL(base: reader.sql(queryLogLevel: nil), raw: .sqlite(reader), direct: direct))
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            let db = GlossSQL(base: writer.sql(queryLogLevel: nil), raw: .sqlite(writer))
            return try await runTransaction(db, begin: "BEGIN IMMEDIATE", logger: logger, body)
        }
    }

    public func shutdown() async {
        for connection in readers + [writer] { try? await connection.close() }
    }
}

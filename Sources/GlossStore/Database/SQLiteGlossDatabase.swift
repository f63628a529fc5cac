import Foundation
import Logging
import SQLKit

/// SQLite in WAL mode through the C API: one writer connection (writes queue on an async lock,
/// each in `BEGIN IMMEDIATE`) and a few reader connections that never wait for the writer.
public final class SQLiteGlossDatabase: GlossDatabase {
    public let backend = DatabaseBackend.sqlite
    private let writer: DirectSQLiteConnection
    private let readers: SQLiteDirectReaders
    private let commits: GroupCommit
    private let checkpointer: WALCheckpointer
    /// Kept for as long as the writer reports to it.
    private let walFrames: WALFrameCounter
    private let logger: Logger

    private init(writer: DirectSQLiteConnection, readers: SQLiteDirectReaders, checkpointer: WALCheckpointer, walFrames: WALFrameCounter,
                 logger: Logger) {
        self.writer = writer; self.readers = readers; self.checkpointer = checkpointer; self.walFrames = walFrames; self.logger = logger
        commits = GroupCommit(logger: logger)
    }

    /// Opens (creating if needed) the database file at `path`. Four readers: an export reads with
    /// three at once (`ExportService.write`), and the fourth keeps pages and lists answering meanwhile.
    public static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteGlossDatabase {
        let writer = try DirectSQLiteConnection(path: path, readOnly: false)
        // WAL lets readers run while the writer writes; NORMAL sync is durable across process
        // crashes (a power loss may drop the last commits, never corrupt the file).
        // Checkpoints run on their own thread (WALCheckpointer), never inside a commit.
        try writer.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF; " +
                           "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-4000; PRAGMA wal_autocheckpoint=0")
        let walFrames = WALFrameCounter()
        walFrames.observe(writer)
        // SQLite syncs the WAL header to disk when a log starts. Start it now, by writing the
        // header page with the value it has, so that sync is part of starting the server and not
        // of its first request.
        if case .int(let version)? = try writer.query("PRAGMA user_version", []).first?.values.first {
            try writer.execute("PRAGMA user_version = \(version)")
        }
        let readers = try SQLiteDirectReaders(path: path, count: readerCount)
        let checkpointer = try WALCheckpointer(path: path, frames: walFrames)
        return SQLiteGlossDatabase(writer: writer, readers: readers, checkpointer: checkpointer, walFrames: walFrames, logger: logger)
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let db = DirectSQLDatabase(target: .readers(readers), logger: logger)
        return try await body(db)
    }

    /// Writes queue on the writer's lock; concurrent ones share a COMMIT (see `GroupCommit`).
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await commits.transaction(on: DirectSQLDatabase(target: .writer(writer), logger: logger), body)
    }

    public func shutdown() async {
        await commits.lock.lock()
        await commits.flush(on: DirectSQLDatabase(target: .writer(writer), logger: logger))
        checkpointer.stop()
        readers.close()
        writer.close()
        commits.lock.unlock()
    }
}

import Foundation

/// A few read-only connections; each query takes whichever is free. WAL readers never wait for
/// the writer, so a read holds its thread only for the query's own time.
final class SQLiteDirectReaders: @unchecked Sendable {
    private let connections: [DirectSQLiteConnection]
    private let next = NSLock()
    private var counter = 0

    init(path: String, count: Int) throws {
        connections = try (0..<count).map { _ in
            let connection = try DirectSQLiteConnection(path: path, readOnly: true)
            // SQLite's default 2 MB of page cache each. In WAL mode a connection drops its whole
            // cache at its next read after any other connection commits, so with labelers at work
            // a bigger cache is rarely warm; it only made the first export after a start fault in
            // up to 16 MB of fresh heap per reader (a quarter of that export's time).
            try connection.execute("PRAGMA cache_size=-2000")
            // The first statement on a connection parses the whole schema; do it now, at start,
            // rather than in the first requests (the first export after a restart uses three).
            _ = try connection.query("SELECT count(*) FROM sqlite_master", [])
            return connection
        }
    }

    /// Closes every connection.
    func close() { for connection in connections { connection.close() } }

    /// Runs one query on a free connection.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [DirectRow] {
        try withConnection { connection in try connection.query(sql, binds) }
    }

    /// Runs `body` on a free connection (or waits for one, round robin).
    func withConnection<T>(_ body: (DirectSQLiteConnection) throws -> T) throws -> T {
        for connection in connections where connection.lock.try() {
            defer { connection.lock.unlock() }
            return try body(connection)
        }
        next.lock()
        counter += 1
        let connection = connections[counter % connections.count]
        next.unlock()
        connection.lock.lock()
        defer { connection.lock.unlock() }
        return try body(connection)
    }
}

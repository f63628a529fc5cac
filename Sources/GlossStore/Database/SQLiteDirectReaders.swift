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
            // 512 KB of page cache each (128 pages: a page of tasks, a filtered count, an export
            // span's interior pages). In WAL mode a connection drops its whole cache at its next
            // read after any other connection commits, so with labelers at work a bigger cache is
            // rarely warm; what it does cost is fresh heap, ~5 µs a page to fault in on the VMs
            // measured: with 2 MB each, the first export after a start faulted in 1,500 pages of
            // reader cache (its scans fill whatever cache there is).
            try connection.execute("PRAGMA cache_size=-512")
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

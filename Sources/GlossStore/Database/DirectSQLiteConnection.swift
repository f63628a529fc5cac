import Foundation
import VaporCSQLite

/// One SQLite connection driven through the C API, synchronously on the calling thread, with its
/// prepared statements cached by SQL text. SQLiteNIO hops to a thread pool for every statement and
/// back to an event loop for every row; for Gloss's short statements those hops cost more than the
/// statements. Callers serialize use with `lock` (readers) or the write lock (the writer).
final class DirectSQLiteConnection: @unchecked Sendable {
    let lock = NSLock()
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private static let maxCachedStatements = 256
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(path: String, readOnly: Bool) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            throw Failure(description: "cannot open the SQLite database at \(path)")
        }
        self.handle = handle
        sqlite_nio_sqlite3_busy_timeout(handle, 10_000)
        sqlite_nio_sqlite3_create_function_v2(handle, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, regexpFunction, nil, nil, nil)
    }

    private var closed = false

    deinit { close() }

    /// Finalizes cached statements and closes the connection (the last close checkpoints the WAL).
    /// Registers SQLite's WAL hook (called after each commit with the WAL's frame count).
    /// `context` must outlive the connection.
    func setWALHook(_ context: UnsafeMutableRawPointer,
                    _ hook: @escaping @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32) {
        _ = sqlite_nio_sqlite3_wal_hook(handle, hook, context)
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// Runs statements without results (PRAGMA, BEGIN, COMMIT).
    func execute(_ sql: String) throws {
        guard !closed else { throw Failure(description: "the database is closed") }
        guard sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// Runs one statement and returns its rows.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [DirectRow] {
        var rows: [DirectRow] = []
        try forEachRow(sql, binds) { cursor in rows.append(cursor.row()) }
        return rows
    }

    /// Runs one single-row statement once per row of values, reusing the prepared statement: for
    /// bulk INSERTs this is cheaper than compiling a multi-row VALUES list (no SQL to parse, no
    /// flattened bind array), and SQLite's own loop is the same.
    func executeEach(_ sql: String, _ rows: [[SQLValue]]) throws {
        guard !closed else { throw Failure(description: "the database is closed") }
        let statement = try prepared(sql)
        defer { sqlite_nio_sqlite3_reset(statement); sqlite_nio_sqlite3_clear_bindings(statement) }
        for values in rows {
            bind(values, to: statement)
            guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { throw failure() }
            sqlite_nio_sqlite3_reset(statement)
        }
    }

    func bind(_ binds: [SQLValue], to statement: OpaquePointer) {
        for (i, value) in binds.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .text(let s):
                // The byte count spares SQLite a strlen; native strings hand out their UTF-8 without copying.
                var text = s
                text.withUTF8 { bytes in
                    // A nil pointer would bind NULL, not the empty string.
                    guard let base = bytes.baseAddress else { _ = sqlite_nio_sqlite3_bind_text(statement, index, "", 0, Self.transient); return }
                    _ = sqlite_nio_sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                                     Int32(bytes.count), Self.transient)
                }
            case .int(let v): sqlite_nio_sqlite3_bind_int64(statement, index, v)
            case .double(let d): sqlite_nio_sqlite3_bind_double(statement, index, d)
            case .bool(let b): sqlite_nio_sqlite3_bind_int64(statement, index, b ? 1 : 0)
            case .null: sqlite_nio_sqlite3_bind_null(statement, index)
            }
        }
    }

    /// Runs one statement and hands every row to `body` as a cursor on the live statement:
    /// columns are read by position straight from SQLite, without building rows (bulk reads).
    func forEachRow(_ sql: String, _ binds: [SQLValue], _ body: (inout SQLiteRowCursor) throws -> Void) throws {
        guard !closed else { throw Failure(description: "the database is closed") }
        let statement = try prepared(sql)
        defer { sqlite_nio_sqlite3_reset(statement); sqlite_nio_sqlite3_clear_bindings(statement) }
        bind(binds, to: statement)
        var cursor = SQLiteRowCursor(statement: statement)
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw failure() }
            try body(&cursor)
        }
    }

    /// Runs `body` with one `SQLiteScan` per statement, stepped by the caller side by side (all in
    /// the read transaction the first one to step opens); every scan is reset afterwards.
    func withScans<R>(_ sql: [String], _ body: (inout [SQLiteScan]) throws -> R) throws -> R {
        guard !closed else { throw Failure(description: "the database is closed") }
        // Emptying the statement cache while preparing would finalize a scan prepared just before.
        if statements.count + sql.count > Self.maxCachedStatements { finalizeCached() }
        var scans = try sql.map { SQLiteScan(connection: self, statement: try prepared($0)) }
        defer { for scan in scans { sqlite_nio_sqlite3_reset(scan.statement); sqlite_nio_sqlite3_clear_bindings(scan.statement) } }
        return try body(&scans)
    }

    private func finalizeCached() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.maxCachedStatements { finalizeCached() }
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure() }
        statements[sql] = statement
        return statement
    }

    func failure() -> Failure { Failure(description: "sqlite: " + String(cString: sqlite_nio_sqlite3_errmsg(handle))) }
}

/// `x REGEXP p` calls regexp(p, x); patterns were checked when the filter was parsed.
private let regexpFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
    guard count == 2, let values, let p = sqlite_nio_sqlite3_value_text(values[0]), let v = sqlite_nio_sqlite3_value_text(values[1]) else {
        sqlite_nio_sqlite3_result_int(context, 0)
        return
    }
    let pattern = String(cString: p), value = String(cString: v)
    let matched = (try? Regex(pattern)).flatMap { try? $0.firstMatch(in: value) } != nil
    sqlite_nio_sqlite3_result_int(context, matched ? 1 : 0)
}

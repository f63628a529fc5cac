import Foundation
import VaporCSQLite

/// A prepared statement stepped by hand, for reads that walk several ordered statements side by
/// side (a merge join done by the caller). Starting it again with other values is a seek.
struct SQLiteScan {
    let connection: DirectSQLiteConnection
    let statement: OpaquePointer
    /// Whether the scan is on a row (false before `start` and past its last row).
    private(set) var onRow = false

    init(connection: DirectSQLiteConnection, statement: OpaquePointer) {
        self.connection = connection; self.statement = statement
    }

    /// The current row's columns, valid until the scan moves.
    var row: SQLiteRowCursor { SQLiteRowCursor(statement: statement) }

    /// (Re)starts the statement with `values` bound and steps to its first row.
    mutating func start(_ values: [SQLValue]) throws {
        sqlite_nio_sqlite3_reset(statement)
        connection.bind(values, to: statement)
        try next()
    }

    /// Steps to the next row.
    mutating func next() throws {
        let step = sqlite_nio_sqlite3_step(statement)
        guard step == SQLITE_ROW || step == SQLITE_DONE else { throw connection.failure() }
        onRow = step == SQLITE_ROW
    }
}

/// A scan ordered by a text key in its first column (`... WHERE key >= ? ORDER BY key, ...`) that
/// is moved to keys asked for in rising order: by stepping when the key is a few rows ahead, by a
/// seek (the statement started again from the key) when it is farther, or behind.
struct SQLiteKeyedScan {
    private(set) var scan: SQLiteScan
    /// Values bound before the key (`project_id = ?` and the like).
    private let fixed: [SQLValue]
    /// The key the scan was last moved to; rows before the current one are all below it.
    private var sought: [UInt8] = []
    private var positioned = false
    /// Rows stepped over before seeking instead (a seek in these tables costs about as much as
    /// ten steps). After a move that ran out of steps only one is tried: when the keys asked for
    /// are sparse (an export of one batch in ten), stepping would mostly be wasted.
    static let maxSteps = 8
    private var steps = maxSteps

    init(_ scan: SQLiteScan, fixed: [SQLValue]) {
        self.scan = scan; self.fixed = fixed
        sought.reserveCapacity(32)
    }

    /// Whether the scan is on a row whose key is `key`.
    func isOn(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        scan.onRow && Self.compare(scan.row.bytes(0), key) == 0
    }

    /// Moves to the first row whose key is at least `key` (or past the end when there is none).
    mutating func move(to key: UnsafeBufferPointer<UInt8>) throws {
        if positioned {
            let order = sought.withUnsafeBufferPointer { Self.compare($0, key) }
            if order == 0 { return }
            if order < 0 {
                // Forward: every row before the current one is below `sought`, so below `key`.
                var stepped = 0
                while scan.onRow, Self.compare(scan.row.bytes(0), key) < 0 {
                    if stepped == steps { steps = 1; return try seek(key) }
                    try scan.next()
                    stepped += 1
                }
                steps = Self.maxSteps
                remember(key)
                return
            }
        }
        try seek(key)
    }

    /// Calls `body` with every row whose key is `key`, moving there first.
    mutating func forEachRow(at key: UnsafeBufferPointer<UInt8>, _ body: (SQLiteRowCursor) throws -> Void) throws {
        try move(to: key)
        while isOn(key) {
            try body(scan.row)
            try scan.next()
        }
    }

    private mutating func seek(_ key: UnsafeBufferPointer<UInt8>) throws {
        try scan.start(fixed + [.text(String(decoding: key, as: UTF8.self))])
        remember(key)
        positioned = true
    }

    private mutating func remember(_ key: UnsafeBufferPointer<UInt8>) {
        sought.removeAll(keepingCapacity: true)
        sought.append(contentsOf: key)
    }

    /// SQLite's BINARY order: bytes compared as unsigned, a prefix before the longer text; NULL first.
    static func compare(_ a: UnsafeBufferPointer<UInt8>?, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let a else { return -1 }
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}

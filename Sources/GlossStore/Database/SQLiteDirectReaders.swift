import Foundation
import VaporCSQLite

/// Read-only SQLite connections queried synchronously on the calling thread, with prepared
/// statements cached per connection. SQLiteNIO hops to a thread pool for each query and back to an
/// event loop for each row; for a page of 100 tasks those hops cost more than the query itself.
/// WAL readers never wait for the writer, so a read holds its thread only for the query's own time.
final class SQLiteDirectReaders: @unchecked Sendable {
    private final class Slot {
        let lock = NSLock()
        let handle: OpaquePointer
        var statements: [String: OpaquePointer] = [:]
        init(handle: OpaquePointer) { self.handle = handle }
    }

    private let slots: [Slot]
    private let next = NSLock()
    private var counter = 0
    private static let maxCachedStatements = 128
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(path: String, count: Int) throws {
        var slots: [Slot] = []
        for _ in 0..<count {
            var handle: OpaquePointer?
            let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
            guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
                throw Failure(description: "cannot open \(path) for reading")
            }
            sqlite_nio_sqlite3_busy_timeout(handle, 10_000)
            sqlite_nio_sqlite3_exec(handle, "PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY", nil, nil, nil)
            slots.append(Slot(handle: handle))
        }
        self.slots = slots
    }

    deinit {
        for slot in slots {
            for statement in slot.statements.values { sqlite_nio_sqlite3_finalize(statement) }
            sqlite_nio_sqlite3_close_v2(slot.handle)
        }
    }

    /// Runs one query and returns its rows.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [DirectRow] {
        let slot = acquire()
        defer { slot.lock.unlock() }
        let statement = try prepared(sql, on: slot)
        defer { sqlite_nio_sqlite3_reset(statement); sqlite_nio_sqlite3_clear_bindings(statement) }
        for (i, value) in binds.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .text(let s): sqlite_nio_sqlite3_bind_text(statement, index, s, -1, Self.transient)
            case .int(let v): sqlite_nio_sqlite3_bind_int64(statement, index, v)
            case .double(let d): sqlite_nio_sqlite3_bind_double(statement, index, d)
            case .bool(let b): sqlite_nio_sqlite3_bind_int64(statement, index, b ? 1 : 0)
            case .null: sqlite_nio_sqlite3_bind_null(statement, index)
            }
        }
        let columnCount = Int(sqlite_nio_sqlite3_column_count(statement))
        var names: [String: Int] = [:]
        for i in 0..<columnCount { names[String(cString: sqlite_nio_sqlite3_column_name(statement, Int32(i)))] = i }
        let columns = DirectRow.Columns(names: names)
        var rows: [DirectRow] = []
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw Failure(description: String(cString: sqlite_nio_sqlite3_errmsg(slot.handle))) }
            var values: [SQLValue] = []
            values.reserveCapacity(columnCount)
            for i in 0..<Int32(columnCount) {
                switch sqlite_nio_sqlite3_column_type(statement, i) {
                case SQLITE_INTEGER: values.append(.int(sqlite_nio_sqlite3_column_int64(statement, i)))
                case SQLITE_FLOAT: values.append(.double(sqlite_nio_sqlite3_column_double(statement, i)))
                case SQLITE_TEXT:
                    let count = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
                    let text = sqlite_nio_sqlite3_column_text(statement, i).map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
                    } ?? ""
                    values.append(.text(text))
                default: values.append(.null)
                }
            }
            rows.append(DirectRow(columns: columns, values: values))
        }
        return rows
    }

    private func acquire() -> Slot {
        for slot in slots where slot.lock.try() { return slot }
        next.lock()
        counter += 1
        let slot = slots[counter % slots.count]
        next.unlock()
        slot.lock.lock()
        return slot
    }

    private func prepared(_ sql: String, on slot: Slot) throws -> OpaquePointer {
        if let statement = slot.statements[sql] { return statement }
        if slot.statements.count >= Self.maxCachedStatements {
            for statement in slot.statements.values { sqlite_nio_sqlite3_finalize(statement) }
            slot.statements.removeAll()
        }
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(slot.handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: String(cString: sqlite_nio_sqlite3_errmsg(slot.handle)))
        }
        slot.statements[sql] = statement
        return statement
    }
}

/// One row read by `SQLiteDirectReaders`.
struct DirectRow: RowReader {
    final class Columns: @unchecked Sendable {
        let names: [String: Int]
        init(names: [String: Int]) { self.names = names }
    }
    let columns: Columns
    let values: [SQLValue]

    struct Missing: Error { let column: String }

    private func value(_ c: String) throws -> SQLValue {
        guard let i = columns.names[c] else { throw Missing(column: c) }
        return values[i]
    }
    func string(_ c: String) throws -> String { guard case .text(let s) = try value(c) else { throw Missing(column: c) }; return s }
    func optionalString(_ c: String) throws -> String? { if case .text(let s) = try value(c) { return s }; return nil }
    func int64(_ c: String) throws -> Int64 { guard case .int(let i) = try value(c) else { throw Missing(column: c) }; return i }
    func optionalInt64(_ c: String) throws -> Int64? { if case .int(let i) = try value(c) { return i }; return nil }
    func bool(_ c: String) throws -> Bool { guard case .int(let i) = try value(c) else { throw Missing(column: c) }; return i != 0 }
    func optionalDouble(_ c: String) throws -> Double? {
        switch try value(c) {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
}

import Foundation
import VaporCSQLite

/// The current row of a stepping SQLite statement, read by column position.
struct SQLiteRowCursor {
    let statement: OpaquePointer
    private var columns: DirectRow.Columns?

    init(statement: OpaquePointer) { self.statement = statement }

    /// Text (or a number as text); "" for NULL.
    func string(_ i: Int32) -> String {
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
        guard let text = sqlite_nio_sqlite3_column_text(statement, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
    /// Text of column `i`, or `previous` when its bytes are the same (then `previous` is kept).
    /// Columns that repeat from row to row (stage names, emails, a history entry's answer equal to
    /// its task's) then cost no allocation or copy.
    func string(_ i: Int32, reusing previous: inout String) -> String {
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, i))
        guard let text = sqlite_nio_sqlite3_column_text(statement, i) else { return "" }
        let same = previous.utf8.count == count && previous.utf8.withContiguousStorageIfAvailable { known in
            count == 0 || memcmp(known.baseAddress!, text, count) == 0
        } == true
        if !same { previous = String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self) }
        return previous
    }
    /// `string(_:reusing:)`, or nil for NULL.
    func optionalString(_ i: Int32, reusing previous: inout String) -> String? {
        sqlite_nio_sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : string(i, reusing: &previous)
    }
    /// Text, or nil for NULL.
    func optionalString(_ i: Int32) -> String? {
        sqlite_nio_sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : string(i)
    }
    /// The UTF-8 bytes of column `i` (numbers as text), nil for NULL. They stay valid until the
    /// cursor moves to the next row.
    func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite_nio_sqlite3_column_text(statement, i) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite_nio_sqlite3_column_bytes(statement, i)))
    }
    /// Whether column `i` is NULL.
    func isNull(_ i: Int32) -> Bool { sqlite_nio_sqlite3_column_type(statement, i) == SQLITE_NULL }
    func int64(_ i: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, i) }
    func optionalDouble(_ i: Int32) -> Double? {
        sqlite_nio_sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite_nio_sqlite3_column_double(statement, i)
    }

    /// The row as a `DirectRow` (column names looked up once per statement).
    mutating func row() -> DirectRow {
        let count = Int(sqlite_nio_sqlite3_column_count(statement))
        if columns == nil {
            var names: [String: Int] = [:]
            for i in 0..<count { names[String(cString: sqlite_nio_sqlite3_column_name(statement, Int32(i)))] = i }
            columns = DirectRow.Columns(names: names)
        }
        var values: [SQLValue] = []
        values.reserveCapacity(count)
        for i in 0..<Int32(count) {
            switch sqlite_nio_sqlite3_column_type(statement, i) {
            case SQLITE_INTEGER: values.append(.int(sqlite_nio_sqlite3_column_int64(statement, i)))
            case SQLITE_FLOAT: values.append(.double(sqlite_nio_sqlite3_column_double(statement, i)))
            case SQLITE_TEXT, SQLITE_BLOB: values.append(.text(string(i)))
            default: values.append(.null)
            }
        }
        return DirectRow(columns: columns!, values: values)
    }
}

import GlossCore
import SQLiteNIO
import SQLKit

/// Typed column access shared by SQLKit rows and raw SQLite rows, so row mapping is written once.
protocol RowReader {
    func string(_ column: String) throws -> String
    func optionalString(_ column: String) throws -> String?
    func int64(_ column: String) throws -> Int64
    func optionalInt64(_ column: String) throws -> Int64?
    func bool(_ column: String) throws -> Bool
    func optionalDouble(_ column: String) throws -> Double?
}

extension RowReader {
    func int(_ column: String) throws -> Int { Int(try int64(column)) }
    func json(_ column: String) throws -> JSONValue { try JSONParser.parse(try string(column)) }
    func stringList(_ column: String) throws -> [String] {
        let text = try string(column)
        if text == "[]" { return [] }
        return try JSONParser.parse(text).arrayValue?.compactMap(\.stringValue) ?? []
    }
}

/// A SQLKit row (PostgreSQL, and SQLite outside the fast path).
struct SQLKitRowReader: RowReader {
    let row: any SQLRow
    func string(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
    func optionalString(_ c: String) throws -> String? { try row.decode(column: c, as: String?.self) }
    func int64(_ c: String) throws -> Int64 { try row.decode(column: c, as: Int64.self) }
    func optionalInt64(_ c: String) throws -> Int64? { try row.decode(column: c, as: Int64?.self) }
    func bool(_ c: String) throws -> Bool { try row.decode(column: c, as: Bool.self) }
    func optionalDouble(_ c: String) throws -> Double? { try row.decode(column: c, as: Double?.self) }
}

/// A raw SQLite row: values read straight from `SQLiteData`, without SQLKit's `Decoder` round
/// trip per column (which dominated the cost of a page of 100 tasks).
struct SQLiteRowReader: RowReader {
    let row: SQLiteRow
    struct Missing: Error { let column: String }

    private func value(_ c: String) throws -> SQLiteData {
        guard let data = row.column(c) else { throw Missing(column: c) }
        return data
    }
    func string(_ c: String) throws -> String { guard let s = try value(c).string else { throw Missing(column: c) }; return s }
    func optionalString(_ c: String) throws -> String? { let v = try value(c); return v.isNull ? nil : v.string }
    func int64(_ c: String) throws -> Int64 { guard let i = try value(c).integer else { throw Missing(column: c) }; return Int64(i) }
    func optionalInt64(_ c: String) throws -> Int64? { try value(c).integer.map(Int64.init) }
    func bool(_ c: String) throws -> Bool { guard let b = try value(c).bool else { throw Missing(column: c) }; return b }
    func optionalDouble(_ c: String) throws -> Double? { try value(c).double }
}

extension SQLDatabase {
    /// Runs a query and returns row readers: raw SQLite rows when this is Gloss's SQLite
    /// connection and every bind is a plain value, SQLKit rows otherwise.
    func readRows(_ query: SQLQueryString) async throws -> [any RowReader] {
        if let fast = self as? GlossSQL, case .sqlite(let connection) = fast.raw {
            let (sql, binds) = fast.base.serialize(query)
            // REGEXP needs the custom function only the SQLiteNIO connections have.
            if let direct = fast.direct, !sql.contains("REGEXP") {
                var values: [SQLValue] = []
                values.reserveCapacity(binds.count)
                for bind in binds {
                    guard let value = SQLValue.from(bind) else { return try await raw(query).all().map(SQLKitRowReader.init) }
                    values.append(value)
                }
                return try direct.query(sql, values)
            }
            var data: [SQLiteData] = []
            data.reserveCapacity(binds.count)
            for bind in binds {
                guard let value = Self.sqliteData(bind) else { return try await raw(query).all().map(SQLKitRowReader.init) }
                data.append(value)
            }
            return try await connection.query(sql, data).map(SQLiteRowReader.init)
        }
        return try await raw(query).all().map(SQLKitRowReader.init)
    }

    static func sqliteData(_ bind: any Encodable & Sendable) -> SQLiteData? {
        switch bind {
        case let s as String: return .text(s)
        case let i as Int: return .integer(i)
        case let i as Int64: return .integer(Int(i))
        case let b as Bool: return .integer(b ? 1 : 0)
        case let d as Double: return .float(d)
        case let s as String?: return s.map(SQLiteData.text) ?? .null
        default: return nil
        }
    }
}

extension SQLValue {
    /// A bind value from SQLKit as a plain value (nil for types bulk code never binds).
    static func from(_ bind: any Encodable & Sendable) -> SQLValue? {
        switch bind {
        case let s as String: return .text(s)
        case let i as Int: return .int(Int64(i))
        case let i as Int64: return .int(i)
        case let b as Bool: return .bool(b)
        case let d as Double: return .double(d)
        case let s as String?: return s.map(SQLValue.text) ?? .null
        default: return nil
        }
    }
}

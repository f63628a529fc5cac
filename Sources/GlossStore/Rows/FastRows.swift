import GlossCore
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

extension SQLDatabase {
    /// Runs a query and returns row readers: raw SQLite rows when this is Gloss's SQLite
    /// connection and every bind is a plain value, SQLKit rows otherwise.
    func readRows(_ query: SQLQueryString) async throws -> [any RowReader] {
        if let direct = self as? DirectSQLDatabase { return try direct.rows(query) }
        return try await raw(query).all().map(SQLKitRowReader.init)
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

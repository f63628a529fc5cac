import GlossCore
import SQLKit

/// Typed column readers, so mapping code reads as a list of fields.
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func int(_ column: String) throws -> Int { Int(try int64(column)) }
    func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }
    func optionalDouble(_ column: String) throws -> Double? { try decode(column: column, as: Double?.self) }

    /// A JSON TEXT column parsed back into a value (stored text is always valid JSON).
    func json(_ column: String) throws -> JSONValue { try JSONParser.parse(try string(column)) }
    /// A JSON TEXT column holding an array of strings.
    func stringList(_ column: String) throws -> [String] { try json(column).arrayValue?.compactMap(\.stringValue) ?? [] }
}

/// Encodes values for JSON TEXT columns.
enum JSONText {
    /// Every new task and Start history entry carries the empty answer: encode it once.
    static let emptyAnswer = Answer.empty.jsonText()
    static func of(_ value: JSONValue) -> String { value == Answer.empty ? emptyAnswer : value.jsonText() }
    static func of(_ strings: [String]) -> String { JSONValue.array(strings.map { .string($0) }).jsonText() }
}

/// Multi-row INSERTs in chunks that stay under both engines' bind-parameter limits
/// (SQLite 32,766; PostgreSQL 65,535). Far fewer round trips than one INSERT per row, and inside
/// a transaction the values are bound straight into the driver (see `GlossSQL`).
enum BulkInsert {
    static let maxBinds = 30_000

    static func run(_ db: any SQLDatabase, table: String, columns: [String], rows: [[SQLValue]], suffix: String = "") async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, maxBinds / columns.count)
        let rowPlaceholder = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            let slice = rows[start..<end]
            var sql = head + Array(repeating: rowPlaceholder, count: slice.count).joined(separator: ",")
            if !suffix.isEmpty { sql += " " + suffix }
            if let fast = db as? GlossSQL {
                try await fast.run(sql, Array(slice.joined()))
            } else {
                var query = SQLQueryString(head)
                for (i, row) in slice.enumerated() {
                    if i > 0 { query += ", " }
                    query += "(\(binds: row.map(\.encodable)))"
                }
                if !suffix.isEmpty { query += SQLQueryString(" " + suffix) }
                try await db.raw(query).run()
            }
            start = end
        }
    }
}

/// `IN (...)` lists in chunks, for statements addressing many ids.
enum IDChunks {
    static let size = 900

    static func each(_ ids: [String], _ body: ([String]) async throws -> Void) async throws {
        var start = 0
        while start < ids.count {
            let end = min(ids.count, start + size)
            try await body(Array(ids[start..<end]))
            start = end
        }
    }
}

import GlossCore
import SQLKit

/// Typed column readers for SQLKit rows: the same implementation as `RowReader`'s.
extension SQLRow {
    private var reader: SQLKitRowReader { SQLKitRowReader(row: self) }
    func string(_ column: String) throws -> String { try reader.string(column) }
    func optionalString(_ column: String) throws -> String? { try reader.optionalString(column) }
    func int64(_ column: String) throws -> Int64 { try reader.int64(column) }
    func optionalInt64(_ column: String) throws -> Int64? { try reader.optionalInt64(column) }
    func int(_ column: String) throws -> Int { try reader.int(column) }
    func bool(_ column: String) throws -> Bool { try reader.bool(column) }
    func json(_ column: String) throws -> JSONValue { try reader.json(column) }
    func stringList(_ column: String) throws -> [String] { try reader.stringList(column) }
}

/// Encodes values for JSON TEXT columns.
enum JSONText {
    /// Every new task and Start history entry carries the empty answer: encode it once.
    static let emptyAnswer = Answer.empty.jsonText()
    static func of(_ value: JSONValue) -> String { value == Answer.empty ? emptyAnswer : value.jsonText() }
    static func of(_ strings: [String]) -> String { JSONValue.array(strings.map { .string($0) }).jsonText() }
    static func of(_ map: [String: String]) -> String { map.isEmpty ? "{}" : JSONValue.object(map.mapValues { .string($0) }).jsonText() }
}

/// Many-row INSERTs. On PostgreSQL: multi-row VALUES lists in chunks under its bind-parameter
/// limit (65,535), far fewer round trips than one INSERT per row. On SQLite (in-process, no round
/// trips): one prepared single-row statement stepped once per row (`DirectSQLDatabase.runEach`).
enum BulkInsert {
    static let maxBinds = 30_000

    static func run(_ db: any SQLDatabase, table: String, columns: [String], rows: [[SQLValue]], suffix: String = "") async throws {
        guard !rows.isEmpty else { return }
        let rowPlaceholder = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        if let direct = db as? DirectSQLDatabase {
            // SQLite runs in-process: one prepared single-row statement stepped per row beats
            // compiling a multi-row VALUES list.
            try direct.runEach(head + rowPlaceholder + (suffix.isEmpty ? "" : " " + suffix), rows)
            return
        }
        let perStatement = max(1, maxBinds / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            let slice = rows[start..<end]
            var sql = head + Array(repeating: rowPlaceholder, count: slice.count).joined(separator: ",")
            if !suffix.isEmpty { sql += " " + suffix }
            try await RawStatement.run(db, sql, Array(slice.joined()))
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

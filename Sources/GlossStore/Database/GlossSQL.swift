import Logging
import NIOCore
import PostgresNIO
import SQLKit

/// A plain SQL value for bulk writes, bound straight into the driver.
enum SQLValue: Sendable {
    case text(String), int(Int64), double(Double), bool(Bool), null

    static func of(_ s: String?) -> SQLValue { s.map(SQLValue.text) ?? .null }
    static func of(_ i: Int64?) -> SQLValue { i.map(SQLValue.int) ?? .null }
    static func of(_ d: Double?) -> SQLValue { d.map(SQLValue.double) ?? .null }

    var encodable: any Encodable & Sendable {
        switch self {
        case .text(let s): return s
        case .int(let i): return i
        case .double(let d): return d
        case .bool(let b): return b
        case .null: return String?.none
        }
    }
}

/// A PostgreSQL transaction's connection: an ordinary `SQLDatabase` (everything forwards to
/// PostgresKit's adapter) that also exposes the PostgresNIO connection. Bulk inserts use it to bind
/// values directly, skipping SQLKit's per-value `Encodable` round trip, which dominated import time.
/// (On SQLite, `DirectSQLDatabase` plays this part itself.)
struct GlossSQL: SQLDatabase {
    let base: any SQLDatabase
    let connection: PostgresConnection

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// Runs one statement whose placeholders are written `?` (renumbered `$n` here).
    func run(_ sql: String, _ values: [SQLValue]) async throws {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let s): bindings.append(s)
            case .int(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .bool(let b): bindings.append(b)
            case .null: bindings.appendNull()
            }
        }
        try await connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings), logger: logger)
    }

    /// `?` placeholders to `$1, $2, ...` (bulk SQL is generated here and has no `?` in literals).
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count * 2)
        var n = 0
        for c in sql {
            if c == "?" { n += 1; out += "$\(n)" } else { out.append(c) }
        }
        return out
    }
}

import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import SQLKit

/// SQLKit over the direct SQLite connections: the writer (inside a transaction) or the reader pool.
struct DirectSQLDatabase: SQLDatabase {
    enum Target: Sendable { case writer(DirectSQLiteConnection), readers(SQLiteDirectReaders) }

    let target: Target
    let logger: Logger
    let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    struct UnsupportedBind: Error, CustomStringConvertible { let description: String }

    /// Runs SQL with `?` placeholders.
    func run(_ sql: String, _ binds: [SQLValue]) throws -> [DirectRow] {
        switch target {
        case .writer(let connection): return try connection.query(sql, binds)
        case .readers(let pool): return try pool.query(sql, binds)
        }
    }

    /// Runs a single-row statement once per row of values (bulk INSERTs on the writer).
    func runEach(_ sql: String, _ rows: [[SQLValue]]) throws {
        switch target {
        case .writer(let connection): try connection.executeEach(sql, rows)
        case .readers(let pool): for values in rows { _ = try pool.query(sql, values) }
        }
    }

    func rows(_ query: any SQLExpression) throws -> [DirectRow] {
        let (sql, values) = try plain(query)
        return try run(sql, values)
    }

    /// Steps through the query's rows with a cursor (bulk reads that map rows themselves).
    func forEachRow(_ query: any SQLExpression, _ body: (inout SQLiteRowCursor) throws -> Void) throws {
        let (sql, values) = try plain(query)
        switch target {
        case .writer(let connection): try connection.forEachRow(sql, values, body)
        case .readers(let pool): try pool.withConnection { connection in try connection.forEachRow(sql, values, body) }
        }
    }

    /// Runs `body` on one connection with a hand-stepped scan per query (see `SQLiteScan`) and
    /// the values each query's own binds serialize to, to start it with.
    func withScans<R>(_ queries: [any SQLExpression], _ body: (inout [SQLiteScan], [[SQLValue]]) throws -> R) throws -> R {
        let plains = try queries.map(plain)
        let sql = plains.map(\.0), values = plains.map(\.1)
        switch target {
        case .writer(let connection): return try connection.withScans(sql) { scans in try body(&scans, values) }
        case .readers(let pool): return try pool.withConnection { connection in try connection.withScans(sql) { scans in try body(&scans, values) } }
        }
    }

    private func plain(_ query: any SQLExpression) throws -> (String, [SQLValue]) {
        let (sql, binds) = serialize(query)
        let values = try binds.map { bind -> SQLValue in
            guard let value = SQLValue.from(bind) else { throw UnsupportedBind(description: "cannot bind \(type(of: bind))") }
            return value
        }
        return (sql, values)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { for row in try rows(query) { onRow(row) } }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        for row in try rows(query) { onRow(row) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

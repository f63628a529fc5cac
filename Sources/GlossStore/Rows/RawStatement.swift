import SQLKit

/// One statement with `?` placeholders and plain values, bound straight into the driver inside
/// transactions (`DirectSQLDatabase`, `GlossSQL`), through SQLKit elsewhere.
enum RawStatement {
    static func run(_ db: any SQLDatabase, _ sql: String, _ values: [SQLValue]) async throws {
        if let direct = db as? DirectSQLDatabase {
            _ = try direct.run(sql, values)
        } else if let postgres = db as? GlossSQL {
            try await postgres.run(sql, values)
        } else {
            let parts = sql.split(separator: "?", omittingEmptySubsequences: false)
            var query = SQLQueryString(String(parts[0]))
            for (value, part) in zip(values, parts.dropFirst()) {
                query += "\(bind: value.encodable)"
                query += SQLQueryString(String(part))
            }
            try await db.raw(query).run()
        }
    }
}

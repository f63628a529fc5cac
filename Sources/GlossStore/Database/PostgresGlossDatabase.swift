import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool. Several Gloss servers may share one database;
/// every write is one transaction, and queue claims use row locks.
public final class PostgresGlossDatabase: GlossDatabase {
    public let backend = DatabaseBackend.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    private init(client: PostgresClient, runner: Task<Void, Never>, logger: Logger) {
        self.client = client; self.runner = runner; self.logger = logger
    }

    /// Connects (and checks the connection with `SELECT 1`).
    public static func open(_ url: PostgresURL, logger: Logger) async throws -> PostgresGlossDatabase {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password, database: url.database,
            tls: url.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = 16
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        let database = PostgresGlossDatabase(client: client, runner: runner, logger: logger)
        do {
            _ = try await database.read { try await $0.raw("SELECT 1").all() }
        } catch {
            runner.cancel()
            throw error
        }
        return database
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = GlossSQL(base: connection.sql(queryLogLevel: nil), connection: connection)
            return try await runTransaction(db, begin: "BEGIN", logger: logger, body)
        }
    }

    public func shutdown() async { runner.cancel() }
}

import ArgumentParser
import Foundation
import GlossServer
import GlossStore
import Logging

/// Where the data is: shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory for the SQLite database and files.")
    var dataDirectory: String = ProcessInfo.processInfo.environment["GLOSS_DATA_DIR"] ?? "./gloss-data"

    @Option(name: .customLong("database-url"), help: "postgres://user:pass@host:port/db (default: SQLite in the data dir).")
    var databaseURL: String?

    /// A config with these locations and the environment's admin settings.
    func config(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, publicDirectory: String? = nil) throws -> ServerConfig {
        let env = ProcessInfo.processInfo.environment
        do {
            return try ServerConfig(host: host, port: port, dataDirectory: dataDirectory, databaseURL: databaseURL ?? env["GLOSS_DATABASE_URL"],
                                    adminEmail: env["GLOSS_ADMIN_EMAIL"] ?? "admin@gloss.local",
                                    adminAPIKey: env["GLOSS_ADMIN_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
                                    publicURL: publicURL ?? env["GLOSS_PUBLIC_URL"], publicDirectory: publicDirectory)
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
    }

    /// Creates the data directory (SQLite needs it before opening).
    func prepareDataDirectory() throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    }
}

/// Logging to standard error at the level of GLOSS_LOG_LEVEL (default info).
func makeLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["GLOSS_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}

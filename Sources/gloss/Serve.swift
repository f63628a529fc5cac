import ArgumentParser
import Foundation
import GlossCore
import GlossServer
import Hummingbird
import Logging

/// `gloss serve`: migrate, create the first admin on an empty database, and serve (with the
/// webhook and plugin outbox worker) until SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Gloss server.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(name: .customLong("public-url"), help: "Base URL clients use, for signed file URLs.") var publicURL: String?
    @Option(name: .customLong("public-dir"), help: "Directory of the web UI.") var publicDirectory: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = makeLogger("gloss")
        try database.prepareDataDirectory()
        let ui = publicDirectory ?? (FileManager.default.fileExists(atPath: "Public/index.html") ? "Public" : nil)
        var settings = try database.config(host: host, port: port, publicURL: publicURL, publicDirectory: ui)
        do {
            settings.outbox = try OutboxConfig.from(environment: ProcessInfo.processInfo.environment)
        } catch let error as ConfigError {
            throw ValidationError(error.description)
        }
        let config = settings
        let secretKey: [UInt8]?
        do {
            var sqlite = false
            if case .sqlite = config.database { sqlite = true }
            secretKey = try AESSecretBox.serverKey(environment: ProcessInfo.processInfo.environment, dataDirectory: config.dataDirectory, sqlite: sqlite)
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
        let runtime = try await GlossRuntime.open(config.database, secretKey: secretKey, logger: logger)
        let keyLine = try await bootstrapAdmin(config: config, runtime: runtime)
        let app = buildApplication(config: config, runtime: runtime, logger: logger) { boundPort in
            say("Gloss is running at http://\(config.host):\(boundPort)")
            say(keyLine)
        }
        do {
            // Application handles SIGTERM/SIGINT: it stops accepting, lets in-flight requests finish, then returns.
            try await app.runService()
        } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
    }

    /// Creates the organization and admin on an empty database; returns the line to print.
    private func bootstrapAdmin(config: ServerConfig, runtime: GlossRuntime) async throws -> String {
        let keyFile = (config.dataDirectory as NSString).appendingPathComponent("admin-api-key")
        switch try await runtime.services.identity.bootstrap(adminEmail: config.adminEmail, apiKey: config.adminAPIKey) {
        case .created(let email, let apiKey):
            if config.adminAPIKey == nil {
                FileManager.default.createFile(atPath: keyFile, contents: Data((apiKey + "\n").utf8), attributes: [.posixPermissions: 0o600])
                return "Created admin \(email). Admin API key (also in \(keyFile)): \(apiKey)"
            }
            return "Created admin \(email) with the API key from GLOSS_ADMIN_API_KEY."
        case .alreadyInitialized:
            if let saved = try? String(contentsOfFile: keyFile, encoding: .utf8) {
                return "Admin API key (from \(keyFile)): \(saved.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
            return "Admin API key: the one set when this database was created."
        }
    }
}

/// `gloss migrate`: bring the database schema up to date and exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations and exit.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try database.prepareDataDirectory()
        let runtime = try await GlossRuntime.open(try database.config().database, logger: makeLogger("gloss"))
        await runtime.shutdown()
        print("Database is up to date.")
    }
}

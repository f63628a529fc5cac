import Foundation
import GlossStore

/// Everything `gloss serve` is configured with, read once at start (flags > environment >
/// defaults) and validated before anything listens.
public struct ServerConfig: Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind (0 = any free port).
    public var port: Int
    /// Directory for the SQLite file, uploaded files and the admin key file.
    public var dataDirectory: String
    /// Where the database is.
    public var database: DatabaseLocation
    /// Email of the first admin (GLOSS_ADMIN_EMAIL).
    public var adminEmail: String
    /// API key of the first admin (GLOSS_ADMIN_API_KEY); generated when nil.
    public var adminAPIKey: String?
    /// Base URL clients reach this server at, for signed file URLs; nil = from the Host header.
    public var publicURL: String?
    /// Static web UI directory, when present.
    public var publicDirectory: String?
    /// Largest accepted upload (bytes).
    public var maxUploadBytes: Int
    /// Largest accepted JSON body (bytes).
    public var maxJSONBytes: Int
    /// Lifetime of signed URLs (seconds).
    public var signedURLLifetime: Int
    /// Webhook delivery and plugin dispatch (timeouts, retries, polling).
    public var outbox: OutboxConfig

    /// Creates a config; `validate()` checks it.
    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./gloss-data", databaseURL: String? = nil,
                adminEmail: String = "admin@gloss.local", adminAPIKey: String? = nil, publicURL: String? = nil,
                publicDirectory: String? = nil, maxUploadBytes: Int = 1 << 30, maxJSONBytes: Int = 256 << 20,
                signedURLLifetime: Int = 3600, outbox: OutboxConfig = OutboxConfig()) throws {
        self.host = host; self.port = port; self.dataDirectory = dataDirectory
        if let databaseURL, !databaseURL.isEmpty {
            guard let url = PostgresURL(databaseURL) else {
                throw ConfigError("--database-url must look like postgres://user:pass@host:port/db")
            }
            database = .postgres(url)
        } else {
            database = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("gloss.sqlite"))
        }
        self.adminEmail = adminEmail; self.adminAPIKey = adminAPIKey; self.publicURL = publicURL
        self.publicDirectory = publicDirectory; self.maxUploadBytes = maxUploadBytes; self.maxJSONBytes = maxJSONBytes
        self.signedURLLifetime = signedURLLifetime
        self.outbox = outbox
        try validate()
    }

    /// Checks ranges and formats.
    public func validate() throws {
        guard (0...65535).contains(port) else { throw ConfigError("--port must be from 0 to 65535") }
        guard !dataDirectory.isEmpty else { throw ConfigError("--data-dir must not be empty") }
        if let key = adminAPIKey, key.count < 16 { throw ConfigError("GLOSS_ADMIN_API_KEY must be at least 16 characters") }
        if let url = publicURL, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ConfigError("--public-url must start with http:// or https://")
        }
        guard maxUploadBytes > 0, maxJSONBytes > 0, signedURLLifetime > 0 else { throw ConfigError("limits must be positive") }
        try outbox.validate()
    }

    /// Where uploaded files live.
    public var filesDirectory: String { (dataDirectory as NSString).appendingPathComponent("files") }
}

/// A configuration problem, reported before the server starts.
public struct ConfigError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}

import Foundation

/// A parsed `postgres://user:pass@host:port/db` URL.
public struct PostgresURL: Sendable, Equatable {
    /// Host name or address.
    public var host: String
    /// Port (default 5432).
    public var port: Int
    /// User name.
    public var username: String
    /// Password, if any.
    public var password: String?
    /// Database name.
    public var database: String
    /// Whether TLS is required (`?sslmode=require`).
    public var requireTLS: Bool

    /// Parses the URL; nil when it is not a postgres URL with a host and database.
    public init?(_ text: String) {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty else { return nil }
        let db = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !db.isEmpty else { return nil }
        self.host = host; port = url.port ?? 5432; username = user.removingPercentEncoding ?? user
        password = url.password.map { $0.removingPercentEncoding ?? $0 }; database = db
        requireTLS = url.queryItems?.contains { $0.name == "sslmode" && ["require", "verify-full", "verify-ca"].contains($0.value ?? "") } ?? false
    }
}

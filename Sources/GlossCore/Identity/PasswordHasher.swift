/// Turns a password into the value stored in the database and checks passwords against it.
/// Unlike API keys, passwords are chosen by people and can be guessed, so the stored form is a
/// slow, salted derivation (GlossServer supplies PBKDF2-SHA256).
public protocol PasswordHasher: Sendable {
    /// The stored form of `password` (algorithm, parameters and salt included).
    func hash(_ password: String) -> String
    /// Whether `password` produces `stored`. A malformed `stored` answers false after the same
    /// work as a real check (sign-in uses that for unknown emails, so timing reveals nothing).
    func verify(_ password: String, against stored: String) -> Bool
}

/// What Gloss accepts as a password.
public enum PasswordRules {
    /// Shortest accepted password.
    public static let minimumLength = 8
    /// Longest accepted password (bounds the work a login request can cause).
    public static let maximumLength = 1024

    /// The password, or a 400 naming `field`.
    public static func validated(_ password: String, field: String = "password") throws -> String {
        guard password.count >= minimumLength else {
            throw DomainError.invalid("\(field) must be at least \(minimumLength) characters")
        }
        guard password.utf8.count <= maximumLength else {
            throw DomainError.invalid("\(field) must be at most \(maximumLength) bytes")
        }
        return password
    }
}

import Foundation

/// Organization roles. The SDK sends lower case; the API returns capitalised names.
public enum OrgRole: String, Sendable, CaseIterable {
    case owner = "Owner", admin = "Admin", member = "Member", guest = "Guest"

    /// Parses a role case-insensitively.
    public init?(loose text: String) {
        guard let role = OrgRole.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = role
    }

    /// Owners and admins act as Manager on every project of the organization.
    public var isAdmin: Bool { self == .owner || self == .admin }
}

/// An organization: the tenant boundary. A key never sees another organization's data.
public struct Organization: Sendable, Hashable {
    /// Organization id.
    public var id: String
    /// Display name.
    public var name: String
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Creates an organization.
    public init(id: String, name: String, createdAt: Int64) { self.id = id; self.name = name; self.createdAt = createdAt }
}

/// A person with an API key, in one organization.
public struct User: Sendable, Hashable {
    /// User id.
    public var id: String
    /// Organization id.
    public var organizationID: String
    /// Email, stored lower-case; the identity used across the API.
    public var email: String
    /// Display name.
    public var name: String
    /// Role in the organization.
    public var orgRole: OrgRole
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Creates a user.
    public init(id: String, organizationID: String, email: String, name: String, orgRole: OrgRole, createdAt: Int64) {
        self.id = id; self.organizationID = organizationID; self.email = email.lowercased(); self.name = name
        self.orgRole = orgRole; self.createdAt = createdAt
    }
}

/// Turns a secret (API key) into the value stored in the database. Keys are only ever stored
/// hashed; GlossServer supplies SHA-256.
public protocol SecretHasher: Sendable {
    /// The stored form of `secret`.
    func hash(_ secret: String) -> String
}

/// Checks an email address enough to catch typos and injection of odd characters.
public enum EmailAddress {
    /// The lower-cased email, or a 400 naming `field`.
    public static func validated(_ text: String, field: String = "email") throws -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              email.count <= 254, !email.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" }) else {
            throw DomainError.invalid("\(field) is not a valid email address: \(text)")
        }
        return email
    }
}

@preconcurrency import Crypto
import Foundation
import GlossCore

/// A task-scoped API key handed to a plugin with each dispatch:
/// `gpl_<taskId>.<orgId>.<expiresMillis>.<hex HMAC-SHA256>`. It is signed with the server's
/// signing secret (shared by every server on the database), so any server accepts it, and it is
/// stored nowhere. `AuthMiddleware` accepts it only for `POST /v2/annotate/{taskId}?isPlugin=true`
/// of its own task, as a synthetic admin of the organization (`PluginToken.user`).
struct PluginToken: Sendable, Hashable {
    /// The one task it may annotate.
    var taskID: String
    /// The organization it acts in.
    var organizationID: String
    /// Expiry, epoch ms.
    var expires: Int64

    static let prefix = "gpl_"
    /// The email plugin annotations are recorded under (`updatedBy`).
    static let email = "plugin@gloss.local"

    /// The synthetic user a valid token acts as: an org admin, so the project check passes, but
    /// the middleware lets it reach one route for one task only.
    var user: User {
        User(id: "plugin-\(taskID)", organizationID: organizationID, email: Self.email, name: "Plugin", orgRole: .admin, createdAt: 0)
    }
}

/// Mints and checks `PluginToken`s.
struct PluginTokenSigner: Sendable {
    let key: SymmetricKey

    init(secret: String) { key = SymmetricKey(data: Array(secret.utf8)) }

    /// The token text.
    func mint(_ token: PluginToken) -> String {
        let body = "\(PluginToken.prefix)\(token.taskID).\(token.organizationID).\(token.expires)"
        return body + "." + signature(body)
    }

    /// The token, if `text` is one this server signed and it has not expired at `now` (epoch ms).
    func verify(_ text: String, now: Int64) -> PluginToken? {
        guard text.hasPrefix(PluginToken.prefix), let dot = text.lastIndex(of: ".") else { return nil }
        let body = String(text[..<dot])
        let sig = String(text[text.index(after: dot)...])
        let parts = body.dropFirst(PluginToken.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expires = Int64(parts[2]), expires >= now, Self.equal(sig, signature(body)) else { return nil }
        return PluginToken(taskID: String(parts[0]), organizationID: String(parts[1]), expires: expires)
    }

    private func signature(_ body: String) -> String {
        // The "plugin-token" line keeps these signatures apart from signed file URLs made with the same key.
        let message = Array("plugin-token\n\(body)".utf8)
        return ObjectID.hex(Array(HMAC<SHA256>.authenticationCode(for: message, using: key)))
    }

    /// Constant-time comparison: no timing hint about how much of a guess was right.
    private static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return zip(a.utf8, b.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

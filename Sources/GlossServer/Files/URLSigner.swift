@preconcurrency import Crypto
import Foundation
import GlossCore

/// Signs file URLs: HMAC-SHA256 over (operation, path, expiry) with a key shared by every server
/// on the database. A signed URL works without an API key until it expires.
struct URLSigner: Sendable {
    /// What a signature allows.
    enum Operation: String { case get, put }

    let key: SymmetricKey
    let clock: any GlossClock

    init(secretHex: String, clock: any GlossClock) {
        key = SymmetricKey(data: Array(secretHex.utf8))
        self.clock = clock
    }

    /// `path?op=..&expires=..&sig=..` valid for `lifetime` seconds.
    func sign(path: String, operation: Operation, lifetime: Int) -> String {
        let expires = Int(clock.now().timeIntervalSince1970) + lifetime
        return "\(path)?op=\(operation.rawValue)&expires=\(expires)&sig=\(signature(path: path, operation: operation, expires: expires))"
    }

    /// Whether the query proves the right to do `operation` on `path` now.
    func verify(path: String, operation: Operation, query: QueryParameters) -> Bool {
        guard query["op"] == operation.rawValue, let expiresText = query["expires"], let expires = Int(expiresText),
              let sig = query["sig"], expires >= Int(clock.now().timeIntervalSince1970) else { return false }
        let expected = signature(path: path, operation: operation, expires: expires)
        // Constant-time comparison: no timing hint about how much of a guess was right.
        guard sig.utf8.count == expected.utf8.count else { return false }
        return zip(sig.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func signature(path: String, operation: Operation, expires: Int) -> String {
        let message = Array("\(operation.rawValue)\n\(path)\n\(expires)".utf8)
        return ObjectID.hex(Array(HMAC<SHA256>.authenticationCode(for: message, using: key)))
    }
}

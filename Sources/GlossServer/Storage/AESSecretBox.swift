import Crypto
import Foundation
import GlossCore

/// Seals secrets with AES-256-GCM under the server's secret key (GLOSS_SECRET_KEY, or
/// `<data-dir>/secret.key` for a single SQLite server). The key never enters the database.
public struct AESSecretBox: SecretBox {
    // The raw bytes: SymmetricKey is not Sendable, so one is made per call.
    let keyBytes: [UInt8]?
    var key: SymmetricKey? { keyBytes.map { SymmetricKey(data: $0) } }

    /// A box over a 32-byte key; nil makes every seal fail with a message saying how to configure one.
    public init(key: [UInt8]?) { keyBytes = key }

    public func seal(_ plain: String) throws -> String {
        guard let key else {
            throw DomainError.conflict("this server has no secret key for storing credentials: set GLOSS_SECRET_KEY (64 hex characters, the same on every server)")
        }
        guard let combined = try AES.GCM.seal(Data(plain.utf8), using: key).combined else { throw DomainError.conflict("sealing failed") }
        return "v1:" + combined.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard let key else { throw DomainError.conflict("this server has no secret key: set GLOSS_SECRET_KEY to the key the storages were saved with") }
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw DomainError.conflict("stored credentials are not in a known format")
        }
        do {
            return String(decoding: try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key), as: UTF8.self)
        } catch {
            throw DomainError.conflict("stored credentials cannot be opened with this server's secret key (was GLOSS_SECRET_KEY changed?)")
        }
    }

    /// The key for `gloss serve`: GLOSS_SECRET_KEY (64 hex) when set; otherwise, with SQLite, the
    /// key in `<dataDirectory>/secret.key`, created on first start; with PostgreSQL, none.
    public static func serverKey(environment: [String: String], dataDirectory: String, sqlite: Bool) throws -> [UInt8]? {
        if let hex = environment["GLOSS_SECRET_KEY"], !hex.isEmpty {
            guard let bytes = Self.bytes(hex: hex), bytes.count == 32 else { throw DomainError.invalid("GLOSS_SECRET_KEY must be 64 hex characters") }
            return bytes
        }
        guard sqlite else { return nil }
        let path = (dataDirectory as NSString).appendingPathComponent("secret.key")
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let bytes = Self.bytes(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)),
           bytes.count == 32 {
            return bytes
        }
        let hex = ObjectID.randomHex(bytes: 32)
        FileManager.default.createFile(atPath: path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return Self.bytes(hex: hex)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
            i += 2
        }
        return out
    }
}

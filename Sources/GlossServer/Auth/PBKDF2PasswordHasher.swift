import Crypto
import _CryptoExtras
import Foundation
import GlossCore

/// Passwords stored as `pbkdf2-sha256$<rounds>$<salt hex>$<hash hex>`: PBKDF2-HMAC-SHA256 with a
/// random 16-byte salt. The rounds are part of the stored value, so raising the default later
/// keeps old passwords working.
public struct PBKDF2PasswordHasher: PasswordHasher {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultRounds = 600_000
    let rounds: Int

    /// Creates the hasher; tests may pass fewer rounds.
    public init(rounds: Int = PBKDF2PasswordHasher.defaultRounds) { self.rounds = rounds }

    public func hash(_ password: String) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = generator.next() }
        let derived = derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(ObjectID.hex(salt))$\(ObjectID.hex(derived))"
    }

    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let storedRounds = Int(parts[1]), (1...10_000_000).contains(storedRounds),
              let salt = Self.bytes(hex: parts[2]), let expected = Self.bytes(hex: parts[3]), !expected.isEmpty else {
            _ = derive(password, salt: [UInt8](repeating: 0, count: 16), rounds: rounds)  // same work as a real check
            return false
        }
        let derived = derive(password, salt: salt, rounds: storedRounds)
        // Constant time: every byte is compared whatever the first difference.
        guard derived.count == expected.count else { return false }
        return zip(derived, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func derive(_ password: String, salt: [UInt8], rounds: Int) -> [UInt8] {
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                      outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key?.withUnsafeBytes { Array($0) } ?? []
    }

    static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            out.append(byte)
            index = next
        }
        return out
    }
}

import Crypto
import GlossCore

/// Stores API keys as hex SHA-256. Keys are 160 random bits, so a fast unsalted hash is enough:
/// there is nothing to brute-force, and lookups by hash stay one index probe.
public struct SHA256Hasher: SecretHasher {
    /// Creates the hasher.
    public init() {}
    public func hash(_ secret: String) -> String {
        ObjectID.hex(Array(SHA256.hash(data: Array(secret.utf8))))
    }
}

import Crypto
import Foundation
import GlossCore

/// AWS Signature Version 4 for S3 and S3-compatible services: presigned GET URLs (query
/// authentication) for assets, and signed request headers for uploads.
struct S3Signer: Sendable {
    let storage: Storage
    let credentials: StorageCredentials

    /// Where an object lives: the URL to call and the Host header it signs.
    struct Target { let url: String; let host: String; let path: String }

    /// The URL of `key` in `bucket`: path-style on the storage's endpoint, or AWS virtual-hosted.
    func target(bucket: String, key: String) -> Target {
        let encodedKey = key.split(separator: "/", omittingEmptySubsequences: false).map { Self.uriEncode(String($0)) }.joined(separator: "/")
        if let endpoint = storage.endpoint, let url = URL(string: endpoint), let host = url.host {
            let hostPort = url.port.map { "\(host):\($0)" } ?? host
            if storage.pathStyle {
                let path = "/\(Self.uriEncode(bucket))/\(encodedKey)"
                return Target(url: "\(url.scheme ?? "https")://\(hostPort)\(path)", host: hostPort, path: path)
            }
            return Target(url: "\(url.scheme ?? "https")://\(bucket).\(hostPort)/\(encodedKey)", host: "\(bucket).\(hostPort)", path: "/\(encodedKey)")
        }
        let host = "\(bucket).s3.\(storage.region).amazonaws.com"
        return Target(url: "https://\(host)/\(encodedKey)", host: host, path: "/\(encodedKey)")
    }

    /// A GET URL for the object that works without credentials for `lifetime` seconds.
    func presignedGET(bucket: String, key: String, lifetime: Int, now: Date) -> String {
        let t = target(bucket: bucket, key: key)
        let (date, stamp) = Self.timestamps(now)
        let scope = "\(date)/\(storage.region)/s3/aws4_request"
        let query = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"), ("X-Amz-Date", stamp),
            ("X-Amz-Expires", String(lifetime)), ("X-Amz-SignedHeaders", "host"),
        ].map { "\(Self.uriEncode($0.0))=\(Self.uriEncode($0.1))" }.sorted().joined(separator: "&")
        let canonical = ["GET", t.path, query, "host:\(t.host)\n", "host", "UNSIGNED-PAYLOAD"].joined(separator: "\n")
        return "\(t.url)?\(query)&X-Amz-Signature=\(signature(canonical, date: date, stamp: stamp, scope: scope))"
    }

    /// The canonical (sorted, encoded) query string of `parameters`.
    static func canonicalQuery(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(uriEncode($0.0))=\(uriEncode($0.1))" }.sorted().joined(separator: "&")
    }

    /// Headers for a request with an unsigned payload (uploads stream the file; listings have none).
    func signedHeaders(method: String, target t: Target, query: String = "", now: Date) -> [(String, String)] {
        let (date, stamp) = Self.timestamps(now)
        let scope = "\(date)/\(storage.region)/s3/aws4_request"
        let signed = "host;x-amz-content-sha256;x-amz-date"
        let canonical = [method, t.path, query, "host:\(t.host)\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:\(stamp)\n", signed, "UNSIGNED-PAYLOAD"]
            .joined(separator: "\n")
        let auth = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signed), Signature=\(signature(canonical, date: date, stamp: stamp, scope: scope))"
        return [("Host", t.host), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), ("x-amz-date", stamp), ("Authorization", auth)]
    }

    func signature(_ canonical: String, date: String, stamp: String, scope: String) -> String {
        let toSign = "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n" + Self.hex(SHA256.hash(data: Data(canonical.utf8)))
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [date, storage.region, "s3", "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key))
    }

    static func timestamps(_ now: Date) -> (date: String, stamp: String) {
        let iso = ISODate.format(millis: ISODate.millis(now))  // 2026-11-29T23:05:51.000Z
        let digits = iso.filter { $0.isNumber || $0 == "T" }
        let date = String(digits.prefix(8))
        let time = String(digits.dropFirst(9).prefix(6))
        return (date, "\(date)T\(time)Z")
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 { bytes.map { String(format: "%02x", $0) }.joined() }

    /// RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX.
    static func uriEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

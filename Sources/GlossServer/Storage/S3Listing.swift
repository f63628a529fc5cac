import AsyncHTTPClient
import Foundation
import GlossCore

/// Lists objects of a bucket (S3 ListObjectsV2), for `GET /storages/{id}/files`.
struct S3Listing: Sendable {
    let client: HTTPClient

    /// One object.
    struct Object: Sendable { let key: String; let size: Int64; let lastModified: String? }

    /// Up to `limit` objects under `prefix`, and the token for the next page (nil at the end).
    func list(bucket: String, prefix: String, limit: Int, continuation: String?, signer: S3Signer, now: Date) async throws
        -> (objects: [Object], next: String?) {
        var parameters = [("list-type", "2"), ("prefix", prefix), ("max-keys", String(limit))]
        if let continuation { parameters.append(("continuation-token", continuation)) }
        let query = S3Signer.canonicalQuery(parameters)
        let target = signer.target(bucket: bucket, key: "")
        var request = HTTPClientRequest(url: target.url + "?" + query)
        for (name, value) in signer.signedHeaders(method: "GET", target: target, query: query, now: now) where name != "Host" {
            request.headers.add(name: name, value: value)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(60))
        } catch {
            throw DomainError.conflict("the storage's service could not be reached: \(error)")
        }
        let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
        guard response.status.code == 200 else {
            throw DomainError.invalid("listing bucket \(bucket) failed: HTTP \(response.status.code) \(body.prefix(300))")
        }
        let objects = Self.elements("Contents", in: body).map { item in
            Object(key: Self.unescape(Self.elements("Key", in: item).first ?? ""), size: Int64(Self.elements("Size", in: item).first ?? "") ?? 0,
                   lastModified: Self.elements("LastModified", in: item).first)
        }
        let truncated = Self.elements("IsTruncated", in: body).first == "true"
        return (objects, truncated ? Self.elements("NextContinuationToken", in: body).first.map(Self.unescape) : nil)
    }

    /// The texts of every `<name>...</name>` in `xml` (S3's listing has no attributes or nesting of the same name).
    static func elements(_ name: String, in xml: String) -> [String] {
        var found: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(name)>"), let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex) {
            found.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

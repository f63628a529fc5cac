import Foundation
import GlossCore

/// Recognises the bucket and key in an asset URL, and finds the storage that signs for it.
enum StorageObjectURL {
    /// `(bucket, key)` of `s3://bucket/key`, AWS virtual-hosted or path-style URLs, or a URL under
    /// an S3-compatible endpoint (`endpoint/bucket/key`).
    static func parse(_ text: String, endpoints: [String]) -> (bucket: String, key: String)? {
        if text.hasPrefix("s3://") {
            let rest = text.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            let key = String(rest[rest.index(after: slash)...])
            return key.isEmpty ? nil : (String(rest[..<slash]), key)
        }
        for endpoint in endpoints where text.hasPrefix(endpoint + "/") {
            return split(String(text.dropFirst(endpoint.count + 1)))
        }
        guard let url = URL(string: text), let host = url.host?.lowercased(), host.hasSuffix(".amazonaws.com") else { return nil }
        // `url.path` is already percent-decoded.
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        if host.hasPrefix("s3.") || host.hasPrefix("s3-") { return split(path, decode: false) }
        // Virtual-hosted: the bucket is everything before the last ".s3." / ".s3-" label.
        let marks = [".s3.", ".s3-"].compactMap { host.range(of: $0, options: .backwards) }
        guard let mark = marks.max(by: { $0.lowerBound < $1.lowerBound }), !path.isEmpty else { return nil }
        return (String(host[..<mark.lowerBound]), path)
    }

    static func split(_ path: String, decode: Bool = true) -> (bucket: String, key: String)? {
        let clean = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        guard let slash = clean.firstIndex(of: "/") else { return nil }
        let key = String(clean[clean.index(after: slash)...])
        return key.isEmpty ? nil : (String(clean[..<slash]), decode ? (key.removingPercentEncoding ?? key) : key)
    }

    /// The storage that signs `url`: the one named by `storageID`, else the first whose bucket is
    /// the URL's, else the first whose endpoint the URL is under. With the bucket and key.
    static func match(_ url: String, storageID: String?, in storages: [Storage]) -> (storage: Storage, bucket: String, key: String)? {
        guard let (bucket, key) = parse(url, endpoints: storages.compactMap(\.endpoint)) else { return nil }
        let chosen = storageID.flatMap { id in storages.first { $0.id == id } }
            ?? storages.first { $0.bucket == bucket }
            ?? storages.first { s in s.endpoint.map { url.hasPrefix($0 + "/") } ?? false }
        return chosen.map { ($0, bucket, key) }
    }
}

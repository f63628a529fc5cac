import AsyncHTTPClient
import Foundation
import GlossCore
import NIOCore

/// Puts files into S3 buckets (exports delivered to a project's export storage). The body streams
/// from disk with an unsigned payload, so a multi-gigabyte export is never held in memory.
struct S3Uploader: Sendable {
    let client: HTTPClient

    /// PUTs the file at `path` as `key` in `bucket`; throws with the service's answer on failure.
    func put(path: String, bucket: String, key: String, signer: S3Signer, now: Date) async throws {
        let target = signer.target(bucket: bucket, key: key)
        var request = HTTPClientRequest(url: target.url)
        request.method = .PUT
        for (name, value) in signer.signedHeaders(method: "PUT", target: target, now: now) where name != "Host" {
            request.headers.add(name: name, value: value)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        request.headers.add(name: "Content-Type", value: "application/zip")
        request.body = .stream(FileChunks(path: path), length: .known(size))
        let response = try await client.execute(request, timeout: .minutes(30))
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = try await response.body.collect(upTo: 4096)
            throw DomainError.conflict("upload to bucket \(bucket) failed: HTTP \(response.status.code) \(String(buffer: body).prefix(300))")
        }
    }
}

/// A file read in 1 MiB chunks, as an async sequence of buffers.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let path: String

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        mutating func next() async throws -> ByteBuffer? {
            guard let handle, let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else {
                try? handle?.close()
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: FileHandle(forReadingAtPath: path)) }
}

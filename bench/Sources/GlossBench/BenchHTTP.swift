import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A thin HTTP client for the bench (AsyncHTTPClient, one connection pool).
final class BenchHTTP: Sendable {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)

    func status(_ url: String) async throws -> Int {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Sends a request; returns the status and body. Non-2xx throws with the body text.
    @discardableResult
    func send(_ method: HTTPMethod, _ url: String, key: String, body: [UInt8]? = nil) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "apikey", value: key)
        request.headers.add(name: "content-type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(600))
        let data = try await response.body.collect(upTo: 256 << 20)
        let bytes = Array(data.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw BenchError("\(method) \(url) -> \(response.status.code): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
        return bytes
    }

    func shutdown() async throws { try await client.shutdown() }
}

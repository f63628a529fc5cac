import Foundation
import GlossCore
import GlossServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Runs `body` against the real router (no sockets) over a fresh database with the fixture's users.
/// The outbox worker loop does not run: outbox tests drive an `OutboxWorker` with `runOnce()`.
public func withTestApp(
    _ backend: TestBackend = .sqlite, random: any RandomSource = SeededRandomSource(seed: 7),
    _ body: @escaping @Sendable (any TestClientProtocol, TestFixture, GlossRuntime) async throws -> Void
) async throws {
    try await withTestRuntime(backend, random: random) { runtime, fixture, directory in
        let config = try ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: directory, maxUploadBytes: 1 << 20,
                                      maxJSONBytes: 8 << 20, signedURLLifetime: 600,
                                      outbox: OutboxConfig(runsWorker: false))
        let app = buildApplication(config: config, runtime: runtime, logger: TestDatabases.logger)
        try await app.test(.router) { client in try await body(client, fixture, runtime) }
    }
}

extension TestClientProtocol {
    /// Sends a request with the API key and an optional JSON body (text).
    @discardableResult
    public func api(_ method: HTTPRequest.Method, _ path: String, key: String?, body: String? = nil) async throws -> TestJSONResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[HTTPField.Name("apikey")!] = key }
        let response = try await execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return TestJSONResponse(status: response.status.code, text: String(buffer: response.body))
    }
}

/// A response with its body parsed as JSON.
public struct TestJSONResponse: Sendable {
    /// HTTP status code.
    public let status: Int
    /// Raw body text.
    public let text: String
    /// The body parsed (null when it is not JSON).
    public var json: JSONValue { (try? JSONParser.parse(text)) ?? .null }
    /// `data` of a success envelope.
    public var data: JSONValue { json["data"] ?? .null }
    /// `message` of an error body.
    public var message: String { json["message"]?.stringValue ?? "" }
}

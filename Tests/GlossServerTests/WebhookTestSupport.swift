import Crypto
import Foundation
import GlossCore
import GlossServer
import GlossTesting
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// One request the local receiver got.
struct ReceivedRequest: Sendable {
    let path: String
    let headers: HTTPFields
    let body: [UInt8]
    /// The body parsed as JSON (null when it is not JSON).
    var json: JSONValue { (try? JSONParser.parse(String(decoding: body, as: UTF8.self))) ?? .null }
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

/// A real HTTP server on 127.0.0.1 that plays webhook receiver and plugin: it records every POST
/// and answers 500 to the first `failures` of them, 200 afterwards.
final class Receiver: Sendable {
    private struct State { var requests: [ReceivedRequest] = []; var failures: Int }
    private let state: Mutex<State>
    /// Every request as it arrives, for tests that wait on the worker loop.
    let arrivals: AsyncStream<ReceivedRequest>
    private let arrived: AsyncStream<ReceivedRequest>.Continuation

    init(failures: Int = 0) {
        state = Mutex(State(failures: failures))
        (arrivals, arrived) = AsyncStream.makeStream(of: ReceivedRequest.self)
    }

    /// What was received so far, oldest first.
    var requests: [ReceivedRequest] { state.withLock { $0.requests } }
    /// Makes the next `count` requests fail with 500.
    func fail(next count: Int) { state.withLock { $0.failures = count } }

    /// Runs the receiver for `body`, which gets its base URL (`http://127.0.0.1:<port>`).
    func serve(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            var request = request
            let bytes = Array((try await request.collectBody(upTo: 8 << 20)).readableBytesView)
            let received = ReceivedRequest(path: request.uri.path, headers: request.headers, body: bytes)
            let fails = self.state.withLock { state -> Bool in
                state.requests.append(received)
                guard state.failures > 0 else { return false }
                state.failures -= 1
                return true
            }
            self.arrived.yield(received)
            return Response(status: fails ? .internalServerError : .ok, body: .init(byteBuffer: ByteBuffer(string: fails ? "receiver says no" : "{}")))
        }
        var logger = Logger(label: "receiver")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)")
        }
    }
}

/// A worker with tiny retry delays (1 s, 2 s, 4 s...) for tests that move the fixed clock.
func testWorker(_ runtime: GlossRuntime, maxAttempts: Int = 3) -> OutboxWorker {
    OutboxWorker(runtime: runtime, config: OutboxConfig(runsWorker: false, requestTimeout: 5, baseBackoff: 1, maxBackoff: 4,
                                                        maxAttempts: maxAttempts, pollInterval: 0.05),
                 logger: TestDatabases.logger)
}

/// `GET /v2/project/{id}/stage-logs?stageId=` -> the log lines, newest first.
func stageLogs(_ c: Client, key: String, _ project: String, stage: String) async throws -> [JSONValue] {
    let r = try await c.api(.get, "/v2/project/\(project)/stage-logs?stageId=\(q(stage))", key: key)
    try requireStatus(r, 200)
    return r.data["logs"]?.arrayValue ?? []
}

/// The schema the webhook and plugin tests label with: one box class.
let boxSchema = #"{"tools":[{"tool":"bounding-box","title":"Car","schemaId":"car"}],"classifications":[],"relations":[]}"#
/// An answer with one box of that class.
let boxAnswer = #"{"answer":{"tools":[{"schemaId":"car","bounding-box":{"x":1,"y":2,"width":30,"height":40}}],"classifications":[],"relations":[]}}"#

/// Start -> Label -> Hook (webhook with the given settings) -> Complete.
func webhookStages(_ settings: String) -> String {
    #"""
    [{"id":"Start","type":"Start","next":["Label"],"autoForward":true},
     {"id":"Label","type":"Label","name":"Labeling","next":["Hook"]},
     {"id":"Hook","type":"Webhook","name":"Notify","next":["Complete"],\#(settings)},
     {"id":"Complete","type":"Complete","next":[]}]
    """#
}

/// HMAC-SHA1 of `body` with `secret`, as a receiver checks `X-Hub-Signature`.
func hubSignature(_ body: [UInt8], secret: String) -> String {
    ObjectID.hex(Array(HMAC<Insecure.SHA1>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))))
}

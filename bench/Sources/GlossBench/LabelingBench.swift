import Foundation
import GlossCore

/// The labeling loop under load: queue claims by many labelers, and submits through the SDK's
/// annotate route from 1 and 4 clients.
struct LabelingBench {
    let api: BenchAPI
    var http: BenchHTTP { api.http }
    var server: ServerProcess { api.server }
    let binary: String

    static let schema = #"{"categorySchema":{"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"}],"classifications":[]}}"#
    static let answer = Array(#"{"answer":{"objects":[{"schemaId":"car","bounding-box":{"x":10,"y":20,"width":30,"height":40}}],"classifications":[],"relations":[]},"duration":0}"#.utf8)

    /// A project with `tasks` tasks in its Label stage and a bounding-box class.
    func project(name: String, tasks: Int) async throws -> BenchAPI.CreatedProject {
        let project = try await api.createProject(name: name, batches: 1)
        try await http.send(.POST, server.baseURL + "/v2/project/\(project.id)", key: server.apiKey, body: Array(Self.schema.utf8))
        _ = try await api.importAssets(project, count: tasks)
        return project
    }

    /// `count` labelers created with `gloss users create` (as an admin would, while the server
    /// runs) and added to the project; returns their API keys.
    func labelers(_ count: Int, project: String) async throws -> [String] {
        var keys: [String] = []
        var emails: [String] = []
        for i in 0..<count {
            let email = "labeler\(i)-\(ObjectID.randomHex(bytes: 3))@bench.test"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["users", "create", "--email", email, "--data-dir", server.dataDirectory]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard let key = output.split(separator: "\n").last.map(String.init), process.terminationStatus == 0 else {
                throw BenchError("users create failed: \(output)")
            }
            keys.append(key); emails.append(email)
        }
        let body = JSONValue.object(["assignees": .array(emails.map { .string($0) }), "role": "Labeler"]).jsonText()
        try await http.send(.POST, server.baseURL + "/v2/project/\(project)/assigned", key: server.apiKey, body: Array(body.utf8))
        return keys
    }

    /// Every labeler (a thread with its own connection) loops claim -> label for `thinkMS` ->
    /// submit until `claims` tasks were handed out. Returns the claim latencies, claims per second
    /// of wall time, and how many claims and distinct tasks there were.
    func claimLoop(project: String, keys: [String], claims: Int, thinkMS: Double) throws -> (latency: Samples, perSecond: Double, handed: Int, distinct: Int) {
        let remaining = Counter(claims)
        let port = server.port
        let claimPath = "/v2/project/\(project)/queue/next"
        let started = nowMS()
        let results = try onThreads(keys.count) { i -> (Samples, [String]) in
            let client = try LeanHTTP(port: port)
            var samples = Samples()
            var ids: [String] = []
            while remaining.take() {
                let t0 = nowMS()
                let reply = try client.send("POST", claimPath, key: keys[i], body: Array(#"{"kind":"label"}"#.utf8))
                samples.add(nowMS() - t0)
                // 204: this labeler's queue is empty.
                guard reply.status == 200, let id = try JSONParser.parse(reply.body)["data"]?["task"]?["_id"]?.stringValue else { break }
                ids.append(id)
                if thinkMS > 0 { Thread.sleep(forTimeInterval: thinkMS / 1000) }
                let submitted = try client.send("POST", "/v2/task/\(id)/submit", key: keys[i], body: Self.answer)
                guard submitted.status == 200 else { throw BenchError("submit -> \(submitted.status): \(String(decoding: submitted.body, as: UTF8.self))") }
            }
            return (samples, ids)
        }
        let seconds = (nowMS() - started) / 1000
        var merged = Samples()
        for (s, _) in results { for v in s.values { merged.add(v) } }
        let ids = results.flatMap(\.1)
        return (merged, Double(ids.count) / seconds, ids.count, Set(ids).count)
    }

    /// Task ids of the project's Label stage (up to `limit`).
    func labelTaskIDs(project: String, limit: Int) async throws -> [String] {
        var ids: [String] = []
        var page = 1
        while ids.count < limit {
            let reply = try await http.send(.GET, server.baseURL + "/v2/project/\(project)/tasks?page=\(page)&limit=1000&stage=Label", key: server.apiKey)
            let tasks = try JSONParser.parse(reply)["data"]?["tasks"]?.arrayValue ?? []
            ids += tasks.compactMap { $0["_id"]?.stringValue }
            if tasks.count < 1000 { break }
            page += 1
        }
        return Array(ids.prefix(limit))
    }

    /// `POST /annotate/{id}?nextStage=true` with a one-box answer over `ids`, from `clients`
    /// concurrent connections on disjoint tasks; submits per second.
    func submitRate(ids: [String], clients: Int) throws -> Double {
        let port = server.port, key = server.apiKey
        let started = nowMS()
        _ = try onThreads(clients) { client in
            let http = try LeanHTTP(port: port)
            for (i, id) in ids.enumerated() where i % clients == client {
                let reply = try http.send("POST", "/v2/annotate/\(id)?nextStage=true", key: key, body: Self.answer)
                guard reply.status == 200 else { throw BenchError("annotate -> \(reply.status): \(String(decoding: reply.body, as: UTF8.self))") }
            }
        }
        return Double(ids.count) / ((nowMS() - started) / 1000)
    }
}

/// A shared countdown the labeler tasks draw from.
final class Counter: @unchecked Sendable {
    private var left: Int
    private let lock = NSLock()
    init(_ value: Int) { left = value }
    func take() -> Bool { lock.lock(); defer { lock.unlock() }; guard left > 0 else { return false }; left -= 1; return true }
}

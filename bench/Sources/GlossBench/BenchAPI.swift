import Foundation
import GlossCore

/// The few API calls the bench makes.
struct BenchAPI {
    let http: BenchHTTP
    let server: ServerProcess

    struct CreatedProject { let id: String; let batches: [String] }

    func createProject(name: String, batches: Int) async throws -> CreatedProject {
        let body = try await http.send(.POST, server.baseURL + "/v2/project", key: server.apiKey, body: Array("{\"name\":\"\(name)\"}".utf8))
        guard let id = try JSONParser.parse(body)["data"]?["project"]?["_id"]?.stringValue else { throw BenchError("no project id") }
        var ids: [String] = []
        for i in 0..<batches {
            let reply = try await http.send(.POST, server.baseURL + "/v2/batches/\(id)", key: server.apiKey, body: Array("{\"name\":\"b\(i)\"}".utf8))
            ids.append(try JSONParser.parse(reply)["data"]?["project"]?["_id"]?.stringValue ?? "")
        }
        return CreatedProject(id: id, batches: ids)
    }

    /// Imports `count` assets in requests of 5,000 from `clients` concurrent senders; returns
    /// assets per second. Bodies are built before the clock starts.
    func importAssets(_ project: CreatedProject, count: Int, clients: Int = 1) async throws -> Double {
        var bodies: [[UInt8]] = []
        var start = 0
        while start < count {
            var w = JSONWriter(capacity: 5000 * 160)
            w.beginObject(); w.key("assets"); w.beginArray()
            for i in start..<min(count, start + 5000) {
                w.beginObject()
                w.key("data"); w.string("https://example.test/images/img_\(i).jpg")
                w.key("externalId"); w.string("img_\(i).jpg")
                w.key("metadata"); w.beginObject(); w.key("width"); w.int(1024); w.key("height"); w.int(768); w.endObject()
                w.key("batches"); w.strings([project.batches[i % project.batches.count]])
                w.endObject()
            }
            w.endArray(); w.key("uploadLocal"); w.null(); w.key("priority"); w.int(0); w.endObject()
            bodies.append(w.bytes)
            start += 5000
        }
        let started = nowMS()
        let url = server.baseURL + "/v2/project/\(project.id)/cloud"
        let key = server.apiKey, requests = bodies
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask { [http] in
                    for (i, body) in requests.enumerated() where i % clients == client {
                        try await http.send(.POST, url, key: key, body: body)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(count) / ((nowMS() - started) / 1000)
    }

    /// Sequential GETs on one keep-alive connection (after 20 warm-ups); latency samples in ms.
    /// Sent with the minimal blocking client, like the labeling loops: AsyncHTTPClient's own
    /// per-request work (several task hops) would otherwise be part of every sample.
    func latency(samples: Int, path: () -> String) async throws -> Samples {
        var result = Samples()
        let client = try LeanHTTP(port: server.port)
        for i in 0..<(samples + 20) {
            let target = path()
            let started = nowMS()
            let reply = try client.send("GET", target, key: server.apiKey)
            guard reply.status == 200 else { throw BenchError("GET \(target) -> \(reply.status)") }
            if i >= 20 { result.add(nowMS() - started) }
        }
        return result
    }
}

func percentEncode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}

struct BenchArguments {
    var binary = ".build/release/gloss"
    var assets = 100_000
    var big = 1_000_000
    var samples = 500
    var loopTasks = 20_000
    /// `all`, or one section alone: `import`, `labeling` (submits), `export`.
    var only = "all"

    init(_ argv: [String]) {
        var i = 1
        while i + 1 < argv.count {
            switch argv[i] {
            case "--binary": binary = argv[i + 1]
            case "--assets": assets = Int(argv[i + 1]) ?? assets
            case "--big": big = Int(argv[i + 1]) ?? big
            case "--samples": samples = Int(argv[i + 1]) ?? samples
            case "--loop-tasks": loopTasks = Int(argv[i + 1]) ?? loopTasks
            case "--only": only = argv[i + 1]
            default: break
            }
            i += 2
        }
    }
}

func printTable(_ rows: [[String]]) {
    let all = [["metric", "Gloss", "target", "Label Studio 1.23"]] + rows
    var widths = [0, 0, 0, 0]
    for r in all { for (i, cell) in r.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        "| " + zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |"
    }
    print(line(all[0]))
    print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
    for r in rows { print(line(r)) }
}

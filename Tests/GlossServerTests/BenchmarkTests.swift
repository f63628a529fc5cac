import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

@Suite("Benchmarks: served from the queue, scored against the gold answer, never touching it")
struct BenchmarkTests {
    static let schema = #"{"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"}],"classifications":[],"relations":[]}"#
    static let stages = #"""
    [{"id":"Start","type":"Start","next":["Label"],"autoForward":true},
     {"id":"Label","type":"Label","next":["Complete"],"assignedTo":[]},
     {"id":"Complete","type":"Complete","next":[]}]
    """#
    static let goldAnswer = #"{"tools":[{"schemaId":"car","objectId":"g1","bounding-box":{"x":10,"y":10,"width":50,"height":40}}],"classifications":[],"relations":[]}"#

    func performance(_ c: Client, _ key: String, _ project: String) async throws -> [String: JSONValue] {
        let r = try await c.api(.post, "/v2/performance/\(project)", key: key, body: "{}")
        try requireStatus(r, 200)
        return Dictionary(uniqueKeysWithValues: (r.data["performance"]?.arrayValue ?? []).map { ($0["email"]!.stringValue!, $0) })
    }

    @Test("a benchmark copy is served, scored on submit and removed; each person does each benchmark once; turning benchmarks off deletes the results",
          arguments: TestBackend.available)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestApp(backend) { c, fixture, runtime in
            let admin = fixture.adminKey
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages, schema: Self.schema,
                                                   members: ["one@b.test": "Labeler", "two@b.test": "Labeler"], assets: ["gold", "plain"])
            let tasks = try await allTasks(c, key: admin, p.id, query: "sort=externalId")
            let gold = try #require(tasks.first { $0["externalId"] == "gold" }?["_id"]?.stringValue)
            try requireStatus(try await c.api(.post, "/v2/annotate/\(gold)", key: admin, body: #"{"answer":\#(Self.goldAnswer)}"#), 200)
            try requireStatus(try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: admin, body: #"{"tasks":["\#(gold)"]}"#), 200)
            // Ratio 0: benchmarks are on but paused, so the queue serves ordinary work.
            try requireStatus(try await updateProject(c, key: admin, p.id, body: #"{"benchmarkEnabled":true,"benchmarkRatio":0}"#), 200)
            let ordinary = try await claimNext(c, key: p.key("one@b.test"), p.id)
            #expect(ordinary.data["task"]?["type"] == "default")
            try requireStatus(try await skipTask(c, key: p.key("one@b.test"), ordinary.data["task"]!["_id"]!.stringValue!), 200)
            try requireStatus(try await updateProject(c, key: admin, p.id, body: #"{"benchmarkRatio":100}"#), 200)

            let served = try await claimNext(c, key: p.key("one@b.test"), p.id)
            try requireStatus(served, 200)
            let copy = try #require(served.data["task"]?["_id"]?.stringValue)
            #expect(served.data["task"]?["type"] == "benchmark")
            #expect(copy != gold)
            #expect(served.data["asset"]?["externalId"] == "gold")
            try requireStatus(try await submitTask(c, key: p.key("one@b.test"), copy, body: #"{"answer":\#(Self.goldAnswer)}"#), 200)
            expectFail(try await getTask(c, key: admin, copy), 404, "not found")
            let goldAfter = try await fetchTask(c, key: admin, gold)
            #expect(goldAfter["stage"] == "Label")
            #expect(try await taskHistory(c, key: admin, gold).data["taskHistory"]?.arrayValue?.count == 1)
            // Done once: the next request gets ordinary work.
            let next = try await claimNext(c, key: p.key("one@b.test"), p.id)
            #expect(next.data["task"]?["type"] == "default")

            let other = try await claimNext(c, key: p.key("two@b.test"), p.id)
            let otherCopy = try #require(other.data["task"]?["_id"]?.stringValue)
            #expect(other.data["task"]?["type"] == "benchmark")
            try requireStatus(try await submitTask(c, key: p.key("two@b.test"), otherCopy, body: #"{"answer":{"tools":[],"classifications":[],"relations":[]}}"#), 200)

            let rows = try await performance(c, admin, p.id)
            #expect(rows["one@b.test"]?["benchmarkScore"]?.doubleValue == 100)
            #expect(rows["one@b.test"]?["benchmarkCount"] == 1)
            #expect((rows["two@b.test"]?["benchmarkScore"]?.doubleValue ?? 100) < 50)
            // Benchmark work is not labeling work.
            #expect(rows["one@b.test"]?["submitted"] == 0)

            try requireStatus(try await updateProject(c, key: admin, p.id, body: #"{"benchmarkEnabled":false}"#), 200)
            let cleared = try await performance(c, admin, p.id)
            #expect(cleared.values.allSatisfy { $0["benchmarkCount"] == 0 })
        }
    }

    @Test("a copy stays with its person: skip keeps it theirs, bulk actions pass it by, annotate with nextStage scores it")
    func copiesStayPut() async throws {
        try await withTestApp { c, fixture, runtime in
            let admin = fixture.adminKey
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages, schema: Self.schema,
                                                   settings: #""unassignSkippedTask":true,"benchmarkEnabled":true,"benchmarkRatio":100"#,
                                                   members: ["one@b.test": "Labeler", "two@b.test": "Labeler"], assets: ["gold"])
            let gold = try #require(try await allTasks(c, key: admin, p.id).first?["_id"]?.stringValue)
            try requireStatus(try await c.api(.post, "/v2/annotate/\(gold)", key: admin, body: #"{"answer":\#(Self.goldAnswer)}"#), 200)
            try requireStatus(try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: admin, body: #"{"tasks":["\#(gold)"]}"#), 200)
            let copy = try #require(try await claimNext(c, key: p.key("one@b.test"), p.id).data["task"]?["_id"]?.stringValue)
            try requireStatus(try await skipTask(c, key: p.key("one@b.test"), copy), 200)
            #expect(try await fetchTask(c, key: admin, copy)["assignee"] == "one@b.test")
            // The other labeler gets their own copy, never this one.
            let theirs = try await claimNext(c, key: p.key("two@b.test"), p.id).data["task"]?["_id"]?.stringValue
            #expect(theirs != copy)
            let requeued = try await requeueTasks(c, key: admin, p.id, body: #"{"toStageId":"Complete","filters":{"taskIds":["\#(copy)"]},"options":{}}"#)
            #expect(requeued.data["modifiedCount"]?["modified"] == 0)
            try requireStatus(try await annotateTask(c, key: p.key("one@b.test"), copy, query: "nextStage=true", body: #"{"answer":\#(Self.goldAnswer)}"#), 200)
            expectFail(try await getTask(c, key: admin, copy), 404, "not found")
            let rows = try await performance(c, admin, p.id)
            #expect(rows["one@b.test"]?["benchmarkScore"]?.doubleValue == 100)
            #expect(rows["one@b.test"]?["submitted"] == 0)
            // Unmarking the benchmark drops the copies still in progress.
            try requireStatus(try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: admin, body: #"{"tasks":["\#(gold)"],"isBenchmark":false}"#), 200)
            if let theirs { expectFail(try await getTask(c, key: admin, theirs), 404, "not found") }
        }
    }

    @Test("the agreement score: identical answers 100, a missing object lowers it, nothing scorable 100")
    func scoring() {
        let schema = (try? JSONParser.parse(Self.schema)) ?? .null
        let gold = (try? JSONParser.parse(Self.goldAnswer)) ?? .null
        #expect(Benchmarks.score(gold, gold: gold, schema: schema) == 100)
        let empty: JSONValue = .object(["tools": .array([]), "classifications": .array([]), "relations": .array([])])
        #expect(Benchmarks.score(empty, gold: gold, schema: schema) < 100)
        #expect(Benchmarks.score(empty, gold: empty, schema: schema) == 100)
    }
}

import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

@Suite("Overview metrics and performance")
struct MetricsRouteTests {
    static let schema = #"""
    {"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"}],
     "classifications":[{"schemaId":"weather","tool":"radio","title":"Weather","options":[{"value":"sun","schemaId":"o1"},{"value":"rain","schemaId":"o2"}]}]}
    """#
    static func box() -> String { #"{"schemaId":"car","bounding-box":{"x":1,"y":1,"width":5,"height":5}}"# }

    /// Three assets; the labeler submits two (1 s and 3 s of work), the reviewer accepts one and
    /// rejects the other and opens an issue.
    static func scenario(_ c: Client, _ runtime: GlossRuntime, _ fixture: TestFixture) async throws -> WorkflowProject {
        let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, schema: schema,
                                               members: ["lab@m.test": "Labeler", "rev@m.test": "Reviewer"])
        let items = #"""
        {"assets":[{"data":"https://cdn.test/1.png","externalId":"small","metadata":{"width":640,"height":480}},
                   {"data":"https://cdn.test/2.png","externalId":"big","metadata":{"width":4000,"height":3000}},
                   {"data":"https://cdn.test/3.png","externalId":"nometa"}]}
        """#
        try requireStatus(try await importAssets(c, key: fixture.adminKey, p.id, body: items), 201)
        let first = try await claimID(c, key: p.key("lab@m.test"), p.id)
        fixture.clock.advance(by: 10)
        try requireStatus(try await submitTask(c, key: p.key("lab@m.test"), first, body: #"""
            {"answer":{"tools":[\#(box()),\#(box())],"classifications":[{"schemaId":"weather","answer":"sun"}]},"duration":1000}
            """#), 200)
        let second = try await claimID(c, key: p.key("lab@m.test"), p.id)
        fixture.clock.advance(by: 10)
        try requireStatus(try await submitTask(c, key: p.key("lab@m.test"), second, body: #"""
            {"answer":{"tools":[\#(box())],"classifications":[{"schemaId":"weather","answer":"rain"}]},"duration":3000}
            """#), 200)
        let r1 = try await claimID(c, key: p.key("rev@m.test"), p.id, kind: "review")
        try requireStatus(try await reviewTask(c, key: p.key("rev@m.test"), r1, "Accepted"), 200)
        let r2 = try await claimID(c, key: p.key("rev@m.test"), p.id, kind: "review")
        try requireStatus(try await reviewTask(c, key: p.key("rev@m.test"), r2, "Rejected", extra: #","issue":{"content":"redo"}"#), 200)
        return p
    }

    func metric(_ c: Client, _ key: String, _ project: String, _ name: String) async throws -> JSONValue {
        let r = try await c.api(.get, "/v2/\(project)/overview/\(name)", key: key)
        try requireStatus(r, 200)
        return r.data
    }

    @Test("the six overview metrics count what happened", arguments: TestBackend.available)
    func overview(backend: TestBackend) async throws {
        try await withTestApp(backend) { c, fixture, runtime in
            let p = try await Self.scenario(c, runtime, fixture)
            let k = fixture.adminKey
            let stages = try await metric(c, k, p.id, "LabelStageGroups")["stages"]?.arrayValue ?? []
            let count = Dictionary(uniqueKeysWithValues: stages.map { ($0["stageId"]!.stringValue!, $0["count"]!.intValue!) })
            #expect(count == ["Start": 0, "Label": 2, "Review": 0, "Complete": 1])

            let status = try await metric(c, k, p.id, "AnnotationStatus")
            #expect(status["total"] == 3 && status["completed"] == 1 && status["todo"] == 2 && status["withOpenIssues"] == 1)

            let time = try await metric(c, k, p.id, "TimePerTask")["stages"]?.arrayValue ?? []
            let label = try #require(time.first { $0["stageId"] == "Label" })
            #expect(label["count"] == 2 && label["totalMillis"] == 4000 && label["averageMillis"] == 2000)

            let answers = try await metric(c, k, p.id, "AnswerDistribution")
            #expect(answers["labeledTasks"] == 2)
            #expect(answers["tools"]?[0]?["schemaId"] == "car" && answers["tools"]?[0]?["objects"] == 3 && answers["tools"]?[0]?["tasks"] == 2)
            let weather = answers["classifications"]?[0]?["answers"]?.arrayValue ?? []
            #expect(weather.map { "\($0["value"]!.stringValue!)=\($0["count"]!.intValue!)" } == ["rain=1", "sun=1"])

            let ranges = try await metric(c, k, p.id, "ConsensusRanges")["ranges"]?.arrayValue ?? []
            #expect(ranges.count == 10 && ranges.allSatisfy { $0["count"] == 0 })

            let sizes = try await metric(c, k, p.id, "AssetSize")
            #expect(sizes["unknown"] == 1)
            #expect(sizes["buckets"]?.arrayValue?.compactMap { $0["count"]?.intValue } == [1, 0, 0, 1, 0])

            expectFail(try await c.api(.get, "/v2/\(p.id)/overview/Nope", key: k), 400, "metric must be one of")
            // Labelers see the overview of their project.
            try requireStatus(try await c.api(.get, "/v2/\(p.id)/overview/AnnotationStatus", key: p.key("lab@m.test")), 200)
        }
    }

    @Test("performance reports each person's work, within an interval and batches; Leads and up only", arguments: TestBackend.available)
    func performance(backend: TestBackend) async throws {
        try await withTestApp(backend) { c, fixture, runtime in
            let p = try await Self.scenario(c, runtime, fixture)
            let r = try await c.api(.post, "/v2/performance/\(p.id)", key: fixture.adminKey, body: "{}")
            try requireStatus(r, 200)
            let rows = Dictionary(uniqueKeysWithValues: (r.data["performance"]?.arrayValue ?? []).map { ($0["email"]!.stringValue!, $0) })
            let lab = try #require(rows["lab@m.test"])
            #expect(lab["submitted"] == 2 && lab["labelingTime"] == 4000 && lab["averageLabelingTime"] == 2000)
            #expect(lab["acceptedByReview"] == 1 && lab["rejectedByReview"] == 1)
            let rev = try #require(rows["rev@m.test"])
            #expect(rev["reviewed"] == 2 && rev["accepted"] == 1 && rev["rejected"] == 1 && rev["issuesOpened"] == 1)

            // Everything happened in the last 20 s of the test clock.
            let now = ISODate.format(millis: ISODate.millis(fixture.clock.now()) - 60_000)
            let later = ISODate.format(millis: ISODate.millis(fixture.clock.now()) + 1)
            let inside = try await c.api(.post, "/v2/performance/\(p.id)", key: fixture.adminKey, body: #"{"interval":["\#(now)","\#(later)"]}"#)
            #expect(inside.data["performance"]?.arrayValue?.count == 2)
            let after = try await c.api(.post, "/v2/performance/\(p.id)", key: fixture.adminKey, body: #"{"interval":["\#(later)","\#(later)"]}"#)
            #expect(after.data["performance"]?.arrayValue?.isEmpty == true)
            try requireStatus(try await postBatches(c, key: fixture.adminKey, p.id, body: #"{"name":"Empty"}"#), 200)
            let batch = try await c.api(.post, "/v2/performance/\(p.id)", key: fixture.adminKey, body: #"{"batches":["Empty"]}"#)
            #expect(batch.data["performance"]?.arrayValue?.compactMap { $0["submitted"]?.intValue }.allSatisfy { $0 == 0 } == true)
            expectFail(try await c.api(.post, "/v2/performance/\(p.id)", key: fixture.adminKey, body: #"{"batches":["Nope"]}"#), 400, "batches[0]")
            expectFail(try await c.api(.post, "/v2/performance/\(p.id)", key: fixture.adminKey, body: #"{"interval":["yesterday"]}"#), 400, "interval")
            expectFail(try await c.api(.post, "/v2/performance/\(p.id)", key: p.key("rev@m.test"), body: "{}"), 403, "Lead")
        }
    }
}

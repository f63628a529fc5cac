import GlossCore
import GlossTesting
import Testing

@Suite("Consensus stages: sub-tasks labeled in parallel, scored, routed by threshold")
struct ConsensusFlowTests {
    static func stages(threshold: Double, autoAssign: Bool = true) -> String {
        #"""
        [{"id":"Start","type":"Start","next":["Cons"]},
         {"id":"Cons","type":"Consensus","next":["Agree","Disagree"],"consensusConfig":{"threshold":\#(threshold),"autoAssign":\#(autoAssign)}},
         {"id":"C1","type":"Label","consensusId":"Cons","next":["Cons"]},
         {"id":"C2","type":"Label","consensusId":"Cons","next":["Cons"]},
         {"id":"C3","type":"Label","consensusId":"Cons","next":["Cons"]},
         {"id":"Agree","type":"Complete","next":[]},{"id":"Disagree","type":"Complete","next":[]}]
        """#
    }

    static let schema = #"{"classifications":[{"schemaId":"color","tool":"radio","title":"Color","options":[{"value":"A","schemaId":"a"},{"value":"B","schemaId":"b"}]}]}"#
    static let labelers = ["l1@x.test": "Labeler", "l2@x.test": "Labeler", "l3@x.test": "Labeler"]

    static func answer(_ value: String) -> String { #"{"answer":{"classifications":[{"schemaId":"color","answer":"\#(value)"}]}}"# }

    /// Each labeler claims one sub-task and submits their answer; returns the parent task.
    static func label(_ c: Client, _ p: WorkflowProject, answers: [(String, String)], adminKey: String) async throws -> JSONValue {
        for (labeler, value) in answers {
            let sub = try await claimID(c, key: p.key(labeler), p.id)
            expectSuccess(try await submitTask(c, key: p.key(labeler), sub, body: answer(value)))
        }
        return try #require(try await allTasks(c, key: adminKey, p.id, query: #"filter=\#(q(#"{"type":{"$eq":"default"}}"#))"#).first)
    }

    @Test("entering Consensus makes one sub-task per sub-stage; the parent waits in the Consensus stage")
    func split() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(threshold: 50), schema: Self.schema,
                                                   members: Self.labelers, assets: ["img"])
            let tasks = try await allTasks(c, key: fixture.adminKey, p.id)
            let subs = tasks.filter { task in task["type"]?.stringValue == "consensus" }
            let parent = try #require(tasks.first(where: { task in task["type"]?.stringValue == "default" }))
            #expect(subs.count == 3)
            #expect(parent["stage"] == "Cons")
            #expect(Set(subs.strings("stage")) == ["C1", "C2", "C3"])
            #expect(subs.allSatisfy { item in item["parentTask"] == parent["_id"] && item["externalId"] == "img" })
        }
    }

    @Test("2 vs 1 on a radio: judgements 66.7 / 66.7 / 33.3, task score 55.6, the majority answer wins, agreement at threshold 50")
    func twoVersusOneAgrees() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(threshold: 50), schema: Self.schema,
                                                   members: Self.labelers, assets: ["img"])
            let parent = try await Self.label(c, p, answers: [("l1@x.test", "B"), ("l2@x.test", "A"), ("l3@x.test", "A")], adminKey: fixture.adminKey)
            let id = try #require(parent["_id"]?.stringValue)
            let task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["stage"] == "Agree")
            let score = try #require(task["consensusScore"]?.doubleValue)
            #expect(abs(score - 500.0 / 9.0) < 0.01)
            #expect(task["answer"]?["classifications"]?.arrayValue?.first?["answer"] == "A")
            let judgements = task["consensusDetailed"]?.arrayValue?.first?["judgements"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            #expect(judgements.count == 3)
            #expect(judgements.map { ($0 * 10).rounded() / 10 }.sorted() == [33.3, 66.7, 66.7])
            #expect(try await historyStages(c, key: fixture.adminKey, id) == ["Start", "Cons"])
        }
    }

    @Test("below the threshold the task leaves by the disagreement output")
    func disagreement() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(threshold: 60), schema: Self.schema,
                                                   members: Self.labelers, assets: ["img"])
            let parent = try await Self.label(c, p, answers: [("l1@x.test", "B"), ("l2@x.test", "A"), ("l3@x.test", "A")], adminKey: fixture.adminKey)
            #expect(parent["stage"] == "Disagree")
        }
    }

    @Test("the parent waits until every sub-task is submitted")
    func waitsForAll() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(threshold: 50), schema: Self.schema,
                                                   members: Self.labelers, assets: ["img"])
            let parent = try await Self.label(c, p, answers: [("l1@x.test", "A"), ("l2@x.test", "A")], adminKey: fixture.adminKey)
            #expect(parent["stage"] == "Cons")
            #expect(parent["consensusScore"] == .null)
        }
    }

    @Test("with auto-assign one person gets one sub-task of a task; without it they may take several")
    func autoAssign() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(threshold: 50), schema: Self.schema,
                                                   members: Self.labelers, assets: ["img"])
            let first = try await claimID(c, key: p.key("l1@x.test"), p.id)
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), first, body: Self.answer("A")))
            #expect(try await claimNext(c, key: p.key("l1@x.test"), p.id).status == 204)
            #expect(try await claimNext(c, key: p.key("l2@x.test"), p.id).status == 200)
        }
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(threshold: 50, autoAssign: false),
                                                   schema: Self.schema, members: Self.labelers, assets: ["img"])
            for _ in 0..<3 {
                let sub = try await claimID(c, key: p.key("l1@x.test"), p.id)
                expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), sub, body: Self.answer("A")))
            }
            let parent = try #require(try await allTasks(c, key: fixture.adminKey, p.id).first { item in item["type"]?.stringValue == "default" })
            #expect(parent["stage"] == "Agree")
            #expect(parent["consensusScore"]?.doubleValue == 100)
        }
    }
}

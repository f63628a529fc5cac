import GlossCore
import GlossTesting
import Testing

@Suite("Logic stages: rules top-down, first match wins, else the last output")
struct LogicRoutingTests {
    /// Start -> Label -> Logic(rules...) -> A | B | Else, each a Complete stage.
    static func stages(_ conditions: String, outputs: Int) -> String {
        let names = ["A", "B", "C"].prefix(outputs - 1) + ["Else"]
        let completes = names.map { #"{"id":"\#($0)","type":"Complete","next":[]}"# }.joined(separator: ",")
        return #"""
        [{"id":"Start","type":"Start","next":["Label"]},{"id":"Label","type":"Label","next":["Logic"]},
         {"id":"Logic","type":"Logic","next":[\#(names.map { "\"\($0)\"" }.joined(separator: ","))],"logic":{"conditions":\#(conditions)}},
         \#(completes)]
        """#
    }

    static let schema = #"""
    {"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"},{"schemaId":"person","tool":"bounding-box","title":"Person"}],
     "classifications":[{"schemaId":"weather","tool":"radio","title":"Weather","options":[{"value":"sun","schemaId":"o1"},{"value":"rain","schemaId":"o2"}]}]}
    """#

    static func box(_ schemaID: String) -> String { #"{"schemaId":"\#(schemaID)","bounding-box":{"x":1,"y":1,"width":5,"height":5}}"# }

    /// Claims and submits `answer` as the labeler; returns the stage the task ends in.
    static func submitAndStage(_ c: Client, _ p: WorkflowProject, labeler: String, answer: String, adminKey: String) async throws -> String? {
        let id = try await claimID(c, key: p.key(labeler), p.id)
        expectSuccess(try await submitTask(c, key: p.key(labeler), id, body: #"{"answer":\#(answer)}"#))
        return try await fetchTask(c, key: adminKey, id)["stage"]?.stringValue
    }

    @Test("AnnotationType: conditions of one rule are ANDed (has Car and not Person); classification answers count")
    func annotationType() async throws {
        try await withTestApp { c, fixture, runtime in
            let conditions = #"""
            [{"type":"AnnotationType","index":0,"value":{"tools":[{"schemaId":"car","filter":["exists"]},{"schemaId":"person","filter":["notExists"]}]}},
             {"type":"AnnotationType","index":1,"value":{"classifications":[{"schemaId":"weather","answer":"rain"}]}}]
            """#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(conditions, outputs: 3), schema: Self.schema,
                                                   members: ["l@x.test": "Labeler"], assets: ["1", "2", "3", "4"])
            let k = fixture.adminKey
            #expect(try await Self.submitAndStage(c, p, labeler: "l@x.test", answer: #"{"objects":[\#(Self.box("car"))]}"#, adminKey: k) == "A")
            #expect(try await Self.submitAndStage(c, p, labeler: "l@x.test",
                                                  answer: #"{"objects":[\#(Self.box("car")),\#(Self.box("person"))]}"#, adminKey: k) == "Else")
            #expect(try await Self.submitAndStage(c, p, labeler: "l@x.test",
                                                  answer: #"{"classifications":[{"schemaId":"weather","answer":"rain"}]}"#, adminKey: k) == "B")
            #expect(try await Self.submitAndStage(c, p, labeler: "l@x.test", answer: #"{}"#, adminKey: k) == "Else")
        }
    }

    @Test("Annotator routes by who submitted the Label stage; Batch by the task's batches")
    func annotatorAndBatch() async throws {
        try await withTestApp { c, fixture, runtime in
            let conditions = #"[{"type":"Annotator","index":0,"value":["l1@x.test"]},{"type":"Batch","index":1,"value":["gold"]}]"#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(conditions, outputs: 3),
                                                   members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler"])
            _ = try await newBatch(c, key: fixture.adminKey, p.id, name: "gold")
            try await importExternalIDs(c, key: fixture.adminKey, p.id, ["plain"])
            try await importExternalIDs(c, key: fixture.adminKey, p.id, ["golden"], query: "batches=%5B%22gold%22%5D")
            let k = fixture.adminKey
            #expect(try await Self.submitAndStage(c, p, labeler: "l1@x.test", answer: "{}", adminKey: k) == "A")
            #expect(try await Self.submitAndStage(c, p, labeler: "l2@x.test", answer: "{}", adminKey: k) == "B")
        }
    }

    @Test("RandomSample rolls once per task: with p = 0.5 over 200 tasks both outputs are used, near half each")
    func randomSample() async throws {
        try await withTestApp { c, fixture, runtime in
            // Start forwards straight into Logic, so import routes every task.
            let stages = #"""
            [{"id":"Start","type":"Start","next":["Logic"]},
             {"id":"Logic","type":"Logic","next":["A","Else"],"logic":{"conditions":[{"type":"RandomSample","index":0,"value":0.5}]}},
             {"id":"A","type":"Complete","next":[]},{"id":"Else","type":"Complete","next":[]}]
            """#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages, assets: (0..<200).map { "t\($0)" })
            let sampled = try await listTasks(c, key: fixture.adminKey, p.id, query: "page=1&limit=1&stage=A").data["total"]?.intValue ?? -1
            let rest = try await listTasks(c, key: fixture.adminKey, p.id, query: "page=1&limit=1&stage=Else").data["total"]?.intValue ?? -1
            #expect(sampled + rest == 200)
            // Independent rolls drift: a binomial(200, 0.5) is within 60...140 with overwhelming probability,
            // and the seeded dice make this run repeatable.
            #expect((60...140).contains(sampled), "sampled \(sampled)")
        }
    }

    @Test("Duration routes by total active seconds; a rule with no match leaves by Else")
    func duration() async throws {
        try await withTestApp { c, fixture, runtime in
            let conditions = #"[{"type":"Duration","index":0,"value":[0,30]}]"#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.stages(conditions, outputs: 2),
                                                   members: ["l@x.test": "Labeler"], assets: ["quick", "slow"])
            let quick = try await claimID(c, key: p.key("l@x.test"), p.id)
            fixture.clock.advance(by: 10)
            expectSuccess(try await submitTask(c, key: p.key("l@x.test"), quick, body: #"{"duration":10000}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, quick)["stage"] == "A")
            let slow = try await claimID(c, key: p.key("l@x.test"), p.id)
            fixture.clock.advance(by: 120)
            expectSuccess(try await submitTask(c, key: p.key("l@x.test"), slow, body: #"{"duration":90000}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, slow)["stage"] == "Else")
        }
    }

    @Test("a Logic stage needs one output per rule plus Else")
    func outputsValidated() async throws {
        try await withTestApp { c, fixture, _ in
            let id = try await newProject(c, key: fixture.adminKey)
            let bad = Self.stages(#"[{"type":"Batch","index":0,"value":["x"]},{"type":"Batch","index":1,"value":["y"]}]"#, outputs: 2)
            expectFail(try await updateProject(c, key: fixture.adminKey, id, body: #"{"stages":\#(bad)}"#), 400, "Logic stage needs 3 outputs")
        }
    }
}

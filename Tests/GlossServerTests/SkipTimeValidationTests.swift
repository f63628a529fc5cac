import GlossCore
import GlossTesting
import Testing

@Suite("Skipping, time tracking and validation on save and submit")
struct SkipTimeValidationTests {
    static let labelOnly = #"[{"id":"Start","type":"Start","next":["Label"]},{"id":"Label","type":"Label","next":["Complete"]},{"id":"Complete","type":"Complete","next":[]}]"#

    @Test("a skipped task stays with its skipper, leaves no history, and comes back only after the other work")
    func skipKeepsAssignee() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.labelOnly, members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler"],
                                                   assets: ["a", "b"])
            let a = try await claimID(c, key: p.key("l1@x.test"), p.id)
            let skipped = try await skipTask(c, key: p.key("l1@x.test"), a)
            expectSuccess(skipped)
            #expect(skipped.data["task"]?["isSkipped"] == true)
            #expect(skipped.data["task"]?["assignee"]?.stringValue == "l1@x.test")
            #expect(try await historyStages(c, key: fixture.adminKey, a) == ["Start"])
            // Not served to l2 (it is l1's); l1 gets the other task first, then the skipped one again.
            let b = try await claimID(c, key: p.key("l1@x.test"), p.id)
            #expect(b != a)
            #expect(try await claimNext(c, key: p.key("l2@x.test"), p.id).status == 204)
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), b))
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == a)
            // Another Labeler does not even see l1's task.
            expectFail(try await skipTask(c, key: p.key("l2@x.test"), a), 404, "not found")
        }
    }

    @Test("with unassignSkippedTask the skipped task returns to the pool; with skipping off, Skip is refused")
    func skipSettings() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.labelOnly, settings: #""unassignSkippedTask":true"#,
                                                   members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler"], assets: ["a"])
            let a = try await claimID(c, key: p.key("l1@x.test"), p.id)
            let skipped = try await skipTask(c, key: p.key("l1@x.test"), a)
            #expect(skipped.data["task"]?["assignee"] == .null)
            #expect(try await claimID(c, key: p.key("l2@x.test"), p.id) == a)
            expectSuccess(try await updateProject(c, key: fixture.adminKey, p.id, body: #"{"taskSkipEnabled":false}"#))
            expectFail(try await skipTask(c, key: p.key("l2@x.test"), a), 400, "skipping is disabled")
        }
    }

    @Test("reported time is capped by the wall time since the task was opened or last saved; stage durations reset per pass")
    func timeTracking() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["l1@x.test": "Labeler"], assets: ["a"])
            let a = try await claimID(c, key: p.key("l1@x.test"), p.id)
            fixture.clock.advance(by: 20)
            // 20 s passed; claiming 50 s of work is capped to 20 s.
            var task = try await saveTask(c, key: p.key("l1@x.test"), a, body: #"{"duration":50000}"#).data["task"]
            #expect(task?["duration"]?.intValue == 20_000)
            fixture.clock.advance(by: 30)
            // The timer restarted at the save: 30 s passed, 12 s reported.
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), a, body: #"{"duration":12000}"#))
            task = try await fetchTask(c, key: fixture.adminKey, a)
            #expect(task?["totalDuration"]?.intValue == 32_000)
            #expect(task?["duration"]?.intValue == 0)
            let history = try await taskHistory(c, key: fixture.adminKey, a).data["taskHistory"]?.arrayValue ?? []
            #expect(history.last?["duration"]?.intValue == 32_000)
            // Outside the queue (never opened) one save counts at most one idle timeout (300 s).
            expectSuccess(try await saveTask(c, key: fixture.adminKey, a, body: #"{"duration":900000}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, a)["duration"]?.intValue == 300_000)
            expectFail(try await saveTask(c, key: fixture.adminKey, a, body: #"{"duration":-5}"#), 400, "duration")
            // idleTimeout 0 turns idle detection off: a save outside the queue is not cut to zero.
            expectSuccess(try await updateProject(c, key: fixture.adminKey, p.id, body: #"{"idleTimeout":0}"#))
            expectSuccess(try await saveTask(c, key: fixture.adminKey, a, body: #"{"duration":900000}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, a)["duration"]?.intValue == 1_200_000)
        }
    }

    static let schema = #"""
    {"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"}],
     "classifications":[{"schemaId":"plate","tool":"text","title":"Plate","required":true,"regex":"[A-Z]{3}-[0-9]{3}"}]}
    """#

    @Test("submit checks required and regex rules and lists every problem; save accepts a partial answer; SDK objects are stored as tools")
    func validation() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: Self.labelOnly, schema: Self.schema,
                                                   members: ["l1@x.test": "Labeler"], assets: ["a"])
            let a = try await claimID(c, key: p.key("l1@x.test"), p.id)
            let partial = #"{"answer":{"objects":[{"schemaId":"car","bounding-box":{"x":1,"y":1,"width":2,"height":2}}]}}"#
            let saved = try await saveTask(c, key: p.key("l1@x.test"), a, body: partial)
            expectSuccess(saved)
            #expect(saved.data["task"]?["answer"]?["tools"]?.arrayValue?.first?["objectId"]?.stringValue?.isEmpty == false)
            let broken = #"{"answer":{"objects":[{"schemaId":"bus","bounding-box":{"x":1}}],"classifications":[{"schemaId":"plate","answer":"abc"}]}}"#
            let refused = try await submitTask(c, key: p.key("l1@x.test"), a, body: broken)
            expectFail(refused, 400, "problems")
            #expect(refused.message.contains("tools[0]"))
            #expect(refused.message.contains("classifications[0]"))
            // The stored answer lacks the required plate: submitting it as is fails too.
            expectFail(try await submitTask(c, key: p.key("l1@x.test"), a), 400, "classifications")
            #expect(try await fetchTask(c, key: fixture.adminKey, a)["stage"]?.stringValue == "Label")
            let good = #"{"answer":{"objects":[],"classifications":[{"schemaId":"plate","answer":"ABC-123"}]}}"#
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), a, body: good))
            #expect(try await fetchTask(c, key: fixture.adminKey, a)["stage"]?.stringValue == "Complete")
        }
    }
}

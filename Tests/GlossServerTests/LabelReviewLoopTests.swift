import GlossCore
import GlossTesting
import Testing

@Suite("Label and Review stages: claim, submit, accept, reject")
struct LabelReviewLoopTests {
    @Test("submit moves a claimed task to Review with a history snapshot; accept completes it")
    func submitThenAccept() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages,
                                                   members: ["lab@x.test": "Labeler", "rev@x.test": "Reviewer"], assets: ["a"])
            let id = try await claimID(c, key: p.key("lab@x.test"), p.id)
            let claimed = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(claimed["assignee"] == "lab@x.test")
            expectSuccess(try await submitTask(c, key: p.key("lab@x.test"), id, body: #"{"answer":{"objects":[],"classifications":[]}}"#))
            var task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["stage"] == "Review")
            #expect(task["assignee"] == .null)
            #expect(try await historyStages(c, key: fixture.adminKey, id) == ["Start", "Label"])
            let history = try await taskHistory(c, key: fixture.adminKey, id).data["taskHistory"]?.arrayValue ?? []
            #expect(history.last?["completedBy"] == "lab@x.test")

            #expect(try await claimID(c, key: p.key("rev@x.test"), p.id, kind: "review") == id)
            expectSuccess(try await reviewTask(c, key: p.key("rev@x.test"), id, "Accepted"))
            task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["stage"] == "Complete")
            #expect(task["status"] == "Completed")
            #expect(task["reviewStatus"] == "Accepted")
            let last = try await taskHistory(c, key: fixture.adminKey, id).data["taskHistory"]?.arrayValue?.last
            #expect(last?["stageId"] == "Review")
            #expect(last?["reviewStatus"] == "Accepted")
        }
    }

    @Test("a rejected task returns to its labeler (sticky assignee), and comes back to the same reviewer")
    func rejectReturnsToSameLabeler() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages,
                                                   members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler", "rev@x.test": "Reviewer"],
                                                   assets: ["a", "b"])
            let first = try await claimID(c, key: p.key("l1@x.test"), p.id)
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), first))
            #expect(try await claimID(c, key: p.key("rev@x.test"), p.id, kind: "review") == first)
            expectSuccess(try await reviewTask(c, key: p.key("rev@x.test"), first, "Rejected"))
            let rejected = try await fetchTask(c, key: fixture.adminKey, first)
            #expect(rejected["stage"] == "Label")
            #expect(rejected["assignee"] == "l1@x.test")
            #expect(rejected["reviewStatus"] == "Rejected")
            // l2 never gets it; l1 does, before any unassigned task.
            let other = try await claimID(c, key: p.key("l2@x.test"), p.id)
            #expect(other != first)
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == first)
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), first))
            #expect(try await fetchTask(c, key: fixture.adminKey, first)["assignee"] == "rev@x.test")
            #expect(try await historyStages(c, key: fixture.adminKey, first) == ["Start", "Label", "Review", "Label"])
        }
    }

    @Test("the queue serves priority first, then creation order, and never another person's task")
    func queueOrder() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages,
                                                   members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler"], assets: ["a", "b", "c", "d"])
            let tasks = try await allTasks(c, key: fixture.adminKey, p.id)
            let byExt = Dictionary(uniqueKeysWithValues: tasks.map { ($0["externalId"]!.stringValue!, $0["_id"]!.stringValue!) })
            expectSuccess(try await updatePriority(c, key: fixture.adminKey, p.id, body: #"{"priority":5,"filters":{"externalIds":["c"]}}"#))
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == byExt["c"])
            // l1 holds c: asking again returns c, not the next one.
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == byExt["c"])
            #expect(try await claimID(c, key: p.key("l2@x.test"), p.id) == byExt["a"])
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), byExt["c"]!))
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == byExt["b"])
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), byExt["b"]!))
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == byExt["d"])
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), byExt["d"]!))
            let empty = try await claimNext(c, key: p.key("l1@x.test"), p.id)
            #expect(empty.status == 204)
        }
    }

    @Test("stage assignedTo limits who the queue serves; labelers cannot review")
    func stageAssignmentAndRoles() async throws {
        try await withTestApp { c, fixture, runtime in
            let stages = labelReviewStages.replacingOccurrences(of: #""next":["Review"],"assignedTo":[]"#,
                                                                with: #""next":["Review"],"assignedTo":["l2@x.test"]"#)
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages,
                                                   members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler"], assets: ["a"])
            #expect(try await claimNext(c, key: p.key("l1@x.test"), p.id).status == 204)
            let id = try await claimID(c, key: p.key("l2@x.test"), p.id)
            expectSuccess(try await submitTask(c, key: p.key("l2@x.test"), id))
            expectFail(try await claimNext(c, key: p.key("l1@x.test"), p.id, kind: "review"), 403, "Reviewer")
            // l1 does not see l2's task at all; the review route refuses it as unknown.
            expectFail(try await reviewTask(c, key: p.key("l1@x.test"), id, "Accepted"), 404, "not found")
            expectFail(try await claimNext(c, key: p.key("l1@x.test"), p.id, kind: "nap"), 400, "kind")
        }
    }

    @Test("outside the queue only Save works; submit needs the task from the queue")
    func saveOutsideQueue() async throws {
        try await withTestApp { c, fixture, runtime in
            // A Labeler sees only tasks they hold or worked on; a Reviewer may open any task of the project.
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages,
                                                   members: ["l1@x.test": "Reviewer", "lab@x.test": "Labeler"], assets: ["a"])
            let id = try await allTasks(c, key: fixture.adminKey, p.id)[0]["_id"]!.stringValue!
            expectFail(try await saveTask(c, key: p.key("lab@x.test"), id, body: "{}"), 404, "not found")
            expectFail(try await submitTask(c, key: p.key("l1@x.test"), id), 403, "queue")
            let saved = try await saveTask(c, key: p.key("l1@x.test"), id, body: #"{"answer":{"tools":[],"classifications":[]}}"#)
            expectSuccess(saved)
            #expect(saved.data["task"]?["isDraft"] == true)
            #expect(saved.data["task"]?["stage"] == "Label")
            #expect(try await historyStages(c, key: fixture.adminKey, id) == ["Start"])
            // Reviewing a task that is not in a Review stage is refused.
            expectFail(try await reviewTask(c, key: fixture.adminKey, id, "Accepted"), 400, "not in a Review stage")
            expectFail(try await reviewTask(c, key: fixture.adminKey, id, "Great"), 400, "reviewStatus")
        }
    }

    @Test("a read-only Review stage refuses answer edits but accepts decisions; Todo only sets the status")
    func readOnlyReview() async throws {
        try await withTestApp { c, fixture, runtime in
            let stages = labelReviewStages.replacingOccurrences(of: #""next":["Complete","Label"],"assignedTo":[]"#,
                                                                with: #""next":["Complete","Label"],"assignedTo":[],"readOnly":true"#)
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages, members: ["l1@x.test": "Labeler"], assets: ["a"])
            let id = try await claimID(c, key: p.key("l1@x.test"), p.id)
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), id))
            expectFail(try await reviewTask(c, key: fixture.adminKey, id, "Accepted", extra: #","answer":{"tools":[]}"#), 403, "read-only")
            expectFail(try await saveTask(c, key: fixture.adminKey, id, body: #"{"answer":{"tools":[]}}"#), 403, "read-only")
            expectSuccess(try await reviewTask(c, key: fixture.adminKey, id, "Todo"))
            var task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["stage"] == "Review")
            #expect(task["reviewStatus"] == "Todo")
            expectSuccess(try await reviewTask(c, key: fixture.adminKey, id, "Rejected"))
            task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["stage"] == "Label")
        }
    }
}

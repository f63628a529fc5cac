import GlossCore
import GlossTesting
import Testing

@Suite("Requeue, Hold and manual forward")
struct RequeueAndHoldTests {
    /// Runs one task through Label (submitted by l1 with a box) into Review; returns its id.
    static func labeled(_ c: Client, _ p: WorkflowProject) async throws -> String {
        let id = try await claimID(c, key: p.key("l1@x.test"), p.id)
        expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), id,
                                           body: #"{"answer":{"tools":[{"schemaId":"car","objectId":"o1","bounding-box":{"x":1,"y":2,"width":3,"height":4}}]}}"#))
        return id
    }

    static let schema = #"{"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"}]}"#

    @Test("a plain requeue moves the task as it is: answer and sticky assignee kept, no history entry, a requeue mark")
    func plainRequeue() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, schema: Self.schema,
                                                   members: ["l1@x.test": "Labeler"], assets: ["a"])
            let id = try await Self.labeled(c, p)
            let r = try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Label","filters":{"taskIds":["\#(id)"]}}"#)
            expectSuccess(r)
            #expect(r.data["modifiedCount"] == ["modified": 1, "toStageId": "Label"])
            let task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["stage"] == "Label")
            #expect(task["assignee"] == "l1@x.test")
            #expect(task["answer"]?["tools"]?.arrayValue?.count == 1)
            #expect(task["requeuedAt"] != nil)
            #expect(try await historyStages(c, key: fixture.adminKey, id) == ["Start", "Label"])
            // The next submit is flagged as rework.
            #expect(try await claimID(c, key: p.key("l1@x.test"), p.id) == id)
            expectSuccess(try await submitTask(c, key: p.key("l1@x.test"), id))
            let history = try await taskHistory(c, key: fixture.adminKey, id).data["taskHistory"]?.arrayValue ?? []
            #expect(history.map { item in item["rework"] } == [false, false, true])
        }
    }

    @Test("removeAnnotations, removeAssignee and removeStageHistory each do what they say")
    func requeueOptions() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, schema: Self.schema,
                                                   members: ["l1@x.test": "Labeler", "l2@x.test": "Labeler"], assets: ["a"])
            let id = try await Self.labeled(c, p)
            expectSuccess(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"""
                {"toStageId":"Label","filters":{"fromStageIds":["Review"]},
                 "options":{"removeAnnotations":true,"removeAssignee":true,"removeStageHistory":true}}
                """#))
            let task = try await fetchTask(c, key: fixture.adminKey, id)
            #expect(task["answer"] == Answer.empty)
            #expect(task["assignee"] == .null)
            #expect(try await historyStages(c, key: fixture.adminKey, id) == [])
            // Without a sticky assignee the first labeler to ask takes it.
            #expect(try await claimID(c, key: p.key("l2@x.test"), p.id) == id)
            // Legacy option names work too.
            expectSuccess(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Start","options":{"unassign":true,"resetAnswer":true}}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, id)["assignee"] == .null)
        }
    }

    @Test("requeue refuses an unknown stage or option, and labelers")
    func requeueErrors() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["l1@x.test": "Labeler"], assets: ["a"])
            expectFail(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Nowhere"}"#), 400, "Nowhere")
            expectFail(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"filters":{}}"#), 400, "toStageId")
            expectFail(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Label","options":{"wipe":true}}"#), 400, "wipe")
            expectFail(try await requeueTasks(c, key: p.key("l1@x.test"), p.id, body: #"{"toStageId":"Label"}"#), 403, "Lead")
            expectFail(try await requeueTasks(c, key: fixture.outsiderKey, p.id, body: #"{"toStageId":"Label"}"#), 404)
        }
    }

    @Test("Hold: tasks can be saved, not submitted; forwarding (optionally by batch) moves them on with history")
    func hold() async throws {
        try await withTestApp { c, fixture, runtime in
            let stages = #"""
            [{"id":"Start","type":"Start","next":["Hold"]},{"id":"Hold","type":"Hold","next":["Label"]},
             {"id":"Label","type":"Label","next":["Complete"]},{"id":"Complete","type":"Complete","next":[]}]
            """#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages, members: ["l1@x.test": "Labeler"])
            _ = try await newBatch(c, key: fixture.adminKey, p.id, name: "first")
            try await importExternalIDs(c, key: fixture.adminKey, p.id, ["in-batch"], query: "batches=%5B%22first%22%5D")
            try await importExternalIDs(c, key: fixture.adminKey, p.id, ["other"])
            let tasks = try await allTasks(c, key: fixture.adminKey, p.id)
            #expect(tasks.allSatisfy { item in item["stage"] == "Hold" })
            let inBatch = try #require(tasks.first(where: { item in item["externalId"]?.stringValue == "in-batch" })?["_id"]?.stringValue)
            expectSuccess(try await saveTask(c, key: fixture.adminKey, inBatch, body: #"{"answer":{"tools":[]}}"#))
            expectSuccess(try await annotateTask(c, key: fixture.adminKey, inBatch, query: "nextStage=false", body: #"{"answer":{"objects":[]}}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, inBatch)["stage"] == "Hold")
            let r = try await forwardStage(c, key: fixture.adminKey, p.id, body: #"{"stageId":"Hold","batches":["first"]}"#)
            expectSuccess(r)
            #expect(r.data["forwarded"] == 1)
            #expect(try await fetchTask(c, key: fixture.adminKey, inBatch)["stage"] == "Label")
            #expect(try await historyStages(c, key: fixture.adminKey, inBatch) == ["Start", "Hold"])
            expectSuccess(try await forwardStage(c, key: fixture.adminKey, p.id, body: #"{"stageId":"Hold"}"#))
            #expect(try await allTasks(c, key: fixture.adminKey, p.id).allSatisfy { item in item["stage"] == "Label" })
            expectFail(try await forwardStage(c, key: fixture.adminKey, p.id, body: #"{"stageId":"Label"}"#), 400, "Start and Hold")
        }
    }

    @Test("a Hold task cannot be submitted through the editor")
    func holdSubmitRefused() async throws {
        try await withTestApp { c, fixture, runtime in
            let stages = #"""
            [{"id":"Start","type":"Start","next":["Hold"]},{"id":"Hold","type":"Hold","next":["Complete"]},{"id":"Complete","type":"Complete","next":[]}]
            """#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages, assets: ["a"])
            let id = try await allTasks(c, key: fixture.adminKey, p.id)[0]["_id"]!.stringValue!
            // Admins may assign it to themselves, but Hold still refuses Submit.
            expectSuccess(try await assignTasks(c, key: fixture.adminKey, body: #"{"project":"\#(p.id)","tasks":["\#(id)"],"user":"admin@gloss.test","stage":"Hold"}"#))
            expectFail(try await submitTask(c, key: fixture.adminKey, id), 403, "queue")
        }
    }

    @Test("Start with autoForward off: manual forward of all waiting tasks")
    func startForward() async throws {
        try await withTestApp { c, fixture, runtime in
            let stages = labelReviewStages.replacingOccurrences(of: #""autoForward":true"#, with: #""autoForward":false"#)
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages, assets: ["a", "b"])
            #expect(try await allTasks(c, key: fixture.adminKey, p.id).allSatisfy { item in item["stage"] == "Start" })
            #expect(try await forwardStage(c, key: fixture.adminKey, p.id, body: #"{"stageId":"Start"}"#).data["forwarded"] == 2)
            let tasks = try await allTasks(c, key: fixture.adminKey, p.id)
            #expect(tasks.allSatisfy { item in item["stage"] == "Label" })
            #expect(try await historyStages(c, key: fixture.adminKey, tasks[0]["_id"]!.stringValue!) == ["Start"])
        }
    }

    @Test("an empty id list selects nothing; an assignee set with task/assign survives a requeue")
    func emptySelectorsAndAssignedTasks() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["l1@x.test": "Labeler"],
                                                   assets: ["a", "b"])
            let r = try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Start","filters":{"taskIds":[]}}"#)
            #expect(r.data["modifiedCount"]?["modified"] == 0)
            let priority = try await updatePriority(c, key: fixture.adminKey, p.id, body: #"{"priority":9,"filters":{"externalIds":[]}}"#)
            #expect(priority.data["result"]?["matchedCount"] == 0)
            #expect(try await allTasks(c, key: fixture.adminKey, p.id).allSatisfy { task in task["stage"]?.stringValue == "Label" && task["priority"]?.intValue == 0 })
            let id = try #require(try await allTasks(c, key: fixture.adminKey, p.id).first?["_id"]?.stringValue)
            expectSuccess(try await assignTasks(c, key: fixture.adminKey, body: #"{"project":"\#(p.id)","tasks":["\#(id)"],"user":"l1@x.test","stage":"Label"}"#))
            expectSuccess(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Label","filters":{"taskIds":["\#(id)"]}}"#))
            #expect(try await fetchTask(c, key: fixture.adminKey, id)["assignee"]?.stringValue == "l1@x.test")
        }
    }

    @Test("a workflow update that removes a stage still holding tasks is refused, nothing changed")
    func removingOccupiedStage() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, assets: ["a"])
            let shorter = #"[{"id":"Start","type":"Start","next":["Review"]},{"id":"Review","type":"Review","next":["Complete","Complete"]},{"id":"Complete","type":"Complete","next":[]}]"#
            expectFail(try await updateProject(c, key: fixture.adminKey, p.id, body: #"{"stages":\#(shorter)}"#), 400, "stage Label still holds 1 tasks")
            let stages = try await getProject(c, key: fixture.adminKey, p.id).data["project"]?["stages"]?.arrayValue ?? []
            #expect(stages.count == 4)
            expectSuccess(try await requeueTasks(c, key: fixture.adminKey, p.id, body: #"{"toStageId":"Review"}"#))
            expectSuccess(try await updateProject(c, key: fixture.adminKey, p.id, body: #"{"stages":\#(shorter)}"#))
        }
    }
}

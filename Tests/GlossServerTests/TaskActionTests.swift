import GlossCore
import GlossTesting
import Testing

@Suite("Single tasks and bulk task actions")
struct TaskActionTests {
    /// A project with tasks a, b, c; returns the project and task ids by external id.
    static func seed(_ client: Client, _ fixture: TestFixture) async throws -> (project: String, ids: [String: String]) {
        let id = try await newProject(client, key: fixture.adminKey)
        try await importExternalIDs(client, key: fixture.adminKey, id, ["a", "b", "c"])
        let tasks = try await allTasks(client, key: fixture.adminKey, id)
        var ids: [String: String] = [:]
        for task in tasks { ids[task["externalId"]?.stringValue ?? "?"] = task["_id"]?.stringValue }
        return (id, ids)
    }

    @Test("GET /v2/task/{id} always carries the answer; unknown and foreign ids are 404")
    func getTaskAlwaysHasAnswer() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, ids) = try await Self.seed(client, fixture)
            let taskID = try #require(ids["a"])
            for query in ["includeAnswer=False", "includeAnswer=true", ""] {
                let r = try await getTask(client, key: fixture.adminKey, taskID, query: query)
                expectSuccess(r)
                let task = r.data["task"] ?? .null
                #expect(task["_id"]?.stringValue == taskID)
                #expect(task["project"]?.stringValue == id)
                #expect(task["externalId"] == "a")
                #expect(task["answer"] == ["tools": [], "classifications": [], "relations": []])
            }
            expectFail(try await getTask(client, key: fixture.adminKey, unknownID), 404, "task \(unknownID) not found")
            expectFail(try await getTask(client, key: fixture.outsiderKey, taskID), 404, "not found")
            expectFail(try await taskHistory(client, key: fixture.outsiderKey, taskID), 404)
        }
    }

    @Test("GET /v2/taskHistory/{id} returns one history entry; unknown and foreign ids are 404")
    func historyEntry() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, ids) = try await Self.seed(client, fixture)
            let taskID = try #require(ids["b"])
            let entries = try await taskHistory(client, key: fixture.adminKey, taskID).data["taskHistory"]?.arrayValue ?? []
            let entryID = try #require(entries.first?["_id"]?.stringValue)
            let r = try await client.api(.get, "/v2/taskHistory/\(entryID)", key: fixture.adminKey)
            expectSuccess(r)
            let entry = r.data["taskHistory"] ?? .null
            #expect(entry == entries.first)
            #expect(entry["labelTaskId"]?.stringValue == taskID && entry["project"]?.stringValue == id)
            #expect(entry["stageId"] == "Start" && entry["stage"] == "Start" && entry["completedBy"] == JSONValue.null)
            expectFail(try await client.api(.get, "/v2/taskHistory/\(unknownID)", key: fixture.adminKey), 404)
            expectFail(try await client.api(.get, "/v2/taskHistory/\(entryID)", key: fixture.outsiderKey), 404)
        }
    }

    @Test("POST /v2/task/assign sets the assignee of tasks in the given stage")
    func assignSetsAssignee() async throws {
        try await withTestApp { client, fixture, runtime in
            let (id, ids) = try await Self.seed(client, fixture)
            _ = try await addOrgMember(runtime, fixture, email: "worker@gloss.test", role: .member)
            let a = try #require(ids["a"]), b = try #require(ids["b"])
            let r = try await assignTasks(client, key: fixture.adminKey, body: #"{"project":"\#(id)","tasks":["\#(a)","\#(b)"],"user":"Worker@gloss.test","stage":"Label"}"#)
            expectSuccess(r)
            #expect(r.data["modifiedCount"] == 2)
            let tasks = try await allTasks(client, key: fixture.adminKey, id, query: "sort=externalId")
            #expect(tasks.map { item in item["assignee"] } == ["worker@gloss.test", "worker@gloss.test", JSONValue.null])
            let mine = try await listTasks(client, key: fixture.adminKey, id, query: "filter=\(q(#"{"assignee":"worker@gloss.test"}"#))")
            #expect(mine.data["total"] == 2)
        }
    }

    @Test("assigning in another stage changes nothing; bad users, stages and foreign tasks are 400")
    func assignRefusals() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, ids) = try await Self.seed(client, fixture)
            let a = try #require(ids["a"])
            let other = try await newProject(client, key: fixture.adminKey, name: "Other")
            try await importExternalIDs(client, key: fixture.adminKey, other, ["z"])
            let foreign = try #require(try await allTasks(client, key: fixture.adminKey, other).ids.first)
            let mismatch = try await assignTasks(client, key: fixture.adminKey, body: #"{"project":"\#(id)","tasks":["\#(a)"],"user":"admin@gloss.test","stage":"Complete"}"#)
            expectSuccess(mismatch)
            #expect(mismatch.data["modifiedCount"] == 0)
            #expect(try await getTask(client, key: fixture.adminKey, a).data["task"]?["assignee"] == JSONValue.null)
            let bodies: [(String, String)] = [
                (#"{"project":"\#(id)","tasks":["\#(a)"],"user":"nobody@gloss.test","stage":"Label"}"#, "nobody@gloss.test is not a member"),
                (#"{"project":"\#(id)","tasks":["\#(a)"],"user":"outsider@other.test","stage":"Label"}"#, "is not a member of this organization"),
                (#"{"project":"\#(id)","tasks":["\#(foreign)"],"user":"admin@gloss.test","stage":"Label"}"#, "task \(foreign) is not in this project"),
                (#"{"project":"\#(id)","tasks":["\#(a)"],"user":"admin@gloss.test","stage":"Nowhere"}"#, "stage Nowhere does not exist"),
                (#"{"project":"\#(id)","tasks":[],"user":"admin@gloss.test"}"#, "tasks must be a non-empty array"),
                (#"{"project":"\#(id)","tasks":["\#(a)"]}"#, "user (an email) is required"),
                (#"{"tasks":["\#(a)"],"user":"admin@gloss.test"}"#, "project is required"),
            ]
            for (body, message) in bodies { expectFail(try await assignTasks(client, key: fixture.adminKey, body: body), 400, message) }
            #expect(try await getTask(client, key: fixture.adminKey, foreign).data["task"]?["assignee"] == JSONValue.null)
        }
    }

    @Test("POST /v2/project/{id}/updatePriority selects by task ids, external ids, batches, or everything")
    func updatePriorityBySelector() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, ids) = try await Self.seed(client, fixture)
            _ = try await newBatch(client, key: fixture.adminKey, id, name: "Hot")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["d"], query: "batches=\(q(#"["Hot"]"#))")
            func priorities() async throws -> [JSONValue?] { try await allTasks(client, key: fixture.adminKey, id, query: "sort=externalId").map { $0["priority"] } }
            let all = try await updatePriority(client, key: fixture.adminKey, id, body: #"{"filters":{},"priority":1}"#)
            expectSuccess(all)
            #expect(all.data["result"]?["matchedCount"] == 4)
            #expect(try await priorities() == [1, 1, 1, 1])
            let byTask = try await updatePriority(client, key: fixture.adminKey, id, body: #"{"filters":{"taskIds":["\#(ids["a"]!)"]},"priority":1000}"#)
            #expect(byTask.data["result"]?["modifiedCount"] == 1)
            _ = try await updatePriority(client, key: fixture.adminKey, id, body: #"{"filters":{"externalIds":["b","c"]},"priority":-1000}"#)
            _ = try await updatePriority(client, key: fixture.adminKey, id, body: #"{"filters":{"batches":["Hot"]},"priority":42}"#)
            #expect(try await priorities() == [1000, -1000, -1000, 42])
            _ = try await updatePriority(client, key: fixture.adminKey, id, body: #"{"priority":7}"#)
            #expect(try await priorities() == [7, 7, 7, 7])
            for (body, message) in [(#"{"filters":{},"priority":1001}"#, "priority must be an integer from -1000 to 1000"),
                                    (#"{"filters":{},"priority":-1001}"#, "priority must be"), (#"{"filters":{},"priority":"1"}"#, "priority must be"),
                                    (#"{"filters":{"taskIds":"x"},"priority":1}"#, "filters.taskIds must be an array"),
                                    (#"{"filters":{"stage":["Label"]},"priority":1}"#, "unknown filters key: stage")] {
                expectFail(try await updatePriority(client, key: fixture.adminKey, id, body: body), 400, message)
            }
            #expect(try await priorities() == [7, 7, 7, 7])
        }
    }

    @Test("DELETE /v2/project/{id}/tasks removes tasks for good; an unknown id is a 400 and deletes nothing")
    func deleteTasksForGood() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, ids) = try await Self.seed(client, fixture)
            let a = try #require(ids["a"]), b = try #require(ids["b"])
            expectFail(try await deleteTasks(client, key: fixture.adminKey, id, [a, unknownID]), 400, "task \(unknownID) is not in this project")
            expectFail(try await deleteTasks(client, key: fixture.adminKey, id, []), 400, "tasks must be a non-empty array")
            #expect(try await listTasks(client, key: fixture.adminKey, id).data["total"] == 3)
            let r = try await deleteTasks(client, key: fixture.adminKey, id, [a, b])
            expectSuccess(r)
            #expect(r.data["deletedCount"] == 2)
            let left = try await listTasks(client, key: fixture.adminKey, id)
            #expect(left.data["total"] == 1)
            #expect(left.data["tasks"]?.strings("externalId") == ["c"])
            expectFail(try await getTask(client, key: fixture.adminKey, a), 404)
            expectFail(try await taskHistory(client, key: fixture.adminKey, a), 404)
            expectFail(try await deleteTasks(client, key: fixture.adminKey, id, [a]), 400, "is not in this project")
        }
    }
}

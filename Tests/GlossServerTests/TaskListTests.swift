import GlossCore
import GlossTesting
import Testing

@Suite("GET /v2/project/{id}/tasks: paging, sorting, projection")
struct TaskListTests {
    @Test("the default order is newest first; pages and total follow it")
    func defaultOrderAndPaging() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            try await importExternalIDs(client, key: fixture.adminKey, id, ["t1", "t2", "t3"])
            fixture.clock.advance(by: 60)
            try await importExternalIDs(client, key: fixture.adminKey, id, ["t4", "t5"])
            let all = try await allTasks(client, key: fixture.adminKey, id)
            #expect(all.strings("externalId") == ["t5", "t4", "t3", "t2", "t1"])
            let page2 = try await listTasks(client, key: fixture.adminKey, id, query: "page=2&limit=2")
            expectSuccess(page2)
            #expect(page2.data["total"] == 5)
            #expect(page2.data["tasks"]?.strings("externalId") == ["t3", "t2"])
            let past = try await listTasks(client, key: fixture.adminKey, id, query: "page=4&limit=2")
            #expect(past.data["tasks"] == [] && past.data["total"] == 5)
            let explicit = try await allTasks(client, key: fixture.adminKey, id, query: "sort=-createdAt")
            #expect(explicit.strings("externalId") == all.strings("externalId"))
            let oldest = try await allTasks(client, key: fixture.adminKey, id, query: "sort=createdAt")
            #expect(oldest.strings("externalId") == ["t1", "t2", "t3", "t4", "t5"])
        }
    }

    @Test("limit 1000 is accepted; limit 1001, limit 0, page 0 and non-numbers are 400", arguments: [
        ("page=1&limit=1001", "limit must be from 1 to 1000"), ("page=1&limit=0", "limit"), ("page=0&limit=10", "page must be 1 or more"),
        ("page=-1", "page"), ("page=one", "page must be an integer"), ("includeAnswer=maybe", "includeAnswer must be true or false"),
    ])
    func pageBounds(query: String, message: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await listTasks(client, key: fixture.adminKey, id, query: "page=1&limit=1000"))
            expectFail(try await listTasks(client, key: fixture.adminKey, id, query: query), 400, message)
        }
    }

    @Test("sort by externalId, by -priority,externalId; unknown sort fields are 400")
    func sorting() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await importAssets(client, key: fixture.adminKey, id, body: #"""
                {"assets":[{"data":"d","externalId":"b","priority":1},{"data":"d","externalId":"d","priority":5},
                           {"data":"d","externalId":"a","priority":1},{"data":"d","externalId":"c","priority":5},{"data":"d","externalId":"e"}]}
                """#), 201)
            #expect(try await allTasks(client, key: fixture.adminKey, id, query: "sort=externalId").strings("externalId") == ["a", "b", "c", "d", "e"])
            #expect(try await allTasks(client, key: fixture.adminKey, id, query: "sort=-externalId").strings("externalId") == ["e", "d", "c", "b", "a"])
            let byPriority = try await allTasks(client, key: fixture.adminKey, id, query: "sort=\(q("-priority,externalId"))")
            #expect(byPriority.strings("externalId") == ["c", "d", "a", "b", "e"])
            let page = try await listTasks(client, key: fixture.adminKey, id, query: "page=2&limit=2&sort=\(q("-priority,externalId"))")
            #expect(page.data["tasks"]?.strings("externalId") == ["a", "b"])
            expectFail(try await listTasks(client, key: fixture.adminKey, id, query: "sort=colour"), 400, "cannot sort by colour")
            expectFail(try await listTasks(client, key: fixture.adminKey, id, query: "sort=batches"), 400, "cannot sort by batches")
        }
    }

    @Test("every task carries the Tasks table's fields")
    func taskFields() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            try await importExternalIDs(client, key: fixture.adminKey, id, ["x"])
            let task = try #require(try await allTasks(client, key: fixture.adminKey, id).first)
            for key in ["_id", "project", "asset", "organization", "externalId", "stage", "stageName", "status", "reviewStatus", "type",
                        "assignee", "batches", "priority", "duration", "totalDuration", "consensusScore", "openIssuesCount", "isDraft",
                        "isSkipped", "isBenchmark", "createdBy", "updatedBy", "createdAt", "updatedAt", "completedAt"] {
                #expect(task[key] != nil, "missing \(key)")
            }
            #expect(task["project"]?.stringValue == id)
            #expect(task["consensusScore"] == JSONValue.null)
            #expect(task["reviewStatus"] == JSONValue.null)
            #expect(task["openIssuesCount"] == 0 && task["isDraft"] == false && task["type"] == "default")
            #expect(task["createdBy"] == "admin@gloss.test")
            #expect(task["createdAt"]?.stringValue.flatMap(ISODate.parseMillis) == ISODate.millis(fixture.clock.now()))
            #expect(task["answer"] == nil)
        }
    }

    @Test("fields= projects to the named fields plus _id, project and asset; includeAnswer adds the answer")
    func projectionAndAnswer() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            try await importExternalIDs(client, key: fixture.adminKey, id, ["x"])
            let projected = try #require(try await allTasks(client, key: fixture.adminKey, id, query: "fields=externalId").first)
            #expect(Set(projected.objectValue?.keys.map { item in item } ?? []) == ["_id", "project", "asset", "externalId"])
            #expect(projected["externalId"] == "x")
            let two = try #require(try await allTasks(client, key: fixture.adminKey, id, query: "fields=\(q("stage,priority"))").first)
            #expect(Set(two.objectValue?.keys.map { item in item } ?? []) == ["_id", "project", "asset", "stage", "priority"])
            let withAnswer = try #require(try await allTasks(client, key: fixture.adminKey, id, query: "includeAnswer=true").first)
            #expect(withAnswer["answer"] == Answer.empty)
            let pythonBool = try #require(try await allTasks(client, key: fixture.adminKey, id, query: "includeAnswer=True").first)
            #expect(pythonBool["answer"] == Answer.empty)
            let without = try #require(try await allTasks(client, key: fixture.adminKey, id, query: "includeAnswer=false").first)
            #expect(without["answer"] == nil)
            let answerField = try #require(try await allTasks(client, key: fixture.adminKey, id, query: "fields=answer").first)
            #expect(answerField["answer"] == Answer.empty)
        }
    }
}

import Foundation
import GlossCore
import GlossTesting
import Testing

@Suite("POST /export with taskIds: the web UI's Export selected")
struct ExportSelectedTests {
    @Test("selected tasks are exported from whatever stage they are in, and only they")
    func selectedTasks() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "b", "c", "d"], labeled: 2)
            let tasks = try await allTasks(client, key: fixture.adminKey, project.id)
            let byExternal = Dictionary(uniqueKeysWithValues: tasks.compactMap { t in t["externalId"]?.stringValue.map { ($0, t["_id"]?.stringValue ?? "") } })
            // b is Complete, c still in Label: both come out, a and d do not.
            let ids = [try #require(byExternal["b"]), try #require(byExternal["c"])]
            let body = JSONValue.object(["project": .string(project.id), "taskIds": .array(ids.map(JSONValue.string)),
                                         "includeHistory": false]).jsonText()
            let started = try await client.api(.post, "/v2/export", key: fixture.adminKey, body: body)
            try requireStatus(started, 200)
            let file = try await getFile(client, try #require(started.data["exportPath"]?.stringValue))
            let member = try #require(try ZipReader(file.bytes).members.first)
            let items = try #require(try JSONParser.parse(member.bytes).arrayValue)
            #expect(items.map { item in item["externalId"] } == ["b", "c"])
            #expect(items.map { item in item["task"]?["stageId"] } == ["Complete", "Label"])
            #expect(items.first?["task"]?["stageHistory"] == nil)
            // With a stage as well, both filters hold.
            let complete = try await exportJSON(client, key: fixture.adminKey, project.id,
                                                query: "taskIds=\(q(ids.joined(separator: ",")))&stage=Complete")
            #expect(complete.map { item in item["externalId"] } == ["b"])
        }
    }

    @Test("taskIds must be task ids, at least one and at most 1,000; nothing starts otherwise")
    func badTaskIDs() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a"], labeled: 1)
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "taskIds=nope"), 400, "taskIds: nope is not a task id")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "taskIds=%5B%5D"), 400, "taskIds must name at least one task")
            let many = (0..<1001).map { i in String(format: "%024x", i) }
            let body = JSONValue.object(["project": .string(project.id), "taskIds": .array(many.map(JSONValue.string))]).jsonText()
            expectFail(try await client.api(.post, "/v2/export", key: fixture.adminKey, body: body), 400, "at most 1000 tasks")
            expectFail(try await client.api(.post, "/v2/export", key: fixture.adminKey, body: "[1]"), 400, "body must be a JSON object")
            let jobs = try await runtime.stores.database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM export_jobs").first() }
            #expect(try jobs?.decode(column: "n", as: Int.self) == 0)
        }
    }
}

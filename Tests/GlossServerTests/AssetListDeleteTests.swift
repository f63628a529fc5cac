import GlossCore
import GlossTesting
import Testing

@Suite("GET and DELETE /v2/project/{id}/assets")
struct AssetListDeleteTests {
    @Test("assets page with a total, and embed their task with its stage history")
    func listPagesWithTasks() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            try await importExternalIDs(client, key: fixture.adminKey, id, ["a", "b", "c", "d", "e"], extra: ["metadata": ["w": 1]])
            let first = try await listAssets(client, key: fixture.adminKey, id, query: "page=1&limit=2&filters=%7B%7D")
            expectSuccess(first)
            #expect(first.data["total"] == 5)
            let page1 = first.data["assets"]?.ids ?? []
            let page3 = try await listAssets(client, key: fixture.adminKey, id, query: "page=3&limit=2").data["assets"]?.ids ?? []
            let page2 = try await listAssets(client, key: fixture.adminKey, id, query: "page=2&limit=2").data["assets"]?.ids ?? []
            #expect(page1.count == 2 && page2.count == 2 && page3.count == 1)
            #expect(Set(page1 + page2 + page3).count == 5)
            let asset = try #require(first.data["assets"]?.arrayValue?.first)
            #expect(asset["metadata"] == ["w": 1])
            #expect(asset["data"]?.stringValue?.hasPrefix("https://cdn.test/") == true)
            let tasks = asset["labelTasks"]?.arrayValue ?? []
            #expect(tasks.count == 1)
            #expect(tasks.first?["asset"] == asset["_id"])
            #expect(tasks.first?["stage"] == "Label")
            #expect(tasks.first?["answer"] == Answer.empty)
            #expect(tasks.first?["stageHistory"]?.strings("stageId") == ["Start"])
        }
    }

    @Test("filters by externalId, _id and batches; unknown filter keys and bad JSON are 400")
    func filters() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let batch = try await newBatch(client, key: fixture.adminKey, id, name: "B")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["x", "y"])
            try await importExternalIDs(client, key: fixture.adminKey, id, ["z"], query: "batches=\(q(#"["B"]"#))")
            let byExt = try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"externalId":"y"}"#))")
            #expect(byExt.data["assets"]?.strings("externalId") == ["y"])
            let yID = try #require(byExt.data["assets"]?.ids.first)
            let byID = try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"_id":"\#(yID)"}"#))")
            #expect(byID.data["assets"]?.ids == [yID] && byID.data["total"] == 1)
            for key in [batch, "B"] {
                let byBatch = try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"batches":["\#(key)"]}"#))")
                #expect(byBatch.data["assets"]?.strings("externalId") == ["z"])
            }
            expectFail(try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"colour":"red"}"#))"), 400, "unknown asset filter key: colour")
            expectFail(try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"externalId":5}"#))"), 400, "filters.externalId")
            expectFail(try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q("{oops"))"), 400, "filters: malformed JSON")
            expectFail(try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"batches":["Nope"]}"#))"), 400, "batch Nope")
            expectFail(try await listAssets(client, key: fixture.adminKey, id, query: "page=0"), 400, "page")
        }
    }

    @Test("deleting assets deletes their tasks; re-importing makes a new asset and task")
    func deleteAndReimport() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            try await importExternalIDs(client, key: fixture.adminKey, id, ["keep", "drop"])
            let assets = try await listAssets(client, key: fixture.adminKey, id).data["assets"]?.arrayValue ?? []
            let drop = try #require(assets.first { item in item["externalId"] == "drop" })
            let dropID = try #require(drop["_id"]?.stringValue)
            let oldTaskID = try #require(drop["labelTasks"]?.arrayValue?.first?["_id"]?.stringValue)
            let r = try await deleteAssets(client, key: fixture.adminKey, id, [dropID])
            expectSuccess(r)
            #expect(r.data["deletedCount"] == 1)
            #expect(try await listAssets(client, key: fixture.adminKey, id).data["total"] == 1)
            let tasks = try await listTasks(client, key: fixture.adminKey, id)
            #expect(tasks.data["total"] == 1)
            #expect(tasks.data["tasks"]?.strings("externalId") == ["keep"])
            expectFail(try await getTask(client, key: fixture.adminKey, oldTaskID), 404)
            #expect(try await getProject(client, key: fixture.adminKey, id).data["project"]?["assetCount"] == 1)

            try await importExternalIDs(client, key: fixture.adminKey, id, ["drop"])
            let again = try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"externalId":"drop"}"#))")
            let newAsset = try #require(again.data["assets"]?.arrayValue?.first)
            #expect(newAsset["_id"]?.stringValue != dropID)
            let newTaskID = newAsset["labelTasks"]?.arrayValue?.first?["_id"]?.stringValue
            #expect(newTaskID != nil && newTaskID != oldTaskID)
            expectFail(try await getTask(client, key: fixture.adminKey, oldTaskID), 404)
        }
    }

    @Test("an unknown asset id is a 400 and nothing is deleted")
    func unknownAssetRefused() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let other = try await newProject(client, key: fixture.adminKey, name: "Other")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["a"])
            try await importExternalIDs(client, key: fixture.adminKey, other, ["b"])
            let mine = try await listAssets(client, key: fixture.adminKey, id).data["assets"]?.ids ?? []
            let theirs = try await listAssets(client, key: fixture.adminKey, other).data["assets"]?.ids ?? []
            expectFail(try await deleteAssets(client, key: fixture.adminKey, id, mine + [unknownID]), 400, "asset \(unknownID) is not in this project")
            expectFail(try await deleteAssets(client, key: fixture.adminKey, id, mine + theirs), 400, "is not in this project")
            expectFail(try await deleteAssets(client, key: fixture.adminKey, id, []), 400, "non-empty")
            expectFail(try await client.api(.delete, "/v2/project/\(id)/assets", key: fixture.adminKey, body: #"{"assets":"a"}"#), 400, "assets must be an array")
            #expect(try await listAssets(client, key: fixture.adminKey, id).data["total"] == 1)
            #expect(try await listTasks(client, key: fixture.adminKey, id).data["total"] == 1)
            #expect(try await listAssets(client, key: fixture.adminKey, other).data["total"] == 1)
        }
    }
}

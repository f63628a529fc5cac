import GlossCore
import GlossTesting
import Testing

@Suite("POST /v2/project/{id}/cloud")
struct AssetImportTests {
    @Test("N assets make N tasks, all forwarded to Label, each with a Start history entry")
    func importCreatesOneTaskPerAsset() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let r = try await importAssets(client, key: fixture.adminKey, id, body: #"""
                {"assets":[{"data":"https://cdn.test/1.png","externalId":"one","metadata":{"width":10},"contextData":{"k":"v"}},
                           {"data":"https://cdn.test/2.png"},{"data":"https://cdn.test/3.png","storage":"s1"}],
                 "uploadLocal":null,"priority":0}
                """#)
            expectSuccess(r, 201)
            #expect(r.data["assets"] == ["assetsCreated": 3, "tasksCreated": 3, "preLabelsCount": 0, "validPreLabelsCount": 0])
            let tasks = try await allTasks(client, key: fixture.adminKey, id)
            #expect(tasks.count == 3)
            #expect(tasks.allSatisfy { item in item["stage"] == "Label" && item["status"] == "TODO" && item["stageName"] == "Label" })
            #expect(Set(tasks.strings("asset")).count == 3)
            for task in tasks {
                let history = try await taskHistory(client, key: fixture.adminKey, try #require(task["_id"]?.stringValue))
                expectSuccess(history)
                let entries = history.data["taskHistory"]?.arrayValue ?? []
                #expect(entries.count == 1)
                #expect(entries.first?["stageId"] == "Start")
                #expect(entries.first?["labelTask"] == task["_id"])
                #expect(entries.first?["asset"] == task["asset"])
            }
            let project = try await getProject(client, key: fixture.adminKey, id).data["project"]
            #expect(project?["assetCount"] == 3)
        }
    }

    @Test("externalId defaults to the file name; duplicate externalIds are allowed")
    func externalIDs() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await importAssets(client, key: fixture.adminKey, id, body: #"""
                {"assets":[{"data":"https://cdn.test/dir/photo%201.jpg?X-Amz-Signature=abc"},{"data":"https://x/a.png","externalId":"dup"},
                           {"data":"https://x/b.png","externalId":"dup"}]}
                """#), 201)
            let assets = try await listAssets(client, key: fixture.adminKey, id, query: "limit=10").data["assets"] ?? .null
            #expect(assets.strings("externalId").sorted() == ["dup", "dup", "photo 1.jpg"])
            let dup = try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"externalId":"dup"}"#))")
            #expect(dup.data["total"] == 2)
        }
    }

    @Test("batches from the query (by name or id) and per item are unioned onto assets and tasks")
    func batches() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let a = try await newBatch(client, key: fixture.adminKey, id, name: "Batch A")
            let b = try await newBatch(client, key: fixture.adminKey, id, name: "Batch B")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["byName"], query: "batches=\(q(#"["Batch A"]"#))")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["byID"], query: "batches=\(q(#"["\#(a)"]"#))")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["both"], extra: ["batches": ["Batch B", .string(a)]],
                                        query: "batches=\(q(#"["Batch A"]"#))")
            let tasks = try await allTasks(client, key: fixture.adminKey, id, query: "sort=externalId")
            #expect(tasks.strings("externalId") == ["both", "byID", "byName"])
            #expect(tasks.map { item in item["batches"] } == [strings([a, b]), strings([a]), strings([a])])
            let assets = try await listAssets(client, key: fixture.adminKey, id).data["assets"]?.arrayValue ?? []
            #expect(Set(assets.map { item in item["batches"] }) == [strings([a, b]), strings([a])])
        }
    }

    @Test("an unknown batch is a 400 and nothing is imported")
    func unknownBatch() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectFail(try await importAssets(client, key: fixture.adminKey, id, body: #"{"assets":[{"data":"d"}]}"#,
                                              query: "batches=\(q(#"["Nope"]"#))"), 400, "batch Nope does not exist")
            expectFail(try await importAssets(client, key: fixture.adminKey, id, body: #"{"assets":[{"data":"d"},{"data":"e","batches":["Ghost"]}]}"#),
                       400, "assets[1].batches: batch Ghost does not exist")
            expectFail(try await importAssets(client, key: fixture.adminKey, id, body: #"{"assets":[{"data":"d"}]}"#,
                                              query: "batches=\(q(#"{"a":1}"#))"), 400, "batches must be a JSON array")
            #expect(try await listAssets(client, key: fixture.adminKey, id).data["total"] == 0)
        }
    }

    @Test("priority: per item, or the request's non-zero priority for every item")
    func priority() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await importAssets(client, key: fixture.adminKey, id, body: #"""
                {"assets":[{"data":"d","externalId":"p7","priority":7},{"data":"d","externalId":"p0"}],"priority":0}
                """#), 201)
            expectSuccess(try await importAssets(client, key: fixture.adminKey, id, body: #"""
                {"assets":[{"data":"d","externalId":"all","priority":7}],"priority":-20}
                """#), 201)
            let tasks = try await allTasks(client, key: fixture.adminKey, id, query: "sort=externalId")
            #expect(tasks.strings("externalId") == ["all", "p0", "p7"])
            #expect(tasks.map { item in item["priority"] } == [-20, 0, 7])
            expectFail(try await importAssets(client, key: fixture.adminKey, id, body: #"{"assets":[{"data":"d"}],"priority":5000}"#),
                       400, "priority must be from -1000 to 1000")
            expectFail(try await importAssets(client, key: fixture.adminKey, id, body: #"{"assets":[{"data":"d"}],"priority":"high"}"#),
                       400, "priority must be an integer")
        }
    }

    @Test("one invalid item is a 400 naming it, and nothing at all is imported", arguments: [
        (#"{"assets":[{"data":"ok"},{"externalId":"no data"}]}"#, "assets[1].data is required"),
        (#"{"assets":[{"data":"ok"},{"data":"ok"},{"data":"x","priority":1001}]}"#, "assets[2].priority"),
        (#"{"assets":[{"data":"ok"},{"data":"x","batches":[1]}]}"#, "assets[1].batches must be an array"),
        (#"{"assets":[{"data":"x","metadata":"m"}]}"#, "assets[0].metadata must be an object"),
        (#"{"assets":[{"data":"ok"},"https://x/y.png"]}"#, "assets[1] must be an object"),
        (#"{"assets":[]}"#, "assets must be a non-empty array"),
        (#"{"assets":{"data":"x"}}"#, "assets must be an array"),
        (#"{"data":"x"}"#, "assets must be an array"),
    ])
    func allOrNothing(body: String, message: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectFail(try await importAssets(client, key: fixture.adminKey, id, body: body), 400, message)
            #expect(try await listAssets(client, key: fixture.adminKey, id).data["total"] == 0)
            #expect(try await listTasks(client, key: fixture.adminKey, id).data["total"] == 0)
            #expect(try await getProject(client, key: fixture.adminKey, id).data["project"]?["assetCount"] == 0)
        }
    }
}

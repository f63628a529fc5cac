import Foundation
import GlossCore
import GlossTesting
import Testing

@Suite("GET /export: the Ango export format through a signed zip")
struct ExportRouteTests {
    @Test("the default export holds the Complete tasks in the Ango export format")
    func defaultExportIsCompleteTasks() async throws {
        try await withTestApp { client, fixture, runtime in
            let extra: [String: JSONValue] = ["metadata": ["width": 640, "height": 480], "contextData": ["k": "v"]]
            let project = try await labeledProject(client, runtime, fixture, ["a", "b", "c"], labeled: 2, extra: extra)
            let items = try await exportJSON(client, key: fixture.adminKey, project.id)
            #expect(items.map { item in item["externalId"] } == ["a", "b"])
            let first = try #require(items.first)
            #expect(first["asset"] == "https://cdn.test/a.png")
            #expect(first["metadata"] == ["width": 640, "height": 480])
            #expect(first["contextData"] == ["k": "v"])
            #expect(first["assetId"]?.stringValue?.count == 24)
            let task = try #require(first["task"])
            #expect(task["stage"] == "Done")
            #expect(task["stageId"] == "Complete")
            #expect(task["updatedBy"] == .string(fixture.admin.email))
            #expect(task["tools"]?.arrayValue?.first?["bounding-box"] == ["x": 1, "y": 2, "width": 10, "height": 4])
            #expect(task["tools"]?.arrayValue?.first?["objectId"] == "o10")
            #expect(task["classifications"]?.arrayValue?.first?["answer"] == "day")
            #expect(task["relations"] == [])
            let history = try #require(task["stageHistory"]?.arrayValue)
            #expect(history.map { entry in entry["stageId"] } == ["Start", "Label"])
            #expect(history.last?["stage"] == "Labeling")
            #expect(history.last?["completedBy"] == .string(fixture.admin.email))
            #expect(history.last?["tools"]?.arrayValue?.first?["objectId"] == "o10")
            #expect(history.first?["completedBy"] == nil)
            #expect(task["totalDuration"]?.doubleValue != nil)
        }
    }

    @Test("NDJSON has one exported asset per line; metadata and history can be left out")
    func ndjsonAndSwitches() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "b", "c"], labeled: 3)
            let zip = try await exportZip(client, key: fixture.adminKey, project.id,
                                          query: "format=ndjson&includeMetadata=false&includeHistory=false")
            let first = try #require(zip.members.first)
            #expect(first.name.hasSuffix(".ndjson"))
            let lines = String(decoding: first.bytes, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 3)
            let parsed = try lines.map { line in try JSONParser.parse(String(line)) }
            #expect(parsed.map { item in item["externalId"] } == ["a", "b", "c"])
            #expect(parsed.allSatisfy { item in item["metadata"] == nil && item["task"]?["stageHistory"] == nil })
        }
    }

    @Test("stage, batch, task type and time filters select the tasks")
    func filters() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "b", "c"], labeled: 1)
            let batch = try await newBatch(client, key: fixture.adminKey, project.id, name: "Night")
            let assets = try #require(try await listAssets(client, key: fixture.adminKey, project.id, query: "page=1&limit=10").data["assets"]?.arrayValue)
            let assetC = try #require(assets.first { asset in asset["externalId"] == "c" }?["_id"]?.stringValue)
            expectSuccess(try await assignBatches(client, key: fixture.adminKey, body: #"{"projectId":"\#(project.id)","assets":["\#(assetC)"],"batches":["\#(batch)"]}"#))

            let labeling = try await exportJSON(client, key: fixture.adminKey, project.id, query: "stage=" + q(#"["Label"]"#))
            #expect(labeling.map { item in item["externalId"] } == ["b", "c"])
            #expect(labeling.last?["batches"] == ["Night"])
            let everyStage = try await exportJSON(client, key: fixture.adminKey, project.id, query: "stage=" + q(#"["Label", "Complete"]"#))
            #expect(everyStage.count == 3)
            for batchKey in [batch, "Night"] {
                let inBatch = try await exportJSON(client, key: fixture.adminKey, project.id,
                                                   query: "stage=" + q(#"["Label"]"#) + "&batches=" + q(#"["\#(batchKey)"]"#))
                #expect(inBatch.map { item in item["externalId"] } == ["c"])
            }
            // Python's urlencode writes spaces as "+": a JSON list with a space after the comma must still parse.
            let plus = try await exportJSON(client, key: fixture.adminKey, project.id, query: "stage=%5B%22Label%22,+%22Complete%22%5D")
            #expect(plus.count == 3)
            let consensusOnly = try await exportJSON(client, key: fixture.adminKey, project.id, query: "taskTypes=" + q(#"["consensus"]"#))
            #expect(consensusOnly.isEmpty)
            let now = ISODate.format(millis: ISODate.millis(fixture.clock.now()))
            let later = try await exportJSON(client, key: fixture.adminKey, project.id, query: "updatedAt=" + q(#"{"$gt":"\#(now)"}"#))
            #expect(later.isEmpty)
            let earlier = try await exportJSON(client, key: fixture.adminKey, project.id, query: "createdAt=" + q(#"{"$lt":"2099-01-01T00:00:00.000Z"}"#))
            #expect(earlier.count == 1)
        }
    }

    @Test("bad options are a 400 naming the option, and start nothing")
    func badOptions() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a"], labeled: 1)
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "format=xml"), 400, "format")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "type=asset"), 400, "type")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "stage=" + q(#"["Nope"]"#)), 400, "Nope")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "batches=" + q(#"["Nope"]"#)), 400, "batches")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "stage=" + q(#"[1]"#)), 400, "stage")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "taskTypes=" + q(#"["x"]"#)), 400, "taskTypes")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "updatedAt=" + q(#"{"$gt":"soon"}"#)), 400, "updatedAt")
            expectFail(try await startExport(client, key: fixture.adminKey, project.id, query: "includeHistory=maybe"), 400, "includeHistory")
            expectFail(try await client.api(.get, "/v2/export", key: fixture.adminKey), 400, "project")
            let jobs = try await runtime.stores.database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM export_jobs").first() }
            #expect(try jobs?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test("only managers and org admins export; other organizations see no project")
    func onlyManagersExport() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a"], labeled: 1,
                                                   members: ["lab@x.test": "Labeler", "rev@x.test": "Reviewer", "man@x.test": "Manager"])
            expectFail(try await startExport(client, key: project.key("lab@x.test"), project.id), 403, "export")
            expectFail(try await startExport(client, key: project.key("rev@x.test"), project.id), 403, "export")
            expectFail(try await startExport(client, key: fixture.outsiderKey, project.id), 404)
            expectFail(try await startExport(client, key: "wrong-key", project.id), 401)
            #expect(try await exportJSON(client, key: project.key("man@x.test"), project.id).count == 1)
        }
    }

    @Test("the download needs its signature and stops working when it expires")
    func downloadIsSigned() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a"], labeled: 1)
            let started = try await startExport(client, key: fixture.adminKey, project.id)
            let url = try #require(started.data["exportPath"]?.stringValue)
            #expect(url.contains("/exports/") && url.contains("sig="))
            #expect(try await getFile(client, String(url.prefix { ch in ch != "?" })).status == 403)
            let tampered = String(url.dropLast()) + (url.last == "0" ? "1" : "0")
            #expect(try await getFile(client, tampered).status == 403)
            #expect(try await getFile(client, url).status == 200)
            fixture.clock.advance(by: 601)
            #expect(try await getFile(client, url).status == 403)
        }
    }

    @Test("concurrent exports of one project each get their own complete file, and report progress")
    func concurrentExports() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, (0..<40).map { n in "asset-\(n)" }, labeled: 30)
            let json = try await startExport(client, key: fixture.adminKey, project.id)
            let lines = try await startExport(client, key: fixture.adminKey, project.id, query: "format=ndjson&stage=" + q(#"["Label"]"#))
            let jsonID = try #require(json.data["exportId"]?.stringValue), linesID = try #require(lines.data["exportId"]?.stringValue)
            #expect(jsonID != linesID)
            let jsonZip = try ZipReader(try await getFile(client, try #require(json.data["exportPath"]?.stringValue)).bytes)
            let linesZip = try ZipReader(try await getFile(client, try #require(lines.data["exportPath"]?.stringValue)).bytes)
            #expect(try JSONParser.parse(try #require(jsonZip.members.first).bytes).arrayValue?.count == 30)
            #expect(String(decoding: try #require(linesZip.members.first).bytes, as: UTF8.self).split(separator: "\n").count == 10)
            let status = try await client.api(.get, "/v2/exports/\(jsonID)", key: fixture.adminKey)
            expectSuccess(status)
            #expect(status.data["export"]?["state"] == "done")
            #expect(status.data["export"]?["total"] == 30)
            #expect(status.data["export"]?["done"] == 30)
            #expect((status.data["export"]?["bytes"]?.doubleValue ?? 0) > 0)
            expectFail(try await client.api(.get, "/v2/exports/\(jsonID)", key: fixture.outsiderKey), 404)
        }
    }

    @Test("type=issue exports the project's issues: none exist before issue tracking, so an empty list")
    func issueExport() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a"], labeled: 1)
            let zip = try await exportZip(client, key: fixture.adminKey, project.id, query: "type=issue")
            #expect(try JSONParser.parse(try #require(zip.members.first).bytes) == [])
        }
    }
}

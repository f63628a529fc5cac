import Foundation
import GlossCore
import GlossTesting
import Testing

@Suite("POST /import/labels and pre-labels on cloud import")
struct LabelImportTests {
    static func importLabels(_ c: Client, key: String, _ project: String, _ items: String, listKey: String = "jsonContent") async throws -> TestJSONResponse {
        try await c.api(.post, "/v2/import/labels", key: key, body: #"{"project":"\#(project)","\#(listKey)":\#(items)}"#)
    }

    static func without(_ value: JSONValue, _ keys: [String]) -> JSONValue {
        guard var object = value.objectValue else { return value }
        for key in keys { object.removeValue(forKey: key) }
        return .object(object)
    }

    /// Tasks of the project by external id (several when an external id repeats).
    static func answers(_ c: Client, key: String, _ project: String) async throws -> [String: [JSONValue]] {
        var byExternal: [String: [JSONValue]] = [:]
        for task in try await allTasks(c, key: key, project) {
            let full = try await getTask(c, key: key, try #require(task["_id"]?.stringValue), query: "includeAnswer=true")
            let data = full.data["task"] ?? .null
            byExternal[data["externalId"]?.stringValue ?? "", default: []].append(data)
        }
        return byExternal
    }

    @Test("an externalId labels every asset that shares it; classes may be named by title")
    func byExternalIDAndTitle() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "a", "b"], labeled: 0)
            let r = try await Self.importLabels(client, key: fixture.adminKey, project.id, #"""
                [{"externalId":"a","objects":[{"title":"Car","bounding-box":{"x":5,"y":6,"width":7,"height":8}}],
                  "classifications":[{"title":"Kind","answer":"night"}]}]
                """#)
            expectSuccess(r)
            #expect(r.data["project"] == "1 / 1 tasks are labeled.")
            #expect(r.data["tasks"] == 2)
            let tasks = try await Self.answers(client, key: fixture.adminKey, project.id)
            for task in try #require(tasks["a"]) {
                let tool = try #require(task["answer"]?["tools"]?.arrayValue?.first)
                #expect(tool["schemaId"] == "box")
                #expect(tool["bounding-box"] == ["x": 5, "y": 6, "width": 7, "height": 8])
                #expect(tool["objectId"]?.stringValue?.isEmpty == false)
                #expect(task["answer"]?["classifications"]?.arrayValue?.first?["schemaId"] == "kind")
                #expect(task["stage"] == "Label")
            }
            #expect(tasks["b"]?.first?["answer"]?["tools"] == [])
            let prelabeled = try await listAssets(client, key: fixture.adminKey, project.id, query: "page=1&limit=10&filters=" + q(#"{"isPreLabeled":true}"#))
            #expect(prelabeled.data["total"] == 2)
        }
    }

    @Test("answer-nested items by assetId and by data URL, under the `labels` key")
    func nestedByAssetIDAndData() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "b"], labeled: 0)
            let assets = try #require(try await listAssets(client, key: fixture.adminKey, project.id).data["assets"]?.arrayValue)
            let assetA = try #require(assets.first { asset in asset["externalId"] == "a" }?["_id"]?.stringValue)
            let r = try await Self.importLabels(client, key: fixture.adminKey, project.id, #"""
                [{"assetId":"\#(assetA)","answer":{"objects":[{"schemaId":"box","bounding-box":{"x":1,"y":1,"width":2,"height":2}}]}},
                 {"data":"https://cdn.test/b.png","answer":{"classifications":[{"schemaId":"kind","answer":"day"}]}}]
                """#, listKey: "labels")
            expectSuccess(r)
            #expect(r.data["project"] == "2 / 2 tasks are labeled.")
            let tasks = try await Self.answers(client, key: fixture.adminKey, project.id)
            #expect(tasks["a"]?.first?["answer"]?["tools"]?.arrayValue?.count == 1)
            #expect(tasks["b"]?.first?["answer"]?["classifications"]?.arrayValue?.first?["answer"] == "day")
        }
    }

    @Test("invalid items are reported by position; the valid ones land")
    func invalidItemsReported() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "b"], labeled: 0)
            let r = try await Self.importLabels(client, key: fixture.adminKey, project.id, #"""
                [{"externalId":"a","objects":[{"title":"Truck","bounding-box":{"x":1,"y":1,"width":2,"height":2}}]},
                 {"objects":[]},
                 {"externalId":"nobody","objects":[]},
                 {"externalId":"b","objects":[{"schemaId":"box","bounding-box":{"x":1,"y":1}}]},
                 {"externalId":"b","classifications":[{"schemaId":"kind","answer":"dusk"}]},
                 {"externalId":"b","classifications":[{"schemaId":"kind","answer":"night"}]}]
                """#)
            expectSuccess(r)
            #expect(r.data["project"] == "1 / 6 tasks are labeled.")
            let errors = try #require(r.data["errors"]?.arrayValue)
            #expect(errors.map { e in e["index"] } == [0, 1, 2, 3, 4])
            #expect(errors[0]["message"]?.stringValue?.contains("Truck") == true)
            #expect(errors[1]["message"]?.stringValue?.contains("externalId") == true)
            #expect(errors[2]["message"]?.stringValue?.contains("nobody") == true)
            let tasks = try await Self.answers(client, key: fixture.adminKey, project.id)
            #expect(tasks["a"]?.first?["answer"]?["tools"] == [])
            #expect(tasks["b"]?.first?["answer"]?["classifications"]?.arrayValue?.first?["answer"] == "night")
        }
    }

    @Test("only managers import labels; a request without a list is a 400")
    func rightsAndShape() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a"], labeled: 0, members: ["lab@x.test": "Labeler"])
            expectFail(try await Self.importLabels(client, key: project.key("lab@x.test"), project.id, "[]"), 403, "import labels")
            expectFail(try await client.api(.post, "/v2/import/labels", key: fixture.adminKey, body: #"{"project":"\#(project.id)"}"#), 400, "jsonContent")
            expectFail(try await client.api(.post, "/v2/import/labels", key: fixture.adminKey, body: #"{"jsonContent":[]}"#), 400, "project")
        }
    }

    @Test("round trip: labels imported with status Completed come back in the export unchanged")
    func roundTripThroughExport() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, ["a", "b", "c"], labeled: 0)
            let items = #"""
                [{"externalId":"a","status":"Completed","objects":[{"schemaId":"box","objectId":"oa","bounding-box":{"x":1.5,"y":2,"width":30,"height":40},
                   "classifications":[]}],"classifications":[{"schemaId":"kind","answer":"night"}],"relations":[]},
                 {"externalId":"b","status":"Completed","objects":[{"schemaId":"box","objectId":"ob","bounding-box":{"x":9,"y":8,"width":7,"height":6}}]}]
                """#
            expectSuccess(try await Self.importLabels(client, key: fixture.adminKey, project.id, items))
            let exported = try await exportJSON(client, key: fixture.adminKey, project.id)
            #expect(exported.map { item in item["externalId"] } == ["a", "b"])
            let sent = try #require(try JSONParser.parse(items).arrayValue)
            for (item, original) in zip(exported, sent) {
                let task = try #require(item["task"])
                #expect(task["stageId"] == "Complete")
                let tools = try #require(task["tools"]?.arrayValue)
                let objects = try #require(original["objects"]?.arrayValue)
                #expect(tools.map { t in t["bounding-box"] } == objects.map { o in o["bounding-box"] })
                #expect(tools.map { t in t["objectId"] } == objects.map { o in o["objectId"] })
                // Stored answers gain each class's title (and a classification's tool kind), as Ango's exports carry them.
                let classifications = try #require(task["classifications"]?.arrayValue)
                #expect(classifications.map { c in Self.without(c, ["title", "tool"]) } == (original["classifications"]?.arrayValue ?? []))
                #expect(classifications.allSatisfy { c in c["title"] == "Kind" && c["tool"] == "radio" })
                #expect(tools.allSatisfy { t in t["title"] == "Car" })
                #expect(task["stageHistory"]?.arrayValue?.last?["stageId"] == "Label")
            }
        }
    }

    @Test("cloud import items may carry pre-labels: valid ones become the answer, the counts tell")
    func preLabelsOnCloudImport() async throws {
        try await withTestApp { client, fixture, runtime in
            let project = try await labeledProject(client, runtime, fixture, [], labeled: 0)
            let r = try await importAssets(client, key: fixture.adminKey, project.id, body: #"""
                {"assets":[{"data":"https://cdn.test/p.png","externalId":"p","objects":[{"title":"Car","bounding-box":{"x":1,"y":2,"width":3,"height":4}}]},
                           {"data":"https://cdn.test/q.png","externalId":"q","objects":[{"title":"Nope","bounding-box":{"x":1,"y":2,"width":3,"height":4}}]},
                           {"data":"https://cdn.test/r.png","externalId":"r"}]}
                """#)
            expectSuccess(r, 201)
            #expect(r.data["assets"]?["assetsCreated"] == 3)
            #expect(r.data["assets"]?["preLabelsCount"] == 2)
            #expect(r.data["assets"]?["validPreLabelsCount"] == 1)
            let tasks = try await Self.answers(client, key: fixture.adminKey, project.id)
            #expect(tasks["p"]?.first?["answer"]?["tools"]?.arrayValue?.first?["schemaId"] == "box")
            #expect(tasks["q"]?.first?["answer"]?["tools"] == [])
            let prelabeled = try await listAssets(client, key: fixture.adminKey, project.id, query: "page=1&limit=10&filters=" + q(#"{"isPreLabeled":true}"#))
            #expect(prelabeled.data["assets"]?.arrayValue?.map { a in a["externalId"] } == ["p"])
        }
    }
}

import Foundation
import GlossCore
import GlossServer
import GlossTesting
import NIOCore
import Testing

@Suite("Project clone, purge and benchmark marking")
struct CloneAndPurgeTests {
    @Test("clone copies the chosen sections into '{name} copy' and never assets, tasks or issues")
    func clone() async throws {
        try await withTestApp { c, fixture, runtime in
            let schema = #"{"tools":[{"schemaId":"car","tool":"bounding-box","title":"Car"}],"classifications":[],"relations":[]}"#
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, schema: schema, settings: #""idleTimeout":42"#,
                                                   members: ["lab@c.test": "Labeler"], assets: ["a"])
            try requireStatus(try await postBatches(c, key: fixture.adminKey, p.id, body: #"{"name":"B1"}"#), 200)
            let full = try await c.api(.post, "/v2/project/\(p.id)/clone", key: fixture.adminKey, body: "{}")
            try requireStatus(full, 201)
            let copy = full.data["project"] ?? .null
            #expect(copy["name"] == "Project copy")
            #expect(copy["categorySchema"]?["tools"]?[0]?["schemaId"] == "car")
            #expect(copy["stages"]?.strings("id") == ["Start", "Label", "Review", "Complete"])
            #expect(copy["batches"]?.strings("name") == ["B1"])
            #expect(copy["idleTimeout"] == 42)
            #expect(copy["assignedTo"]?.strings("assignee").contains("lab@c.test") == true)
            let copyID = try #require(copy["_id"]?.stringValue)
            #expect(try await allTasks(c, key: fixture.adminKey, copyID).isEmpty)

            let bare = try await c.api(.post, "/v2/project/\(p.id)/clone", key: fixture.adminKey, body: #"""
                {"categorySchema":false,"assignedTo":false,"batches":false,"workflow":false,"pluginPresets":false,"projectGeneralSettings":false}
                """#)
            try requireStatus(bare, 201)
            let empty = bare.data["project"] ?? .null
            #expect(empty["categorySchema"]?["tools"]?.arrayValue?.isEmpty == true)
            #expect(empty["batches"]?.arrayValue?.isEmpty == true)
            #expect(empty["idleTimeout"] == 300)
            #expect(empty["assignedTo"]?.strings("assignee") == ["admin@gloss.test"])
            #expect(empty["stages"]?.strings("id") != ["Start", "Label", "Review", "Complete"])
            expectFail(try await c.api(.post, "/v2/project/\(p.id)/clone", key: fixture.adminKey, body: #"{"workflow":"yes"}"#), 400, "workflow")
            expectFail(try await c.api(.post, "/v2/project/\(p.id)/clone", key: p.key("lab@c.test"), body: "{}"), 403, "Manager")
        }
    }

    @Test("purge needs the exact name, then removes the project, its rows and its own files", arguments: TestBackend.available)
    func purge(backend: TestBackend) async throws {
        try await withTestApp(backend) { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["lab@c.test": "Labeler"], assets: ["a"])
            let task = try await claimID(c, key: p.key("lab@c.test"), p.id)
            try requireStatus(try await c.api(.post, "/v2/issues", key: p.key("lab@c.test"), body: #"{"labelTask":"\#(task)","content":"x"}"#), 201)
            let upload = try await c.api(.get, "/v2/getUploadUrl?project=\(p.id)&name=pic.png", key: fixture.adminKey)
            let putURL = try #require(upload.data["uploadUrl"]?.stringValue)
            let put = try await c.execute(uri: String(putURL[putURL.range(of: "/files/")!.lowerBound...]), method: .put, headers: [:],
                                          body: ByteBuffer(bytes: [1, 2, 3]))
            #expect(put.status == .ok || put.status == .created)
            let signed = try await c.api(.get, "/v2/getSignedUrl?url=" + q("/files/\(p.id)/assets/pic.png"), key: fixture.adminKey)
            let getURL = try #require(signed.data["signedUrl"]?.stringValue)
            let getPath = String(getURL[getURL.range(of: "/files/")!.lowerBound...])
            #expect(try await c.execute(uri: getPath, method: .get).status == .ok)

            expectFail(try await c.api(.post, "/v2/project/\(p.id)/purge", key: fixture.adminKey, body: #"{"confirmName":"project"}"#), 400, "does not match")
            expectFail(try await c.api(.post, "/v2/project/\(p.id)/purge", key: fixture.adminKey, body: "{}"), 400, "confirmName")
            #expect(try await getProject(c, key: fixture.adminKey, p.id).status == 200)
            try requireStatus(try await c.api(.post, "/v2/project/\(p.id)/purge", key: fixture.adminKey, body: #"{"confirmName":"Project"}"#), 200)
            expectFail(try await getProject(c, key: fixture.adminKey, p.id), 404, "not found")
            expectFail(try await getTask(c, key: fixture.adminKey, task), 404, "not found")
            let leftovers = try await runtime.stores.database.read { db in
                try await db.raw("SELECT (SELECT COUNT(*) FROM tasks WHERE project_id = \(bind: p.id)) + (SELECT COUNT(*) FROM issues WHERE project_id = \(bind: p.id)) + (SELECT COUNT(*) FROM assets WHERE project_id = \(bind: p.id)) AS n").first()?.decode(column: "n", as: Int.self)
            }
            #expect(leftovers == 0)
            // The project's own files are gone too.
            #expect(try await c.execute(uri: getPath, method: .get).status == .notFound)
        }
    }

    @Test("benchmark-tasks marks and unmarks tasks; unknown ids change nothing")
    func benchmarkTasks() async throws {
        try await withTestApp { c, fixture, runtime in
            let p = try await WorkflowProject.make(c, runtime, fixture, stages: labelReviewStages, members: ["lead@c.test": "Lead", "rev@c.test": "Reviewer"],
                                                   assets: ["a", "b"])
            let tasks = try await allTasks(c, key: fixture.adminKey, p.id).compactMap { $0["_id"]?.stringValue }
            let marked = try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: p.key("lead@c.test"), body: #"{"tasks":["\#(tasks[0])"],"isBenchmark":true}"#)
            try requireStatus(marked, 200)
            #expect(marked.data["updated"] == 1)
            let filtered = try await allTasks(c, key: fixture.adminKey, p.id, query: "filter=" + q(#"{"isBenchmark":true}"#))
            #expect(filtered.ids == [tasks[0]])
            expectFail(try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: p.key("lead@c.test"), body: #"{"tasks":["\#(tasks[1])","\#(unknownID)"]}"#), 400, unknownID)
            #expect(try await allTasks(c, key: fixture.adminKey, p.id, query: "filter=" + q(#"{"isBenchmark":true}"#)).count == 1)
            expectFail(try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: p.key("rev@c.test"), body: #"{"tasks":["\#(tasks[1])"]}"#), 403, "Lead")
            try requireStatus(try await c.api(.post, "/v2/project/\(p.id)/benchmark-tasks", key: p.key("lead@c.test"), body: #"{"tasks":["\#(tasks[0])"],"isBenchmark":false}"#), 200)
            #expect(try await allTasks(c, key: fixture.adminKey, p.id, query: "filter=" + q(#"{"isBenchmark":true}"#)).isEmpty)
        }
    }
}

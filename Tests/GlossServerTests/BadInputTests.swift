import GlossCore
import GlossTesting
import HTTPTypes
import Testing

@Suite("Bad input across routes")
struct BadInputTests {
    /// Every /v2 route that reads a JSON body, for project `p`.
    static func bodyRoutes(p: String) -> [(HTTPRequest.Method, String)] {
        [(.post, "/v2/project"), (.post, "/v2/project/\(p)"), (.post, "/v2/project/\(p)/assigned"), (.post, "/v2/batches/\(p)"),
         (.post, "/v2/assignBatches"), (.post, "/v2/project/\(p)/cloud"), (.delete, "/v2/project/\(p)/assets"),
         (.post, "/v2/task/assign"), (.post, "/v2/project/\(p)/updatePriority"), (.delete, "/v2/project/\(p)/tasks")]
    }

    /// Every /v2 route, for project `p` and task `t`.
    static func allRoutes(p: String, t: String) -> [(HTTPRequest.Method, String)] {
        bodyRoutes(p: p) + [(.get, "/v2/project/\(p)"), (.get, "/v2/listProjects"), (.delete, "/v2/project/\(p)"),
                            (.get, "/v2/project/\(p)/assets"), (.get, "/v2/project/\(p)/tasks"), (.get, "/v2/task/\(t)"),
                            (.get, "/v2/task/\(t)/history"), (.get, "/v2/taskHistory/\(t)"),
                            (.get, "/v2/getUploadUrl?project=\(p)&name=x.png"),
                            (.get, "/v2/getSignedUrl?url=/files/\(p)/assets/x.png")]
    }

    /// A body that would pass each route's own shape checks, so only the id can make it fail.
    static func plausibleBody(_ path: String, project: String, task: String) -> String {
        if path.hasSuffix("/cloud") { return #"{"assets":[{"data":"https://cdn.test/x.png"}]}"# }
        return #"""
            {"name":"renamed","project":"\#(project)","projectId":"\#(project)","tasks":["\#(task)"],"assets":["\#(unknownID)"],
             "batches":["b"],"user":"admin@gloss.test","assignees":["a@b.co"],"role":"Lead","priority":1}
            """#
    }

    /// A project with one task; returns their ids.
    static func seed(_ client: Client, _ fixture: TestFixture) async throws -> (project: String, task: String) {
        let p = try await newProject(client, key: fixture.adminKey)
        try await importExternalIDs(client, key: fixture.adminKey, p, ["x"])
        return (p, try #require(try await allTasks(client, key: fixture.adminKey, p).ids.first))
    }

    @Test("malformed JSON bodies are 400 with status fail and a message naming the byte", arguments: [#"{"name":"#, "{name: 1}", #"{"a":1} trailing"#])
    func malformedJSON(body: String) async throws {
        try await withTestApp { client, fixture, _ in
            let p = try await newProject(client, key: fixture.adminKey)
            for (method, path) in Self.bodyRoutes(p: p) {
                let r = try await client.api(method, path, key: fixture.adminKey, body: body)
                expectFail(r, 400, "malformed JSON at byte")
            }
            #expect(try await getProject(client, key: fixture.adminKey, p).data["project"]?["name"] == "Project")
        }
    }

    @Test("wrong JSON types are 400 naming the field")
    func wrongTypes() async throws {
        try await withTestApp { client, fixture, _ in
            let p = try await newProject(client, key: fixture.adminKey)
            expectFail(try await createProject(client, key: fixture.adminKey, body: #"{"name":5}"#), 400, "name is required and must be a non-empty string")
            expectFail(try await createProject(client, key: fixture.adminKey, body: #"{}"#), 400, "name is required")
            expectFail(try await createProject(client, key: fixture.adminKey, body: #"["name"]"#), 400, "body must be a JSON object")
            expectFail(try await createProject(client, key: fixture.adminKey, body: #"{"name":"x","idleTimeout":"long"}"#), 400, "idleTimeout")
            expectFail(try await updateProject(client, key: fixture.adminKey, p, body: #"{"categorySchema":[]}"#), 400, "categorySchema must be an object")
            expectFail(try await importAssets(client, key: fixture.adminKey, p, body: #"{"assets":[{"data":5}]}"#), 400, "assets[0].data")
            expectFail(try await postBatches(client, key: fixture.adminKey, p, body: #"{"name":7}"#), 400, "name is required")
            expectFail(try await assignTasks(client, key: fixture.adminKey, body: #"{"project":5}"#), 400, "project is required")
            expectFail(try await deleteTasks(client, key: fixture.adminKey, p, []), 400, "tasks must be")
            expectFail(try await client.api(.delete, "/v2/project/\(p)/tasks", key: fixture.adminKey, body: #"{"tasks":[1,2]}"#), 400, "tasks must be")
            #expect(try await listProjects(client, key: fixture.adminKey).data["total"] == 1)
        }
    }

    @Test("unknown project and task ids are 404 on every route that names one")
    func unknownIDs() async throws {
        try await withTestApp { client, fixture, _ in
            for (method, path) in Self.allRoutes(p: unknownID, t: unknownID) where path.contains(unknownID) && !path.contains("getSignedUrl") {
                let r = try await client.api(method, path, key: fixture.adminKey, body: Self.plausibleBody(path, project: unknownID, task: unknownID))
                expectFail(r, 404)
            }
        }
    }

    @Test("no API key, or an unknown one, is 401 Invalid API KEY on every /v2 route")
    func missingKey() async throws {
        try await withTestApp { client, fixture, _ in
            let (p, t) = try await Self.seed(client, fixture)
            for (method, path) in Self.allRoutes(p: p, t: t) {
                expectFail(try await client.api(method, path, key: nil, body: "{}"), 401, "Invalid API KEY")
                expectFail(try await client.api(method, path, key: "wrong-key-0123456789", body: "{}"), 401, "Invalid API KEY")
                expectFail(try await client.api(method, path, key: "", body: "{}"), 401, "Invalid API KEY")
            }
            #expect(try await getProject(client, key: fixture.adminKey, p).status == 200)
        }
    }

    @Test("another organization's key gets 404 on org A's projects and tasks, and cannot list them")
    func otherOrganization() async throws {
        try await withTestApp { client, fixture, _ in
            let (p, t) = try await Self.seed(client, fixture)
            for (method, path) in Self.allRoutes(p: p, t: t) where path != "/v2/project" && path != "/v2/listProjects" {
                let r = try await client.api(method, path, key: fixture.outsiderKey, body: Self.plausibleBody(path, project: p, task: t))
                expectFail(r, 404)
            }
            // A malformed filter does not reveal that the project exists: still 404.
            expectFail(try await client.api(.get, "/v2/project/\(p)/tasks?filter=%7Bbad", key: fixture.outsiderKey), 404)
            expectFail(try await client.api(.get, "/v2/project/\(p)/assets?filters=%7B%22nope%22:1%7D", key: fixture.outsiderKey), 404)
            let theirs = try await newProject(client, key: fixture.outsiderKey, name: "Theirs")
            let list = try await listProjects(client, key: fixture.outsiderKey)
            #expect(list.data["projects"]?.ids == [theirs])
            #expect(list.data["total"] == 1)
            let ours = try await listProjects(client, key: fixture.adminKey)
            #expect(ours.data["projects"]?.ids == [p])
            let project = try await getProject(client, key: fixture.adminKey, p).data["project"]
            #expect(project?["name"] == "Project" && project?["assetCount"] == 1)
            #expect(try await listTasks(client, key: fixture.adminKey, p).data["tasks"]?.arrayValue?.first?["priority"] == 0)
        }
    }

    @Test("GET /health answers 200 without a key; unknown routes are a JSON 404")
    func health() async throws {
        try await withTestApp { client, _, _ in
            let r = try await client.api(.get, "/health", key: nil)
            #expect(r.status == 200)
            #expect(r.json["status"] == "ok")
            expectFail(try await client.api(.get, "/v2/nothing-here", key: nil), 404)
        }
    }
}

import GlossCore
import GlossTesting
import Testing

@Suite("Projects: create, get, list, delete")
struct ProjectRouteTests {
    @Test("POST /v2/project creates a project with the default workflow, empty schema and the creator as Manager")
    func createUsesDefaults() async throws {
        try await withTestApp { client, fixture, _ in
            let r = try await createProject(client, key: fixture.adminKey, body: #"{"name":"  Cars  ","description":"d"}"#)
            expectSuccess(r, 201)
            let p = r.data["project"] ?? .null
            #expect(p["_id"]?.stringValue.map { ObjectID.isValid($0) } == true)
            #expect(p["name"] == "Cars")
            #expect(p["description"] == "d")
            #expect(p["type"] == "ango")
            #expect(p["owner"] == "admin@gloss.test")
            #expect(p["organization"]?.stringValue == fixture.admin.organizationID)
            #expect(p["categorySchema"] == CategorySchema.empty)
            #expect(p["stages"]?.strings("id") == ["Start", "Label", "Complete"])
            #expect(p["stages"]?.arrayValue?.first?["autoForward"] == true)
            #expect(p["assignedTo"] == [["assignee": "admin@gloss.test", "role": "Manager"]])
            #expect(p["batches"] == [])
            #expect(p["assetCount"] == 0)
            #expect(p["role"] == "Manager")
            #expect(p["idleTimeout"] == 300)
            #expect(p["deleted"] == false)
        }
    }

    @Test("POST /v2/project accepts a type and a custom workflow, and refuses a bad one")
    func createWithTypeAndStages() async throws {
        try await withTestApp { client, fixture, _ in
            let ok = try await createProject(client, key: fixture.adminKey, body: #"""
                {"name":"P","type":"pct","stages":[{"id":"S","type":"Start","next":["C"]},{"id":"C","type":"Complete","next":[]}]}
                """#)
            expectSuccess(ok, 201)
            #expect(ok.data["project"]?["type"] == "pct")
            #expect(ok.data["project"]?["stages"]?.strings("id") == ["S", "C"])
            expectFail(try await createProject(client, key: fixture.adminKey, body: #"{"name":"P","type":"video"}"#),
                       400, "type must be one of")
            expectFail(try await createProject(client, key: fixture.adminKey, body: #"{"name":"P","stages":[]}"#),
                       400, "exactly one Start")
            let list = try await listProjects(client, key: fixture.adminKey)
            #expect(list.data["total"] == 1)
        }
    }

    @Test("GET /v2/project/{id} returns what was created; unknown ids are 404")
    func getByID() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey, name: "Read me")
            let r = try await getProject(client, key: fixture.adminKey, id)
            expectSuccess(r)
            #expect(r.data["project"]?["_id"]?.stringValue == id)
            #expect(r.data["project"]?["name"] == "Read me")
            expectFail(try await getProject(client, key: fixture.adminKey, unknownID), 404, unknownID)
            expectFail(try await getProject(client, key: fixture.adminKey, "not-an-id"), 404)
        }
    }

    @Test("GET /v2/listProjects pages the organization's projects, newest first, with a total")
    func listPagesNewestFirst() async throws {
        try await withTestApp { client, fixture, _ in
            var ids: [String] = []
            for i in 0..<3 {
                ids.append(try await newProject(client, key: fixture.adminKey, name: "P\(i)"))
                fixture.clock.advance(by: 1)
            }
            let first = try await listProjects(client, key: fixture.adminKey, query: "page=1&limit=2")
            expectSuccess(first)
            #expect(first.data["total"] == 3)
            #expect(first.data["projects"]?.ids == [ids[2], ids[1]])
            #expect(first.data["projects"]?.strings("name") == ["P2", "P1"])
            let second = try await listProjects(client, key: fixture.adminKey, query: "page=2&limit=2")
            #expect(second.data["projects"]?.ids == [ids[0]])
            expectFail(try await listProjects(client, key: fixture.adminKey, query: "page=0"), 400, "page")
            expectFail(try await listProjects(client, key: fixture.adminKey, query: "limit=1001"), 400, "limit")
            expectFail(try await listProjects(client, key: fixture.adminKey, query: "limit=ten"), 400, "limit must be an integer")
        }
    }

    @Test("DELETE /v2/project/{id} soft-deletes: then 404 everywhere and no longer listed")
    func softDelete() async throws {
        try await withTestApp { client, fixture, _ in
            let keep = try await newProject(client, key: fixture.adminKey, name: "Keep")
            let gone = try await newProject(client, key: fixture.adminKey, name: "Gone")
            try await importExternalIDs(client, key: fixture.adminKey, gone, ["a"])
            let r = try await deleteProject(client, key: fixture.adminKey, gone)
            expectSuccess(r)
            #expect(r.data["message"] == "Project deleted.")
            expectFail(try await getProject(client, key: fixture.adminKey, gone), 404)
            expectFail(try await listTasks(client, key: fixture.adminKey, gone), 404)
            expectFail(try await listAssets(client, key: fixture.adminKey, gone), 404)
            expectFail(try await updateProject(client, key: fixture.adminKey, gone, body: #"{"name":"back"}"#), 404)
            expectFail(try await deleteProject(client, key: fixture.adminKey, gone), 404)
            let list = try await listProjects(client, key: fixture.adminKey)
            #expect(list.data["projects"]?.ids == [keep])
            #expect(list.data["total"] == 1)
        }
    }

    @Test("an organization member sees only the projects they are assigned to")
    func memberVisibility() async throws {
        try await withTestApp { client, fixture, runtime in
            let memberKey = try await addOrgMember(runtime, fixture, email: "labeler@gloss.test", role: .member)
            let open = try await newProject(client, key: fixture.adminKey, name: "Open")
            let hidden = try await newProject(client, key: fixture.adminKey, name: "Hidden")
            expectSuccess(try await assignMembers(client, key: fixture.adminKey, open, body: #"{"assignees":["labeler@gloss.test"],"role":"Labeler"}"#))
            let list = try await listProjects(client, key: memberKey)
            #expect(list.data["projects"]?.ids == [open])
            let mine = try await getProject(client, key: memberKey, open)
            #expect(mine.data["project"]?["role"] == "Labeler")
            expectFail(try await getProject(client, key: memberKey, hidden), 404)
        }
    }
}

import GlossCore
import GlossTesting
import Testing

@Suite("POST /v2/project/{id}: partial update")
struct ProjectUpdateTests {
    static let reviewWorkflow = #"""
        [{"id":"Start","type":"Start","next":["L"],"autoForward":true},
         {"id":"L","type":"Label","name":"Labeling","next":["R"],"position":{"x":1,"y":2}},
         {"id":"R","type":"Review","next":["Complete","L"],"customOption":{"keep":[1,"two",null]}},
         {"id":"Complete","type":"Complete","next":[]}]
        """#

    @Test("categorySchema is stored verbatim, unknown keys and nulls included; other fields stay")
    func categorySchemaVerbatim() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey, name: "Schema")
            let schema = #"""
                {"tools":[{"tool":"bounding-box","title":"Car","schemaId":"s1","required":null,"vendorKey":{"x":[1]}}],
                 "classifications":[],"relations":[],"topLevelExtra":"kept"}
                """#
            let r = try await updateProject(client, key: fixture.adminKey, id, body: #"{"categorySchema":\#(schema)}"#)
            expectSuccess(r)
            let stored = try await getProject(client, key: fixture.adminKey, id).data["project"] ?? .null
            let expected = try JSONParser.parse(schema)
            #expect(stored["categorySchema"] == expected)
            #expect(stored["name"] == "Schema")
            #expect(stored["stages"]?.strings("id") == ["Start", "Label", "Complete"])
            let partial = try await updateProject(client, key: fixture.adminKey, id, body: #"{"categorySchema":{"tools":[]}}"#)
            #expect(partial.data["project"]?["categorySchema"] == CategorySchema.empty)
            expectFail(try await updateProject(client, key: fixture.adminKey, id, body: #"{"categorySchema":{"tools":"x"}}"#),
                       400, "categorySchema.tools must be an array")
        }
    }

    @Test("a valid stages update replaces the workflow and keeps unknown stage keys")
    func stagesReplaced() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await updateProject(client, key: fixture.adminKey, id, body: #"{"stages":\#(Self.reviewWorkflow)}"#))
            let stages = try await getProject(client, key: fixture.adminKey, id).data["project"]?["stages"] ?? .null
            let expected = try JSONParser.parse(Self.reviewWorkflow)
            #expect(stages == expected)
        }
    }

    @Test("an invalid stages update is a 400 and changes nothing, not even the other fields sent with it", arguments: [
        (#"[{"id":"L","type":"Label","next":["C"]},{"id":"C","type":"Complete","next":[]}]"#, "exactly one Start"),
        (#"[{"id":"S","type":"Start","next":["Nope"]},{"id":"C","type":"Complete","next":[]}]"#, "next stage Nope does not exist"),
        (#"[{"id":"S","type":"Start","next":["R"]},{"id":"R","type":"Review","next":["C"]},{"id":"C","type":"Complete","next":[]}]"#, "needs 2 outputs"),
        (#"[{"id":"S","type":"Start","next":["L"]},{"id":"L","type":"Label","next":["L"]},{"id":"C","type":"Complete","next":[]}]"#, "no Complete stage is reachable"),
        (#"[{"id":"S","type":"Magic","next":[]}]"#, "unknown type Magic"),
        (#"{"id":"S"}"#, "stages must be an array"),
    ])
    func invalidStagesRefused(stages: String, message: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey, name: "Before")
            let before = try await getProject(client, key: fixture.adminKey, id).data["project"]
            let r = try await updateProject(client, key: fixture.adminKey, id, body: #"{"name":"After","idleTimeout":5,"stages":\#(stages)}"#)
            expectFail(r, 400, message)
            let after = try await getProject(client, key: fixture.adminKey, id).data["project"]
            #expect(after == before)
        }
    }

    @Test("settings: idleTimeout, taskSkipEnabled, benchmark fields and unknown keys are stored and returned")
    func settingsStored() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let r = try await updateProject(client, key: fixture.adminKey, id, body: #"""
                {"idleTimeout":0,"taskSkipEnabled":false,"benchmarkEnabled":true,"benchmarkRatio":25,"myTeamSetting":{"a":[1]}}
                """#)
            expectSuccess(r)
            let p = try await getProject(client, key: fixture.adminKey, id).data["project"] ?? .null
            #expect(p["idleTimeout"] == 0)
            #expect(p["taskSkipEnabled"] == false)
            #expect(p["benchmarkEnabled"] == true)
            #expect(p["benchmarkRatio"] == 25)
            #expect(p["myTeamSetting"] == ["a": [1]])
            #expect(p["unassignSkippedTask"] == false)
        }
    }

    @Test("bad settings are a 400 naming the key, and nothing changes", arguments: [
        (#"{"idleTimeout":-1}"#, "idleTimeout must be zero or more"),
        (#"{"idleTimeout":"300"}"#, "idleTimeout must be a number"),
        (#"{"taskSkipEnabled":"yes"}"#, "taskSkipEnabled must be a boolean"),
        (#"{"benchmarkEnabled":1}"#, "benchmarkEnabled must be a boolean"),
        (#"{"benchmarkRatio":150}"#, "benchmarkRatio must be a percentage"),
        (#"{"name":5}"#, "name must be a non-empty string"),
        (#"{"name":"   "}"#, "name must be a non-empty string"),
        (#"{"description":["d"]}"#, "description must be a string"),
        (#"["name"]"#, "body must be a JSON object"),
    ])
    func badSettingsRefused(body: String, message: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey, name: "Same")
            let before = try await getProject(client, key: fixture.adminKey, id).data["project"]
            let sent = body.hasPrefix("{") ? "{\"taskSkipEnabled\":false," + body.dropFirst() : body
            expectFail(try await updateProject(client, key: fixture.adminKey, id, body: sent), 400, message)
            #expect(try await getProject(client, key: fixture.adminKey, id).data["project"] == before)
        }
    }

    @Test("name, description and type update; the update time moves with the clock")
    func fieldsUpdate() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey, name: "Old")
            fixture.clock.advance(by: 10)
            let r = try await updateProject(client, key: fixture.adminKey, id, body: #"{"name":"New","description":"text","type":"iframe"}"#)
            expectSuccess(r)
            let p = r.data["project"] ?? .null
            #expect(p["name"] == "New")
            #expect(p["description"] == "text")
            #expect(p["type"] == "iframe")
            #expect(p["createdAt"] != p["updatedAt"])
            #expect(p["updatedAt"]?.stringValue.flatMap(ISODate.parseMillis) == ISODate.millis(fixture.clock.now()))
        }
    }
}

import GlossCore
import GlossTesting
import Testing

@Suite("Batches and members")
struct BatchAndMemberTests {
    @Test("POST /v2/batches/{id} with {name} answers the new batch under data.project and appends it")
    func createBatchByName() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let r = try await postBatches(client, key: fixture.adminKey, id, body: #"{"name":"Batch A"}"#)
            expectSuccess(r)
            let batch = r.data["project"] ?? .null
            #expect(batch["name"] == "Batch A")
            let batchID = try #require(batch["_id"]?.stringValue)
            #expect(ObjectID.isValid(batchID))
            _ = try await newBatch(client, key: fixture.adminKey, id, name: "Batch B")
            let batches = try await getProject(client, key: fixture.adminKey, id).data["project"]?["batches"]
            #expect(batches?.strings("name") == ["Batch A", "Batch B"])
            #expect(batches?.ids.first == batchID)
            expectFail(try await postBatches(client, key: fixture.adminKey, id, body: #"{"name":"Batch A"}"#), 400, "batch name Batch A is used twice")
            expectFail(try await postBatches(client, key: fixture.adminKey, id, body: #"{"name":""}"#), 400, "name is required")
            expectFail(try await postBatches(client, key: fixture.adminKey, id, body: ##"{"color":"#fff"}"##), 400, "body needs name")
        }
    }

    @Test("POST /v2/batches/{id} with {batches:[...]} replaces the list, keeping the _ids given")
    func replaceBatchList() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let a = try await newBatch(client, key: fixture.adminKey, id, name: "A")
            _ = try await newBatch(client, key: fixture.adminKey, id, name: "B")
            let r = try await postBatches(client, key: fixture.adminKey, id,
                                          body: ##"{"batches":[{"_id":"\##(a)","name":"A renamed","color":"#ff0000"},{"name":"C"}]}"##)
            expectSuccess(r)
            let batches = r.data["project"]?["batches"] ?? .null
            #expect(batches.strings("name") == ["A renamed", "C"])
            #expect(batches.ids.first == a)
            #expect(batches.arrayValue?.first?["color"] == "#ff0000")
            let stored = try await getProject(client, key: fixture.adminKey, id).data["project"]?["batches"]
            #expect(stored == batches)
        }
    }

    @Test("a batch list with duplicate names or ids, or bad fields, is refused and nothing changes", arguments: [
        (#"{"batches":[{"name":"X"},{"name":"X"}]}"#, "batch name X is used twice"),
        (#"{"batches":[{"_id":"aaaaaaaaaaaaaaaaaaaaaaaa","name":"X"},{"_id":"aaaaaaaaaaaaaaaaaaaaaaaa","name":"Y"}]}"#, "is used twice"),
        (#"{"batches":[{"_id":"short","name":"X"}]}"#, "batches[0]._id must be a 24-hex id"),
        (#"{"batches":[{"name":"X","color":5}]}"#, "batches[0].color must be a string"),
        (#"{"batches":"X"}"#, "batches must be an array"),
    ])
    func badBatchListRefused(body: String, message: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            _ = try await newBatch(client, key: fixture.adminKey, id, name: "Original")
            expectFail(try await postBatches(client, key: fixture.adminKey, id, body: body), 400, message)
            let batches = try await getProject(client, key: fixture.adminKey, id).data["project"]?["batches"]
            #expect(batches?.strings("name") == ["Original"])
        }
    }

    @Test("POST /v2/assignBatches adds batches (ids or names) to assets and their tasks")
    func assignBatchesToAssets() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let b1 = try await newBatch(client, key: fixture.adminKey, id, name: "One")
            let b2 = try await newBatch(client, key: fixture.adminKey, id, name: "Two")
            try await importExternalIDs(client, key: fixture.adminKey, id, ["a", "b", "c"])
            let assets = try await listAssets(client, key: fixture.adminKey, id).data["assets"] ?? .null
            let target = assets.ids.prefix(2).map { "\"\($0)\"" }.joined(separator: ",")
            let r = try await assignBatches(client, key: fixture.adminKey, body: #"{"projectId":"\#(id)","assets":[\#(target)],"batches":["\#(b1)","Two"]}"#)
            expectSuccess(r)
            #expect(r.data["assets"] == 2)
            let inOne = try await listTasks(client, key: fixture.adminKey, id, query: "limit=100&filter=\(q(#"{"batches":"\#(b1)"}"#))")
            #expect(inOne.data["total"] == 2)
            #expect(Set(inOne.data["tasks"]?.arrayValue?.compactMap { item in item["batches"] } ?? []) == [strings([b1, b2])])
            let filtered = try await listAssets(client, key: fixture.adminKey, id, query: "filters=\(q(#"{"batches":["\#(b2)"]}"#))")
            #expect(filtered.data["total"] == 2)
            expectFail(try await assignBatches(client, key: fixture.adminKey, body: #"{"projectId":"\#(id)","assets":[\#(target)],"batches":["Nope"]}"#),
                       400, "batch Nope does not exist")
            expectFail(try await assignBatches(client, key: fixture.adminKey, body: #"{"projectId":"\#(id)","assets":["\#(unknownID)"],"batches":["One"]}"#),
                       400, "asset \(unknownID) is not in this project")
            expectFail(try await assignBatches(client, key: fixture.adminKey, body: #"{"assets":[],"batches":[]}"#), 400, "projectId is required")
            expectFail(try await assignBatches(client, key: fixture.outsiderKey, body: #"{"projectId":"\#(id)","assets":[\#(target)],"batches":["One"]}"#), 404)
        }
    }

    @Test("POST /v2/project/{id}/assigned adds members with a role and re-roles existing ones")
    func addMembers() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let r = try await assignMembers(client, key: fixture.adminKey, id, body: #"{"assignees":["Ann@Gloss.test","bob@gloss.test"],"role":"labeler"}"#)
            expectSuccess(r)
            let members = r.data["project"]?["assignedTo"]?.arrayValue ?? []
            #expect(members.contains(["assignee": "ann@gloss.test", "role": "Labeler"]))
            #expect(members.contains(["assignee": "bob@gloss.test", "role": "Labeler"]))
            _ = try await assignMembers(client, key: fixture.adminKey, id, body: #"{"assignees":["bob@gloss.test"],"role":"Reviewer"}"#)
            let stored = try await getProject(client, key: fixture.adminKey, id).data["project"]?["assignedTo"]?.arrayValue ?? []
            #expect(stored.count == 3)
            #expect(stored.contains(["assignee": "bob@gloss.test", "role": "Reviewer"]))
            #expect(stored.contains(["assignee": "admin@gloss.test", "role": "Manager"]))
            expectFail(try await assignMembers(client, key: fixture.adminKey, id, body: #"{"assignees":["c@gloss.test"],"role":"Boss"}"#), 400, "role must be one of")
            expectFail(try await assignMembers(client, key: fixture.adminKey, id, body: #"{"assignees":["not an email"],"role":"Lead"}"#), 400, "assignees[0]")
            expectFail(try await assignMembers(client, key: fixture.adminKey, id, body: #"{"assignees":[],"role":"Lead"}"#), 400, "assignees must be a non-empty array")
        }
    }
}

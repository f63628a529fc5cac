import GlossCore
import GlossTesting
import Testing

@Suite("Imports and the Start stage")
struct AssetWorkflowTests {
    static func startWorkflow(autoForward: Bool) -> String {
        #"""
        {"stages":[{"id":"Start","type":"Start","next":["Label"],"autoForward":\#(autoForward)},
                   {"id":"Label","type":"Label","next":["Complete"]},{"id":"Complete","type":"Complete","next":[]}]}
        """#
    }

    @Test("with autoForward off, new tasks stay in Start without history")
    func autoForwardOffKeepsTasksInStart() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await updateProject(client, key: fixture.adminKey, id, body: Self.startWorkflow(autoForward: false)))
            try await importExternalIDs(client, key: fixture.adminKey, id, ["a", "b"])
            let tasks = try await allTasks(client, key: fixture.adminKey, id)
            #expect(tasks.map { item in item["stage"] } == ["Start", "Start"])
            let history = try await taskHistory(client, key: fixture.adminKey, try #require(tasks.first?["_id"]?.stringValue))
            #expect(history.data["taskHistory"] == [])
        }
    }

    @Test("turning autoForward on, then importing more, forwards the waiting tasks too")
    func autoForwardOnSweepsWaitingTasks() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await updateProject(client, key: fixture.adminKey, id, body: Self.startWorkflow(autoForward: false)))
            try await importExternalIDs(client, key: fixture.adminKey, id, ["old1", "old2"])
            expectSuccess(try await updateProject(client, key: fixture.adminKey, id, body: Self.startWorkflow(autoForward: true)))
            try await importExternalIDs(client, key: fixture.adminKey, id, ["new"])
            let tasks = try await allTasks(client, key: fixture.adminKey, id)
            #expect(tasks.count == 3)
            #expect(tasks.allSatisfy { item in item["stage"] == "Label" })
            for task in tasks {
                let entries = try await taskHistory(client, key: fixture.adminKey, try #require(task["_id"]?.stringValue)).data["taskHistory"]
                #expect(entries?.strings("stageId") == ["Start"], "task \(task["externalId"] ?? .null)")
            }
        }
    }

    @Test("when Start leads straight to Complete, imported tasks are Completed")
    func startToComplete() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectSuccess(try await updateProject(client, key: fixture.adminKey, id, body: #"""
                {"stages":[{"id":"S","type":"Start","next":["Done"]},{"id":"Done","type":"Complete","name":"Finished","next":[]}]}
                """#))
            try await importExternalIDs(client, key: fixture.adminKey, id, ["a"])
            let task = try #require(try await allTasks(client, key: fixture.adminKey, id).first)
            #expect(task["stage"] == "Done")
            #expect(task["stageName"] == "Finished")
            #expect(task["status"] == "Completed")
            #expect(task["completedAt"] != nil && task["completedAt"] != JSONValue.null)
        }
    }
}

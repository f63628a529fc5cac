import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

@Suite("Plugin stage dispatch")
struct PluginDispatchTests {
    /// Start -> Model (plugin at `base`/plugin) -> Label -> Complete.
    static func stages(_ base: String) -> String {
        #"""
        [{"id":"Start","type":"Start","next":["Model"],"autoForward":true},
         {"id":"Model","type":"Plugin","name":"Model","next":["Label"],"pluginId":"m-1",
          "plugin":{"url":"\#(base)/plugin","secret":"psecret"},"configJSON":{"threshold":0.5}},
         {"id":"Label","type":"Label","next":["Complete"]},
         {"id":"Complete","type":"Complete","next":[]}]
        """#
    }

    /// A plugin project with the given assets; returns it and its task ids by external id.
    static func project(_ c: Client, _ runtime: GlossRuntime, _ fixture: TestFixture, base: String,
                        assets: [String]) async throws -> (id: String, tasks: [String: String]) {
        let p = try await WorkflowProject.make(c, runtime, fixture, stages: stages(base), schema: boxSchema, assets: assets)
        var tasks: [String: String] = [:]
        for task in try await allTasks(c, key: fixture.adminKey, p.id) { tasks[task["externalId"]?.stringValue ?? "?"] = task["_id"]?.stringValue }
        return (p.id, tasks)
    }

    @Test("entering a Plugin stage dispatches once with the Secret header; the plugin's annotate moves the task on", arguments: TestBackend.available)
    func dispatchAndAnswer(backend: TestBackend) async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestApp(backend) { c, fixture, runtime in
                let (project, tasks) = try await Self.project(c, runtime, fixture, base: base, assets: ["a"])
                let task = try #require(tasks["a"])
                let worker = testWorker(runtime)
                #expect(try await worker.runOnce() == 1)
                #expect(try await worker.runOnce() == 0)
                let hit = try #require(receiver.requests.first)
                #expect(receiver.requests.count == 1 && hit.path == "/plugin" && hit.header("Secret") == "psecret")
                let body = hit.json
                #expect(body["workflow"] == true && body["taskId"]?.stringValue == task && body["projectId"]?.stringValue == project)
                #expect(body["orgId"]?.stringValue == fixture.admin.organizationID && body["stageId"] == "Model" && body["pluginId"] == "m-1")
                #expect(body["configJSON"] == #"{"threshold":0.5}"# && body["overwrite"] == true)
                #expect(body["dataUrl"] == "https://cdn.test/a.png" && body["externalId"] == "a")
                #expect(body["session"]?.stringValue?.isEmpty == false)
                let apiKey = try #require(body["apiKey"]?.stringValue)
                #expect(apiKey.hasPrefix("gpl_") && apiKey != fixture.adminKey)
                #expect(try await fetchTask(c, key: fixture.adminKey, task)["stage"] == "Model", "the task waits for the plugin")
                let logs = try await stageLogs(c, key: fixture.adminKey, project, stage: "Model")
                #expect(logs.count == 1 && logs.first?["status"] == "success" && logs.first?["statusCode"] == 200)
                #expect(logs.first?["message"]?.stringValue?.contains("dispatched to plugin m-1") == true)

                // The plugin answers with the key it was given.
                let r = try await annotateTask(c, key: apiKey, task, query: "nextStage=true&isPlugin=true", body: boxAnswer)
                expectSuccess(r)
                #expect(r.data["label"]?["stage"] == "Label")
                let moved = try await fetchTask(c, key: fixture.adminKey, task)
                #expect(moved["stage"] == "Label" && moved["answer"]?["tools"]?.arrayValue?.count == 1)
                #expect(try await historyStages(c, key: fixture.adminKey, task) == ["Start", "Model"])
                #expect(try await worker.runOnce() == 0, "nothing more to dispatch")
            }
        }
    }

    @Test("the plugin key works only for annotate of its own task with isPlugin=true, and only for an hour")
    func pluginKeyScope() async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestApp { c, fixture, runtime in
                let (project, tasks) = try await Self.project(c, runtime, fixture, base: base, assets: ["a", "b"])
                let a = try #require(tasks["a"]), b = try #require(tasks["b"])
                #expect(try await testWorker(runtime).runOnce() == 2)
                let key = try #require(receiver.requests.first { item in item.json["taskId"]?.stringValue == a }?.json["apiKey"]?.stringValue)
                let answer = "nextStage=false&isPlugin=true"
                expectFail(try await annotateTask(c, key: key, b, query: answer, body: boxAnswer), 401, "only allows POST /v2/annotate/\(a)")
                expectFail(try await annotateTask(c, key: key, a, query: "nextStage=true", body: boxAnswer), 401)
                expectFail(try await getTask(c, key: key, a), 401)
                expectFail(try await c.api(.post, "/v2/project/\(project)/plugin/rerun", key: key, body: #"{"stageId":"Model"}"#), 401)
                let tampered = String(key.dropLast()) + (key.hasSuffix("0") ? "1" : "0")
                expectFail(try await annotateTask(c, key: tampered, a, query: answer, body: boxAnswer), 401, "Invalid API KEY")
                let foreign = key.replacingOccurrences(of: fixture.admin.organizationID, with: fixture.outsider.organizationID)
                expectFail(try await annotateTask(c, key: foreign, a, query: answer, body: boxAnswer), 401, "Invalid API KEY")
                expectSuccess(try await annotateTask(c, key: key, a, query: answer, body: boxAnswer))
                fixture.clock.advance(by: 3601)
                expectFail(try await annotateTask(c, key: key, a, query: answer, body: boxAnswer), 401, "Invalid API KEY")
            }
        }
    }

    @Test("a plugin error leaves the task in the stage with a log line and no retry; Re-run dispatches again")
    func errorThenRerun() async throws {
        let receiver = Receiver(failures: 1)
        try await receiver.serve { base in
            try await withTestApp { c, fixture, runtime in
                let (project, tasks) = try await Self.project(c, runtime, fixture, base: base, assets: ["a"])
                let worker = testWorker(runtime)
                #expect(try await worker.runOnce() == 1)
                let logs = try await stageLogs(c, key: fixture.adminKey, project, stage: "Model")
                #expect(logs.count == 1 && logs.first?["status"] == "error" && logs.first?["statusCode"] == 500)
                #expect(logs.first?["message"]?.stringValue?.contains("stays here until Re-run") == true)
                #expect(try await fetchTask(c, key: fixture.adminKey, try #require(tasks["a"]))["stage"] == "Model")
                fixture.clock.advance(by: 3600)
                #expect(try await worker.runOnce() == 0, "plugins are not retried automatically")

                let r = try await c.api(.post, "/v2/project/\(project)/plugin/rerun", key: fixture.adminKey, body: #"{"stageId":"Model"}"#)
                expectSuccess(r)
                #expect(r.data["dispatched"] == 1)
                #expect(try await worker.runOnce() == 1)
                #expect(receiver.requests.count == 2)
                #expect(try await stageLogs(c, key: fixture.adminKey, project, stage: "Model").map { item in item["status"] } == ["success", "error"])
            }
        }
    }

    @Test("a task requeued into the Plugin stage is not dispatched until plugin/rerun", arguments: TestBackend.available)
    func requeuedWaitsForRerun(backend: TestBackend) async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestApp(backend) { c, fixture, runtime in
                let (project, tasks) = try await Self.project(c, runtime, fixture, base: base, assets: ["a"])
                let task = try #require(tasks["a"])
                let worker = testWorker(runtime)
                #expect(try await worker.runOnce() == 1)
                let key = try #require(receiver.requests.first?.json["apiKey"]?.stringValue)
                expectSuccess(try await annotateTask(c, key: key, task, query: "nextStage=true&isPlugin=true", body: boxAnswer))
                expectSuccess(try await requeueTasks(c, key: fixture.adminKey, project, body: #"{"toStageId":"Model","filters":{"taskIds":["\#(task)"]}}"#))
                #expect(try await fetchTask(c, key: fixture.adminKey, task)["stage"] == "Model")
                #expect(try await worker.runOnce() == 0)
                #expect(receiver.requests.count == 1)
                expectSuccess(try await c.api(.post, "/v2/project/\(project)/plugin/rerun", key: fixture.adminKey, body: #"{"stageId":"Model"}"#))
                #expect(try await worker.runOnce() == 1)
                #expect(receiver.requests.count == 2 && receiver.requests.last?.json["taskId"]?.stringValue == task)
            }
        }
    }
}

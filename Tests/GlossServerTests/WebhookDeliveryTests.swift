import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

@Suite("Webhook stage delivery")
struct WebhookDeliveryTests {
    /// A project whose Hook stage has `settings`, one asset "a" in batch "First", labelled and
    /// submitted by the admin so it passes the webhook; returns the project, task and batch ids.
    static func labelledTask(_ c: Client, _ runtime: GlossRuntime, _ fixture: TestFixture,
                             settings: String) async throws -> (project: String, task: String, batch: String) {
        let p = try await WorkflowProject.make(c, runtime, fixture, stages: webhookStages(settings), schema: boxSchema)
        let batch = try await newBatch(c, key: fixture.adminKey, p.id, name: "First")
        try await importExternalIDs(c, key: fixture.adminKey, p.id, ["a"], extra: ["batches": ["First"]])
        let task = try #require(try await allTasks(c, key: fixture.adminKey, p.id).first?["_id"]?.stringValue)
        try requireStatus(try await annotateTask(c, key: fixture.adminKey, task, query: "nextStage=true", body: boxAnswer), 200)
        return (p.id, task, batch)
    }

    @Test("a task passing a Webhook stage is POSTed once, signed, with the spec payload, and logged", arguments: TestBackend.available)
    func deliveredSigned(backend: TestBackend) async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestApp(backend) { c, fixture, runtime in
                let settings = #""webhook":{"url":"\#(base)/hook","authType":"secret","secret":"s3cret"}"#
                let (project, task, batch) = try await Self.labelledTask(c, runtime, fixture, settings: settings)
                #expect(try await fetchTask(c, key: fixture.adminKey, task)["stage"] == "Complete")
                #expect(receiver.requests.isEmpty)

                let worker = testWorker(runtime)
                #expect(try await worker.runOnce() == 1)
                let hit = try #require(receiver.requests.first)
                #expect(receiver.requests.count == 1 && hit.path == "/hook")
                #expect(hit.header("X-Hub-Signature") == hubSignature(hit.body, secret: "s3cret"))
                #expect(hit.header("Authorization") == nil)
                #expect(hit.header("Content-Type") == "application/json")

                let body = hit.json
                #expect(body["projectId"]?.stringValue == project)
                #expect(body["externalId"] == "a" && body["asset"] == "https://cdn.test/a.png")
                #expect(body["batches"] == [.string(batch)] && body["batchNames"] == ["First"])
                #expect(body["categorySchema"]?["tools"]?.arrayValue?.first?["schemaId"] == "car")
                #expect(body["overlay"] == [] && body["dataset"] == [])
                let sent = try #require(body["task"])
                #expect(sent["taskId"]?.stringValue == task)
                #expect(sent["stage"] == "Hook" && sent["stageId"] == "Hook" && sent["stageName"] == "Notify")
                #expect(sent["tools"]?.arrayValue?.count == 1)
                let history = sent["stageHistory"]?.arrayValue ?? []
                #expect(history.map { item in item["stageId"] } == ["Start", "Label"])
                #expect(history.last?["stage"] == "Labeling" && history.last?["completedBy"] == "admin@gloss.test")
                #expect(history.last?["tools"]?.arrayValue?.count == 1)

                let logs = try await stageLogs(c, key: fixture.adminKey, project, stage: "Hook")
                #expect(logs.count == 1)
                #expect(logs.first?["status"] == "success" && logs.first?["statusCode"] == 200 && logs.first?["externalId"] == "a")
                #expect(logs.first?["message"]?.stringValue?.contains("HTTP 200") == true)
                #expect(try await worker.runOnce() == 0)
            }
        }
    }

    @Test("bearer auth sends Authorization: Bearer; top-level settings work; no auth sends neither header")
    func bearerAndPlain() async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestApp { c, fixture, runtime in
                _ = try await Self.labelledTask(c, runtime, fixture, settings: #""url":"\#(base)/bearer","authType":"bearer","token":"tk-1""#)
                _ = try await Self.labelledTask(c, runtime, fixture, settings: #""url":"\#(base)/plain""#)
                #expect(try await testWorker(runtime).runOnce() == 2)
                let byPath = Dictionary(uniqueKeysWithValues: receiver.requests.map { ($0.path, $0) })
                #expect(byPath["/bearer"]?.header("Authorization") == "Bearer tk-1")
                #expect(byPath["/bearer"]?.header("X-Hub-Signature") == nil)
                #expect(byPath["/plain"]?.header("Authorization") == nil && byPath["/plain"]?.header("X-Hub-Signature") == nil)
            }
        }
    }

    @Test("a failing receiver is retried with exponential backoff, one log line per attempt, until it answers 2xx", arguments: TestBackend.available)
    func retriedUntilAccepted(backend: TestBackend) async throws {
        let receiver = Receiver(failures: 2)
        try await receiver.serve { base in
            try await withTestApp(backend) { c, fixture, runtime in
                let (project, _, _) = try await Self.labelledTask(c, runtime, fixture, settings: #""url":"\#(base)/hook""#)
                let worker = testWorker(runtime, maxAttempts: 5)
                #expect(try await worker.runOnce() == 1)
                let first = try await stageLogs(c, key: fixture.adminKey, project, stage: "Hook")
                #expect(first.count == 1 && first[0]["status"] == "error" && first[0]["statusCode"] == 500)
                #expect(first[0]["message"]?.stringValue?.contains("HTTP 500") == true)
                #expect(first[0]["message"]?.stringValue?.contains("attempt 1 of 5") == true)
                #expect(try await worker.runOnce() == 0, "not due before the 1 s backoff")
                fixture.clock.advance(by: 1)
                #expect(try await worker.runOnce() == 1)
                fixture.clock.advance(by: 1)
                #expect(try await worker.runOnce() == 0, "the second backoff is 2 s")
                fixture.clock.advance(by: 1)
                #expect(try await worker.runOnce() == 1)
                #expect(receiver.requests.count == 3)
                #expect(Set(receiver.requests.map(\.body)).count == 1, "every attempt sends the same body")
                #expect(Set(receiver.requests.compactMap { item in item.header("X-Gloss-Delivery") }).count == 1, "and the same delivery id")
                let logs = try await stageLogs(c, key: fixture.adminKey, project, stage: "Hook")
                #expect(logs.map { item in item["status"] } == ["success", "error", "error"])
                let items = try await runtime.services.outbox.items(projectID: project, stageID: "Hook")
                #expect(items.map(\.state) == ["done"] && items.map(\.attempts) == [3])
            }
        }
    }

    @Test("after the attempt limit the delivery is given up and logged as such")
    func givenUp() async throws {
        let receiver = Receiver(failures: 100)
        try await receiver.serve { base in
            try await withTestApp { c, fixture, runtime in
                let (project, _, _) = try await Self.labelledTask(c, runtime, fixture, settings: #""url":"\#(base)/hook""#)
                let worker = testWorker(runtime, maxAttempts: 3)
                for _ in 0..<3 {
                    #expect(try await worker.runOnce() == 1)
                    fixture.clock.advance(by: 4)
                }
                fixture.clock.advance(by: 3600)
                #expect(try await worker.runOnce() == 0)
                #expect(receiver.requests.count == 3)
                let logs = try await stageLogs(c, key: fixture.adminKey, project, stage: "Hook")
                #expect(logs.count == 3 && logs.allSatisfy { item in item["status"] == "error" })
                #expect(logs.first?["message"]?.stringValue?.contains("gave up") == true)
                #expect(logs.first?["message"]?.stringValue?.contains("attempt 3 of 3") == true)
                let items = try await runtime.services.outbox.items(projectID: project, stageID: "Hook")
                #expect(items.map(\.state) == ["failed"])
            }
        }
    }

    @Test("a Webhook stage without a URL gives the item up with a log line naming the setting")
    func missingURL() async throws {
        try await withTestApp { c, fixture, runtime in
            let (project, _, _) = try await Self.labelledTask(c, runtime, fixture, settings: #""authType":"none""#)
            #expect(try await testWorker(runtime).runOnce() == 1)
            let logs = try await stageLogs(c, key: fixture.adminKey, project, stage: "Hook")
            #expect(logs.count == 1 && logs.first?["status"] == "error" && logs.first?["statusCode"] == .null)
            #expect(logs.first?["message"]?.stringValue?.contains("has no URL: set webhook.url") == true)
            #expect(try await runtime.services.outbox.items(projectID: project, stageID: "Hook").map(\.state) == ["failed"])
        }
    }

    @Test("rerun-webhook sends the task again", arguments: TestBackend.available)
    func rerun(backend: TestBackend) async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestApp(backend) { c, fixture, runtime in
                let (project, task, _) = try await Self.labelledTask(c, runtime, fixture, settings: #""url":"\#(base)/hook""#)
                let worker = testWorker(runtime)
                #expect(try await worker.runOnce() == 1)
                let r = try await c.api(.post, "/v2/project/\(project)/rerun-webhook", key: fixture.adminKey, body: #"{"stageId":"Hook"}"#)
                expectSuccess(r)
                #expect(r.data["resent"] == 1)
                #expect(try await worker.runOnce() == 1)
                #expect(receiver.requests.count == 2)
                #expect(receiver.requests.map { item in item.json["task"]?["taskId"]?.stringValue } == [task, task])
                #expect(try await stageLogs(c, key: fixture.adminKey, project, stage: "Hook").count == 2)
            }
        }
    }
}

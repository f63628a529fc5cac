import Foundation
import GlossCore
import GlossServer
import GlossStore
import GlossTesting
import HummingbirdTesting
import Testing

@Suite("Webhook outbox across restarts and in the server loop")
struct WebhookRestartTests {
    static let adminKey = "restart-admin-key-0123456789"

    /// Labels one task of a new webhook project through `runtime`'s router (no worker running).
    static func queueDelivery(_ runtime: GlossRuntime, directory: String, hook: String) async throws -> String {
        let config = try ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: directory, outbox: OutboxConfig(runsWorker: false))
        return try await buildApplication(config: config, runtime: runtime, logger: TestDatabases.logger).test(.router) { c in
            let project = try #require(try await createProject(c, key: adminKey, body: #"{"name":"P"}"#).data["project"]?["_id"]?.stringValue)
            try requireStatus(try await updateProject(c, key: adminKey, project,
                                                      body: #"{"stages":\#(webhookStages(#""url":"\#(hook)""#)),"categorySchema":\#(boxSchema)}"#), 200)
            try await importExternalIDs(c, key: adminKey, project, ["a"])
            let task = try #require(try await allTasks(c, key: adminKey, project).first?["_id"]?.stringValue)
            try requireStatus(try await annotateTask(c, key: adminKey, task, query: "nextStage=true", body: boxAnswer), 200)
            return project
        }
    }

    @Test("an item left leased by a server that died is delivered by a new runtime on the same SQLite file")
    func survivesRestart() async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await TestDatabases.withFreshLocation(.sqlite) { location, directory in
                let clock = FixedClock(Date(timeIntervalSince1970: 1_750_000_000))
                let first = try await GlossRuntime.open(location, clock: clock, logger: TestDatabases.logger)
                _ = try await first.services.identity.bootstrap(adminEmail: "admin@gloss.test", apiKey: Self.adminKey)
                let project = try await Self.queueDelivery(first, directory: directory, hook: "\(base)/hook")
                // The first server takes the item, then stops before delivering it.
                let now = ISODate.millis(clock.now())
                #expect(try await first.services.outbox.lease(owner: "dead", now: now, until: now + 60_000, limit: 10).count == 1)
                await first.shutdown()

                let second = try await GlossRuntime.open(location, clock: clock, logger: TestDatabases.logger)
                let worker = testWorker(second)
                #expect(try await worker.runOnce() == 0, "still leased by the dead server")
                clock.advance(by: 61)
                #expect(try await worker.runOnce() == 1)
                #expect(receiver.requests.count == 1)
                let logs = try await second.services.outbox.logs(projectID: project, stageID: "Hook", limit: 10)
                #expect(logs.map(\.ok) == [true] && logs.first?.statusCode == 200)
                await second.shutdown()
            }
        }
    }

    @Test("the server loop delivers as soon as a write wakes it and stops on graceful shutdown")
    func loopWakesAndStops() async throws {
        let receiver = Receiver()
        try await receiver.serve { base in
            try await withTestRuntime { runtime, fixture, directory in
                // An hour-long poll: only the wake-up after the submit can explain a prompt delivery.
                let config = try ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: directory,
                                              outbox: OutboxConfig(requestTimeout: 5, pollInterval: 3600))
                try await buildApplication(config: config, runtime: runtime, logger: TestDatabases.logger).test(.router) { c in
                    let p = try await WorkflowProject.make(c, runtime, fixture, stages: webhookStages(#""url":"\#(base)/hook""#), schema: boxSchema,
                                                           assets: ["a"])
                    let task = try #require(try await allTasks(c, key: fixture.adminKey, p.id).first?["_id"]?.stringValue)
                    try requireStatus(try await annotateTask(c, key: fixture.adminKey, task, query: "nextStage=true", body: boxAnswer), 200)
                    let hit = try await firstArrival(receiver, within: 20)
                    #expect(hit?.json["task"]?["taskId"]?.stringValue == task)
                }
                // The service group has returned, so the worker finished its round and recorded it.
                let project = try #require(try await runtime.stores.projects.list(organizationID: fixture.admin.organizationID, memberEmail: nil,
                                                                                  page: PageRequest(page: 1, limit: 10)).projects.first?.id)
                #expect(try await runtime.services.outbox.logs(projectID: project, stageID: "Hook", limit: 10).map(\.ok) == [true])
            }
        }
    }
}

/// The receiver's first request, or nil after `seconds` (a safety net so a broken wake-up fails
/// the test instead of hanging it).
func firstArrival(_ receiver: Receiver, within seconds: Int) async throws -> ReceivedRequest? {
    try await withThrowingTaskGroup(of: ReceivedRequest?.self) { group in
        group.addTask { await receiver.arrivals.first { _ in true } }
        group.addTask { try await Task.sleep(for: .seconds(seconds)); return nil }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

import Foundation
import GlossCore
import GlossServer
import GlossStore
import GlossTesting
import Synchronization
import Testing

@Suite("Queue claims under concurrency")
struct QueueClaimTests {
    /// `count` labelers, members of the project, as users.
    static func labelers(_ runtime: GlossRuntime, _ fixture: TestFixture, _ project: Project, count: Int) async throws -> [User] {
        var users: [User] = []
        for i in 0..<count {
            let user = User(id: ObjectIDGenerator().next(), organizationID: fixture.admin.organizationID, email: "labeler\(i)@claims.test",
                            name: "Labeler \(i)", orgRole: .member, createdAt: 0)
            try await runtime.stores.identity.createUser(user, apiKey: StoredAPIKey(hash: SHA256Hasher().hash("claims-key-\(i)"), hint: ""), passwordHash: nil)
            users.append(user)
        }
        _ = try await runtime.services.projects.addMembers(project.id, body: .object([
            "assignees": .array(users.map { .string($0.email) }), "role": "Labeler",
        ]), by: fixture.admin)
        return users
    }

    @Test("50 labelers claiming and submitting at once: each of 1,000 tasks is handed out exactly once",
          arguments: TestBackend.available)
    func fiftyLabelers(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 1000)
            let users = try await Self.labelers(runtime, fixture, project, count: 50)
            let workflow = runtime.services.workflow
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for user in users {
                    group.addTask {
                        var mine: [String] = []
                        while let (task, project) = try await workflow.next(project.id, kind: .label, by: user) {
                            mine.append(task.id)
                            _ = try await workflow.submit(task.id, body: try WorkBody.parse([:], ids: SequentialIDGenerator()), project: project, by: user)
                        }
                        return mine
                    }
                }
                var all: [[String]] = []
                for try await mine in group { all.append(mine) }
                return all
            }
            let flat = claims.flatMap { $0 }
            #expect(flat.count == 1000)
            #expect(Set(flat).count == 1000)
            // Work was shared, not done by one labeler while the others waited.
            #expect(claims.filter { !$0.isEmpty }.count > 1)
            let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
            #expect(tasks.allSatisfy { item in item.stage == "Complete" })
        }
    }

    @Test("while a task is held, nobody else is served it; the holder is served it again", arguments: TestBackend.available)
    func heldTasksStayWithTheirHolder(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 2)
            let users = try await Self.labelers(runtime, fixture, project, count: 3)
            let workflow = runtime.services.workflow
            let first = try #require(try await workflow.next(project.id, kind: .label, by: users[0])).task
            let second = try #require(try await workflow.next(project.id, kind: .label, by: users[1])).task
            #expect(first.id != second.id)
            #expect(try await workflow.next(project.id, kind: .label, by: users[2]) == nil)
            #expect(try await workflow.next(project.id, kind: .label, by: users[0])?.task.id == first.id)
        }
    }
}

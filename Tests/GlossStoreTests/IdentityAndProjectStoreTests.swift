import GlossCore
import GlossServer
import GlossStore
import GlossTesting
import Testing

/// The same behaviour on every backend: SQLite always, PostgreSQL when GLOSS_TEST_POSTGRES_URL is set.
@Suite("Identity and project stores")
struct IdentityAndProjectStoreTests {
    @Test("migrations are idempotent", arguments: TestBackend.available)
    func migrationsIdempotent(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, _, _ in
            let again = try await Migrator(database: runtime.stores.database, logger: TestDatabases.logger).migrate()
            #expect(again.isEmpty)
        }
    }

    @Test("bootstrap creates one admin; a second bootstrap changes nothing", arguments: TestBackend.available)
    func bootstrapOnce(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let outcome = try await runtime.services.identity.bootstrap(adminEmail: "second@gloss.test", apiKey: nil)
            #expect(outcome == .alreadyInitialized)
            #expect(try await runtime.stores.identity.user(email: "second@gloss.test") == nil)
            #expect(try await runtime.services.identity.authenticate(apiKey: fixture.adminKey).email == "admin@gloss.test")
        }
    }

    @Test("users: keys stored hashed, duplicate email refused, unknown key refused", arguments: TestBackend.available)
    func users(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, _, _ in
            let (user, key) = try await runtime.services.identity.createUser(email: "Lab@Example.com", role: .member)
            #expect(user.email == "lab@example.com")
            #expect(try await runtime.stores.identity.user(apiKeyHash: key) == nil, "the raw key must not be stored")
            #expect(try await runtime.services.identity.authenticate(apiKey: key).id == user.id)
            await #expect(throws: DomainError.conflict("a user with email lab@example.com already exists")) {
                _ = try await runtime.services.identity.createUser(email: "lab@example.com", role: .admin)
            }
            await #expect(throws: DomainError.unauthenticated("Invalid API KEY")) {
                _ = try await runtime.services.identity.authenticate(apiKey: "nope-nope-nope-nope")
            }
        }
    }

    @Test("projects: create, read, update, list, soft delete", arguments: TestBackend.available)
    func projectLifecycle(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let created = try await StoreFixtures.project(runtime, fixture, name: "Cars")
            let read = try #require(try await runtime.stores.projects.project(id: created.id))
            #expect(read == created)
            let schema: JSONValue = .object(["tools": .array([.object(["schemaId": "a", "tool": "bounding-box", "title": "Car", "custom": .int(7)])]),
                                             "classifications": .array([]), "relations": .array([]), "extra": .string("kept")])
            _ = try await runtime.services.projects.update(created.id, with: .object(["categorySchema": schema, "idleTimeout": .int(60)]), by: fixture.admin)
            let updated = try #require(try await runtime.stores.projects.project(id: created.id))
            #expect(updated.categorySchema == schema)
            #expect(updated.settings.number("idleTimeout") == 60)
            let second = try await StoreFixtures.project(runtime, fixture, name: "Bikes")
            let page = try await runtime.services.projects.list(for: fixture.admin, page: try PageRequest(page: 1, limit: 10))
            #expect(page.total == 2)
            #expect(Set(page.projects.map(\.id)) == [created.id, second.id])
            let outsiderPage = try await runtime.services.projects.list(for: fixture.outsider, page: try PageRequest(page: 1, limit: 10))
            #expect(outsiderPage.total == 0)
            try await runtime.services.projects.delete(created.id, by: fixture.admin)
            #expect(try await runtime.stores.projects.project(id: created.id) == nil)
            #expect(try await runtime.services.projects.list(for: fixture.admin, page: try PageRequest(page: 1, limit: 10)).total == 1)
        }
    }

    @Test("batches: replace keeps ids, drops links of removed batches", arguments: TestBackend.available)
    func batches(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            let (_, a) = try await runtime.services.projects.changeBatches(project.id, body: .object(["name": "a"]), by: fixture.admin)
            let (_, b) = try await runtime.services.projects.changeBatches(project.id, body: .object(["name": "b"]), by: fixture.admin)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 3, batches: ["a", "b"])
            let keepA: JSONValue = .object(["batches": .array([.object(["_id": .string(a!.id), "name": "a"])])])
            let (after, _) = try await runtime.services.projects.changeBatches(project.id, body: keepA, by: fixture.admin)
            #expect(after.batches.map(\.id) == [a!.id])
            let inB = TaskFilter([FilterCondition(.batches, .in, .strings([b!.id]))])
            #expect(try await StoreFixtures.allTasks(runtime, fixture, project, filter: inB).isEmpty)
            let inA = TaskFilter([FilterCondition(.batches, .in, .strings([a!.id]))])
            #expect(try await StoreFixtures.allTasks(runtime, fixture, project, filter: inA).count == 3)
        }
    }
}

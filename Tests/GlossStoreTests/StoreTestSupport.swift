import GlossCore
import GlossServer
import GlossTesting

/// Small builders shared by the store conformance tests.
enum StoreFixtures {
    static func project(_ runtime: GlossRuntime, _ fixture: TestFixture, name: String = "p", body: JSONValue? = nil) async throws -> Project {
        try await runtime.services.projects.create(body ?? .object(["name": .string(name)]), by: fixture.admin)
    }

    static func importAssets(_ runtime: GlossRuntime, _ fixture: TestFixture, _ project: Project, count: Int,
                             prefix: String = "img", batches: [String] = [], priority: Int? = nil) async throws -> ImportSummary {
        let items: [JSONValue] = (0..<count).map { i in
            var item: [String: JSONValue] = ["data": .string("https://example.test/\(prefix)_\(i).jpg"), "externalId": .string("\(prefix)_\(i)")]
            if !batches.isEmpty { item["batches"] = .array(batches.map { .string($0) }) }
            if let priority { item["priority"] = .int(Int64(priority)) }
            return .object(item)
        }
        return try await runtime.services.assets.importAssets(project.id, items: items, options: ImportOptions(), by: fixture.admin)
    }

    static func allTasks(_ runtime: GlossRuntime, _ fixture: TestFixture, _ project: Project, filter: TaskFilter = TaskFilter(),
                         sort: [SortKey] = []) async throws -> [LabelTask] {
        var all: [LabelTask] = []
        var page = 1
        while true {
            let query = TaskQuery(projectID: project.id, filter: filter, sort: sort, page: try PageRequest(page: page, limit: 1000))
            let (tasks, _, _) = try await runtime.services.tasks.list(query, by: fixture.admin)
            all += tasks
            if tasks.count < 1000 { return all }
            page += 1
        }
    }

    /// Walks every page of a listing in the default order; returns the ids in order and the
    /// distinct totals the pages reported (one value when they agree).
    static func walkPages(_ runtime: GlossRuntime, _ fixture: TestFixture, _ project: Project, filter: TaskFilter = TaskFilter(),
                          limit: Int) async throws -> (ids: [String], totals: Set<Int>) {
        var ids: [String] = []
        var totals = Set<Int>()
        var page = 1
        while true {
            let (tasks, total, _) = try await runtime.services.tasks.list(
                TaskQuery(projectID: project.id, filter: filter, page: try PageRequest(page: page, limit: limit)), by: fixture.admin)
            totals.insert(total)
            ids += tasks.map(\.id)
            if tasks.count < limit { return (ids, totals) }
            page += 1
        }
    }
}

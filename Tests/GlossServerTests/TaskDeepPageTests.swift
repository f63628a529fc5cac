import GlossCore
import GlossTesting
import Testing

@Suite("GET /v2/project/{id}/tasks: the default order after deletions")
struct TaskDeepPageTests {
    /// Imports `count` tasks in two requests; returns their ids newest first, as the default order gives them.
    static func seed(_ client: Client, _ fixture: TestFixture, _ project: String, count: Int) async throws -> [String] {
        let half = count / 2
        try await importExternalIDs(client, key: fixture.adminKey, project, (0..<half).map { "t\($0)" })
        try await importExternalIDs(client, key: fixture.adminKey, project, (half..<count).map { "t\($0)" })
        let ids = try await allTasks(client, key: fixture.adminKey, project).ids
        #expect(try await allTasks(client, key: fixture.adminKey, project, query: "fields=externalId").strings("externalId")
                == (0..<count).reversed().map { "t\($0)" })
        return ids
    }

    /// Walks every page of the default order with `limit` and returns the ids in order, checking totals.
    static func walk(_ client: Client, _ fixture: TestFixture, _ project: String, limit: Int, expectedTotal: Int) async throws -> [String] {
        var ids: [String] = []
        var page = 1
        while true {
            let r = try await listTasks(client, key: fixture.adminKey, project, query: "page=\(page)&limit=\(limit)&fields=externalId")
            try requireStatus(r, 200)
            #expect(r.data["total"]?.intValue == expectedTotal, "page \(page)")
            let pageIDs = r.data["tasks"]?.ids ?? []
            if pageIDs.isEmpty { break }
            ids += pageIDs
            page += 1
            if page > expectedTotal + 2 { Issue.record("paging did not end"); break }
        }
        return ids
    }

    /// Where two id lists first differ, as text; nil when they are equal.
    static func firstDifference(_ walked: [String], _ expected: [String]) -> String? {
        guard walked != expected else { return nil }
        let i = (0..<min(walked.count, expected.count)).first { walked[$0] != expected[$0] } ?? min(walked.count, expected.count)
        return "at index \(i) of \(expected.count) (walked \(walked.count)): got \(walked.dropFirst(i).prefix(3)), expected \(expected.dropFirst(i).prefix(3))"
    }

    @Test("scattered deletions: every page holds the right ids, with no duplicates or gaps", arguments: [1, 7, 50])
    func scatteredDeletions(limit: Int) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let ids = try await Self.seed(client, fixture, id, count: 120)
            let doomed = ids.enumerated().filter { $0.offset % 3 == 0 || $0.offset == 1 || $0.offset == 119 }.map(\.element)
            expectSuccess(try await deleteTasks(client, key: fixture.adminKey, id, doomed))
            let expected = ids.filter { !doomed.contains($0) }
            let walked = try await Self.walk(client, fixture, id, limit: limit, expectedTotal: expected.count)
            #expect(Self.firstDifference(walked, expected) == nil)
        }
    }

    @Test("a long run of deleted newest tasks does not shift later pages", arguments: [3, 10])
    func deletedNewestRun(limit: Int) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            let ids = try await Self.seed(client, fixture, id, count: 1000)
            let doomed = Array(ids.prefix(800)) + ids.dropFirst(800).enumerated().filter { $0.offset % 10 == 4 }.map(\.element)
            expectSuccess(try await deleteTasks(client, key: fixture.adminKey, id, doomed))
            let expected = ids.filter { !Set(doomed).contains($0) }
            let walked = try await Self.walk(client, fixture, id, limit: limit, expectedTotal: expected.count)
            #expect(walked.count == expected.count)
            #expect(Set(walked).count == walked.count, "duplicates across pages")
            #expect(Self.firstDifference(walked, expected) == nil)
        }
    }

    @Test("after deleting assets too, pages still match the full listing")
    func deletedAssets() async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            _ = try await Self.seed(client, fixture, id, count: 40)
            let assets = try await listAssets(client, key: fixture.adminKey, id, query: "page=1&limit=1000").data["assets"]?.ids ?? []
            expectSuccess(try await deleteAssets(client, key: fixture.adminKey, id, assets.enumerated().filter { $0.offset % 4 != 0 }.map(\.element)))
            let full = try await allTasks(client, key: fixture.adminKey, id).ids
            #expect(full.count == 10)
            let walked = try await Self.walk(client, fixture, id, limit: 3, expectedTotal: 10)
            #expect(Self.firstDifference(walked, full) == nil)
        }
    }
}

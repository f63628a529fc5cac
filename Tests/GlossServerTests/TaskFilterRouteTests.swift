import GlossCore
import GlossTesting
import Testing

@Suite("GET /v2/project/{id}/tasks: filter JSON and legacy parameters")
struct TaskFilterRouteTests {
    /// A project with img_1..img_3 (batch "Red", priorities 1..3) imported at T, then other_4, other_5
    /// (batch "Blue", priorities 40, 50) imported a minute later. Returns the project and the two batch ids.
    static func seed(_ client: Client, _ fixture: TestFixture) async throws -> (project: String, red: String, blue: String) {
        let id = try await newProject(client, key: fixture.adminKey)
        let red = try await newBatch(client, key: fixture.adminKey, id, name: "Red")
        let blue = try await newBatch(client, key: fixture.adminKey, id, name: "Blue")
        expectSuccess(try await importAssets(client, key: fixture.adminKey, id, body: #"""
            {"assets":[{"data":"d","externalId":"img_1","priority":1},{"data":"d","externalId":"img_2","priority":2},
                       {"data":"d","externalId":"img_3","priority":3}]}
            """#, query: "batches=\(q(#"["Red"]"#))"), 201)
        fixture.clock.advance(by: 60)
        expectSuccess(try await importAssets(client, key: fixture.adminKey, id, body: #"""
            {"assets":[{"data":"d","externalId":"other_4","priority":40},{"data":"d","externalId":"other_5","priority":50}]}
            """#, query: "batches=\(q(#"["\#(blue)"]"#))"), 201)
        return (id, red, blue)
    }

    static func externalIDs(_ client: Client, _ fixture: TestFixture, _ project: String, filter: String) async throws -> [String] {
        let r = try await listTasks(client, key: fixture.adminKey, project, query: "page=1&limit=100&sort=externalId&filter=\(q(filter))")
        try requireStatus(r, 200)
        #expect(r.data["total"]?.intValue == r.data["tasks"]?.arrayValue?.count, "total must count the filtered tasks")
        return r.data["tasks"]?.strings("externalId") ?? []
    }

    @Test("filter JSON narrows by stage, batches (id or name), regex, priority range, isDraft and createdAt")
    func filterJSON() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, red, blue) = try await Self.seed(client, fixture)
            let all = ["img_1", "img_2", "img_3", "other_4", "other_5"]
            let t0 = ISODate.format(millis: ISODate.millis(fixture.clock.now()) - 60_000)
            let cases: [(String, [String])] = [
                (#"{"stage":"Label"}"#, all),
                (#"{"stage":{"$in":["Start","Complete"]}}"#, []),
                (#"{"batches":"\#(red)"}"#, ["img_1", "img_2", "img_3"]),
                (#"{"batches":["Blue"]}"#, ["other_4", "other_5"]),
                (#"{"batches":{"$nin":["Red"]}}"#, ["other_4", "other_5"]),
                (#"{"batches":{"$in":["\#(red)","\#(blue)"]}}"#, all),
                (#"{"externalId":{"$regex":"^img_[12]$"}}"#, ["img_1", "img_2"]),
                (#"{"externalId":{"$ne":"img_1"},"priority":{"$lt":40}}"#, ["img_2", "img_3"]),
                (#"{"priority":{"$gte":2,"$lte":40}}"#, ["img_2", "img_3", "other_4"]),
                (#"{"priority":{"$gt":3}}"#, ["other_4", "other_5"]),
                (#"{"priority":[1,50]}"#, ["img_1", "other_5"]),
                (#"{"isDraft":false}"#, all),
                (#"{"isDraft":true}"#, []),
                (#"{"assignee":{"$exists":false},"status":"TODO"}"#, all),
                (#"{"createdAt":{"$gt":"\#(t0)"}}"#, ["other_4", "other_5"]),
                (#"{"createdAt":{"$lte":"\#(t0)"}}"#, ["img_1", "img_2", "img_3"]),
                (#"{"createdAt":{"$gte":"\#(t0.dropLast(5))"}}"#, all),
            ]
            for (filter, expected) in cases {
                #expect(try await Self.externalIDs(client, fixture, id, filter: filter) == expected, "filter \(filter)")
            }
        }
    }

    @Test("legacy parameters status[eq], stage and batches still filter")
    func legacyParameters() async throws {
        try await withTestApp { client, fixture, _ in
            let (id, red, _) = try await Self.seed(client, fixture)
            let todo = try await listTasks(client, key: fixture.adminKey, id, query: "page=1&limit=10&status%5Beq%5D=TODO")
            #expect(todo.data["total"] == 5)
            let completed = try await listTasks(client, key: fixture.adminKey, id, query: "status%5Beq%5D=Completed")
            #expect(completed.data["total"] == 0)
            #expect(try await listTasks(client, key: fixture.adminKey, id, query: "stage=Label").data["total"] == 5)
            #expect(try await listTasks(client, key: fixture.adminKey, id, query: "stage=Start").data["total"] == 0)
            let byBatch = try await listTasks(client, key: fixture.adminKey, id, query: "limit=10&sort=externalId&batches=\(q(#"["\#(red)"]"#))")
            #expect(byBatch.data["tasks"]?.strings("externalId") == ["img_1", "img_2", "img_3"])
            let combined = try await listTasks(client, key: fixture.adminKey, id,
                                               query: "batches=\(q(#"["\#(red)"]"#))&filter=\(q(#"{"priority":{"$gte":2}}"#))")
            #expect(combined.data["total"] == 2)
        }
    }

    @Test("bad filters are a 400 naming the problem", arguments: [
        (#"{"colour":"red"}"#, "unknown filter key: colour"),
        (#"{"stage":{"$like":"L"}}"#, "unknown filter operator $like"),
        (#"{"priority":{"$gt":"high"}}"#, "filter.priority.$gt must be a number"),
        (#"{"externalId":{"$gt":"a"}}"#, "operator $gt does not apply to externalId"),
        (#"{"externalId":{"$regex":"(["}}"#, "not a valid regular expression"),
        (#"{"createdAt":{"$gt":"last week"}}"#, "must be an ISO-8601 date"),
        (#"{"stage":"Label""#, "filter: malformed JSON"),
        (#"["stage"]"#, "filter must be a JSON object"),
    ])
    func badFilters(filter: String, message: String) async throws {
        try await withTestApp { client, fixture, _ in
            let id = try await newProject(client, key: fixture.adminKey)
            expectFail(try await listTasks(client, key: fixture.adminKey, id, query: "filter=\(q(filter))"), 400, message)
        }
    }
}

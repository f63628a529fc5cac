import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

// Helpers for the labeling-loop routes, one per route, plus a project builder with members.

func claimNext(_ c: Client, key: String, _ project: String, kind: String = "label") async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(project)/queue/next", key: key, body: #"{"kind":"\#(kind)"}"#)
}
func saveTask(_ c: Client, key: String, _ task: String, body: String = "{}") async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/task/\(task)/save", key: key, body: body)
}
func submitTask(_ c: Client, key: String, _ task: String, body: String = "{}") async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/task/\(task)/submit", key: key, body: body)
}
func skipTask(_ c: Client, key: String, _ task: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/task/\(task)/skip", key: key, body: "{}")
}
func reviewTask(_ c: Client, key: String, _ task: String, _ status: String, extra: String = "") async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/review/\(task)", key: key, body: #"{"reviewStatus":"\#(status)"\#(extra)}"#)
}
func annotateTask(_ c: Client, key: String, _ task: String, query: String = "", body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/annotate/\(task)" + (query.isEmpty ? "" : "?\(query)"), key: key, body: body)
}
func requeueTasks(_ c: Client, key: String, _ project: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(project)/requeueTasks", key: key, body: body)
}
func forwardStage(_ c: Client, key: String, _ project: String, body: String) async throws -> TestJSONResponse {
    try await c.api(.post, "/v2/project/\(project)/forward", key: key, body: body)
}

/// A project with the given workflow (`stages` JSON array text), members (email -> role) and
/// assets; returns the project id and each member's API key.
struct WorkflowProject {
    let id: String
    let keys: [String: String]

    static func make(_ c: Client, _ runtime: GlossRuntime, _ fixture: TestFixture, stages: String, schema: String? = nil,
                     settings: String = "", members: [String: String] = [:], assets: [String] = []) async throws -> WorkflowProject {
        let id = try await newProject(c, key: fixture.adminKey)
        var body = #"{"stages":\#(stages)"#
        if let schema { body += #","categorySchema":\#(schema)"# }
        if !settings.isEmpty { body += "," + settings }
        try requireStatus(try await updateProject(c, key: fixture.adminKey, id, body: body + "}"), 200)
        var keys: [String: String] = [:]
        for (email, role) in members.sorted(by: { $0.key < $1.key }) {
            keys[email] = try await addOrgMember(runtime, fixture, email: email, role: .member)
            try requireStatus(try await assignMembers(c, key: fixture.adminKey, id, body: #"{"assignees":["\#(email)"],"role":"\#(role)"}"#), 200)
        }
        if !assets.isEmpty { try await importExternalIDs(c, key: fixture.adminKey, id, assets) }
        return WorkflowProject(id: id, keys: keys)
    }

    func key(_ email: String) -> String { keys[email]! }
}

/// Claims the next task and returns its id (fails the test on 204 or an error).
func claimID(_ c: Client, key: String, _ project: String, kind: String = "label", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
    let r = try await claimNext(c, key: key, project, kind: kind)
    try requireStatus(r, 200)
    return try #require(r.data["task"]?["_id"]?.stringValue, sourceLocation: sourceLocation)
}

/// The task as `GET /task/{id}` returns it.
func fetchTask(_ c: Client, key: String, _ id: String) async throws -> JSONValue {
    let r = try await getTask(c, key: key, id)
    try requireStatus(r, 200)
    return r.data["task"] ?? .null
}

/// Stage ids of the task's history, oldest first.
func historyStages(_ c: Client, key: String, _ id: String) async throws -> [String] {
    let r = try await taskHistory(c, key: key, id)
    try requireStatus(r, 200)
    return r.data["taskHistory"]?.strings("stageId") ?? []
}

/// Start -> Label -> Review (accept: Complete, reject: Label).
let labelReviewStages = #"""
[{"id":"Start","type":"Start","next":["Label"],"autoForward":true},
 {"id":"Label","type":"Label","next":["Review"],"assignedTo":[]},
 {"id":"Review","type":"Review","next":["Complete","Label"],"assignedTo":[]},
 {"id":"Complete","type":"Complete","next":[]}]
"""#

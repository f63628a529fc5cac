import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

/// Walks every catalogued /v2 route with every kind of caller and checks the answer against the
/// route's declared access (`APIRoute.access`, the table of docs/permissions.md): callers the
/// table allows get past the permission check (any answer but 401/403/404: a 400 for the
/// deliberately thin body still proves the check passed), project members it denies get 403,
/// and people outside the project or the organization get 404, so ids are not even confirmed.
@Suite("Permissions: every /v2 route with every role")
struct PermissionMatrixTests {
    /// Who calls.
    enum Caller: String, CaseIterable, CustomStringConvertible {
        case labeler, reviewer, lead, manager, orgAdmin, stranger, outsider
        var description: String { rawValue }
        var projectRole: ProjectRole? {
            switch self {
            case .labeler: return .labeler
            case .reviewer: return .reviewer
            case .lead: return .lead
            case .manager, .orgAdmin: return .manager
            case .stranger, .outsider: return nil
            }
        }
        var email: String { "\(rawValue)@matrix.test" }
    }

    /// What the table says a caller gets: allowed, 403 or 404.
    enum Verdict: Equatable { case allowed, forbidden, notFound }

    static func verdict(_ access: RouteAccess, _ caller: Caller, orgInPath: Bool) -> Verdict {
        switch access {
        case .signedIn:
            return .allowed
        case .org(let action):
            if caller == .outsider { return orgInPath ? .notFound : (action.allows(.owner) ? .allowed : .forbidden) }
            let role: OrgRole = caller == .orgAdmin ? .admin : .member
            return action.allows(role) ? .allowed : .forbidden
        case .project(let action):
            guard let role = caller.projectRole else { return .notFound }
            return action.allows(role) ? .allowed : .forbidden
        }
    }

    /// One throwaway project per (route, caller): the caller (when a member) has claimed its
    /// only task from the Label queue and opened an issue on it; an export of it has finished.
    struct World {
        var project: String
        var task: String
        var asset: String
        var issue: String
        var export: String
        var historyEntry: String
        var org: String
        var storage: String
    }

    static func makeWorld(_ c: Client, _ fixture: TestFixture, keys: [Caller: String], caller: Caller) async throws -> World {
        let admin = fixture.adminKey
        let project = try await newProject(c, key: admin, name: "Matrix \(caller)")
        for member in [Caller.labeler, .reviewer, .lead, .manager] {
            try requireStatus(try await assignMembers(c, key: admin, project,
                                                      body: #"{"assignees":["\#(member.email)"],"role":"\#(member.projectRole!.rawValue)"}"#), 200)
        }
        try await importExternalIDs(c, key: admin, project, ["only"])
        let listed = try await listTasks(c, key: admin, project)
        let task = try #require(listed.data["tasks"]?.arrayValue?.first?["_id"]?.stringValue)
        let asset = try #require(listed.data["tasks"]?.arrayValue?.first?["asset"]?.stringValue)
        let holder = caller.projectRole != nil ? caller : .labeler
        try requireStatus(try await claimNext(c, key: keys[holder]!, project), 200)
        let issue = try await c.api(.post, "/v2/issues", key: keys[holder]!, body: #"{"labelTask":"\#(task)","content":"matrix issue"}"#)
        try requireStatus(issue, 201)
        let export = try await c.api(.get, "/v2/export?project=\(project)&stage=\(q(#"["Label"]"#))", key: admin)
        try requireStatus(export, 200)
        let exportID = try #require(export.data["exportId"]?.stringValue)
        while try await c.api(.get, "/v2/exports/\(exportID)", key: admin).data["export"]?["state"]?.stringValue == "running" {
            await Task.yield()
        }
        let history = try await taskHistory(c, key: admin, task)
        let storage = try await c.api(.post, "/v2/storages", key: admin, body: #"""
            {"name":"matrix-\#(caller)","provider":"AWS","publicKey":"AKIAMATRIX","privateKey":"secret","endpoint":"http://127.0.0.1:9"}
            """#)
        try requireStatus(storage, 201)
        return World(project: project, task: task, asset: asset, issue: try #require(issue.data["issue"]?["_id"]?.stringValue), export: exportID,
                     historyEntry: try #require(history.data["taskHistory"]?.arrayValue?.first?["_id"]?.stringValue),
                     org: fixture.admin.organizationID, storage: try #require(storage.data["storage"]?["_id"]?.stringValue))
    }

    /// The request each route gets: its path with the world's ids, and a thin body.
    static func request(_ route: APIRoute, _ w: World) -> (path: String, body: String?) {
        var path = route.path
            .replacingOccurrences(of: ":orgId", with: w.org)
            .replacingOccurrences(of: ":metric", with: "LabelStageGroups")
        let id: String
        switch route {
        case .getTask, .taskHistory, .saveTask, .submitTask, .skipTask, .annotate, .review: id = w.task
        case .historyEntry: id = w.historyEntry
        case .getIssue, .updateIssue, .deleteIssue, .commentIssue: id = w.issue
        case .exportStatus: id = w.export
        case .deleteStorage, .listStorageFiles: id = w.storage
        default: id = w.project
        }
        path = path.replacingOccurrences(of: ":id", with: id)
        var query = ""
        switch route {
        case .export, .exportV3: query = "project=\(w.project)"
        case .listIssues: query = "project=\(w.project)"
        case .listAssets: query = "filters=" + q(#"{"_id":"\#(w.asset)"}"#)
        case .deleteIssue: query = "project=\(w.project)"
        case .uploadURL: query = "project=\(w.project)&name=matrix.png"
        case .signedURL: query = "url=" + q("/files/\(w.project)/assets/matrix.png")
        default: break
        }
        let full = "/v2/" + path + (query.isEmpty ? "" : "?" + query)
        guard route.method != .get else { return (full, nil) }
        // Enough for routes that find their project or task in the body; thin enough that
        // nothing else is valid, so writes mostly stop at validation.
        let body: String
        switch route {
        case .review: body = #"{"reviewStatus":"Todo"}"#
        case .skipTask, .saveTask, .submitTask, .annotate, .queueNext: body = "{}"
        default: body = #"{"project":"\#(w.project)","projectId":"\#(w.project)","labelTask":"\#(w.task)","content":"matrix"}"#
        }
        return (full, body)
    }

    @Test("each route answers each caller as the table says", arguments: APIRoute.allCases)
    func route(_ route: APIRoute) async throws {
        try await withTestApp { c, fixture, runtime in
            var keys: [Caller: String] = [.outsider: fixture.outsiderKey]
            for caller in Caller.allCases where caller != .outsider {
                keys[caller] = try await addOrgMember(runtime, fixture, email: caller.email, role: caller == .orgAdmin ? .admin : .member)
            }
            for caller in Caller.allCases {
                let world = try await Self.makeWorld(c, fixture, keys: keys, caller: caller)
                let (path, body) = Self.request(route, world)
                let r = try await c.api(route.method, path, key: keys[caller]!, body: body)
                // An organization route that names something (an org id, a storage id) is a 404 for another organization.
                let expected = Self.verdict(route.access, caller, orgInPath: route.path.contains(":orgId") || route.path.contains(":id"))
                let label = "\(route.method) \(route.path) as \(caller)"
                switch expected {
                case .allowed: #expect(![401, 403, 404].contains(r.status), "\(label) should be allowed: \(r.status) \(r.text)")
                case .forbidden: #expect(r.status == 403, "\(label) should be 403: \(r.status) \(r.text)")
                case .notFound: #expect(r.status == 404, "\(label) should be 404: \(r.status) \(r.text)")
                }
            }
        }
    }
}

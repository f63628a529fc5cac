import GlossCore
import Hummingbird

/// Issues on tasks (`/issues`).
struct IssueController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.listIssues, use: list)
        group.on(.createIssue, use: create)
        group.on(.getIssue, use: get)
        group.on(.updateIssue, use: update)
        group.on(.commentIssue, use: comment)
        group.on(.deleteIssue, use: delete)
    }

    /// `?project=&asset=&labelTask=&stage=&createdBy=&status=&page=&limit=` -> `{issue: [...], total}`
    /// (the singular key holding an array, as Ango Hub answers).
    @Sendable func list(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let query = request.query
        guard let projectID = query["project"], !projectID.isEmpty else { throw DomainError.invalid("project is required") }
        var filter = IssueFilter(projectID: projectID)
        filter.assetID = query["asset"]
        filter.taskID = query["labelTask"]
        filter.stageID = query["stage"]
        filter.createdBy = query["createdBy"]?.lowercased()
        if let text = query["status"] {
            guard let status = IssueStatus(loose: text) else { throw DomainError.invalid("status must be one of Open, Resolved, Closed") }
            filter.status = status
        }
        let (issues, total) = try await services.issues.list(filter, page: try query.page(defaultLimit: 100), by: user)
        let json = try await writer(for: issues, projectID: projectID, user: user)
        return JSONResponse.success(capacity: 1024 + issues.count * 600) { w in
            w.key("issue"); w.beginArray()
            for issue in issues { json.write(issue, to: &w) }
            w.endArray()
            w.key("total"); w.int(total)
        }
    }

    @Sendable func create(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let issue = try await services.issues.create(try await request.jsonBody(limit: maxJSONBytes), by: user)
        return try await answer(issue, user: user, status: .created)
    }

    /// `{issue}`.
    @Sendable func get(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        return try await answer(try await services.issues.get(try context.pathParameter("id"), by: user), user: user)
    }

    @Sendable func update(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let issue = try await services.issues.update(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        return try await answer(issue, user: user)
    }

    @Sendable func comment(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let issue = try await services.issues.comment(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        return try await answer(issue, user: user)
    }

    @Sendable func delete(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let issue = try await services.issues.delete(try context.pathParameter("id"), projectID: request.query["project"], by: user)
        return try await answer(issue, user: user)
    }

    /// `{issue: {...}}`.
    func answer(_ issue: Issue, user: User, status: HTTPResponse.Status = .ok) async throws -> Response {
        let json = try await writer(for: [issue], projectID: issue.projectID, user: user)
        return JSONResponse.success(status: status, capacity: 1024) { w in w.key("issue"); json.write(issue, to: &w) }
    }

    func writer(for issues: [Issue], projectID: String, user: User) async throws -> IssueJSON {
        var names: [String: String] = [:]
        for email in IssueJSON.emails(of: issues) { names[email] = try await services.identity.user(email: email)?.name }
        let project = try await services.projects.require(projectID, for: user)
        return IssueJSON(names: names, stageNames: TaskController.stageNames(project))
    }
}

import GlossCore
import Hummingbird

/// Projects, batches and members (`/listProjects`, `/project...`, `/batches`, `/assignBatches`).
struct ProjectController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.get("listProjects", use: list)
        group.post("project", use: create)
        group.get("project/:id", use: get)
        group.post("project/:id", use: update)
        group.delete("project/:id", use: delete)
        group.post("project/:id/assigned", use: addMembers)
        group.post("batches/:id", use: batches)
    }

    /// Writes `{project: ...}` for a project.
    func projectResponse(_ project: Project, user: User, status: HTTPResponse.Status = .ok) -> Response {
        JSONResponse.success(status: status, capacity: 2048) { w in
            w.key("project"); ProjectJSON.write(project, caller: user, to: &w)
        }
    }

    @Sendable func list(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let page = try request.query.page()
        let (projects, total) = try await services.projects.list(for: user, page: page)
        return JSONResponse.success { w in
            w.key("projects"); w.beginArray()
            for p in projects { ProjectJSON.writeSummary(p, to: &w) }
            w.endArray()
            w.key("total"); w.int(total)
        }
    }

    @Sendable func create(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let project = try await services.projects.create(try await request.jsonBody(limit: maxJSONBytes), by: user)
        return projectResponse(project, user: user, status: .created)
    }

    @Sendable func get(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        return projectResponse(try await services.projects.require(try context.pathParameter("id"), for: user), user: user)
    }

    @Sendable func update(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        let project = try await services.projects.update(try context.pathParameter("id"), with: body, by: user)
        return projectResponse(project, user: user)
    }

    @Sendable func delete(_ request: Request, context: GlossRequestContext) async throws -> Response {
        try await services.projects.delete(try context.pathParameter("id"), by: try context.requireUser())
        return JSONResponse.message("Project deleted.")
    }

    @Sendable func addMembers(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        return projectResponse(try await services.projects.addMembers(try context.pathParameter("id"), body: body, by: user), user: user)
    }

    /// `{name}` answers the new batch under `data.project` (as the SDK's create_batch reads it);
    /// `{batches}` answers the whole project.
    @Sendable func batches(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        let (project, created) = try await services.projects.changeBatches(try context.pathParameter("id"), body: body, by: user)
        if let created {
            return JSONResponse.success { w in w.key("project"); ProjectJSON.writeBatch(created, to: &w) }
        }
        return projectResponse(project, user: user)
    }
}

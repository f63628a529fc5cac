import Foundation
import GlossCore
import Hummingbird

/// Projects, batches and members (`/listProjects`, `/project...`, `/batches`, `/assignBatches`).
struct ProjectController {
    let services: GlossServices
    let maxJSONBytes: Int
    /// Root of Gloss's own file storage (purge removes `<root>/<projectId>`).
    let filesDirectory: String

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.listProjects, use: list)
        group.on(.createProject, use: create)
        group.on(.getProject, use: get)
        group.on(.updateProject, use: update)
        group.on(.deleteProject, use: delete)
        group.on(.addMembers, use: addMembers)
        group.on(.batches, use: batches)
        group.on(.cloneProject, use: clone)
        group.on(.purgeProject, use: purge)
        group.on(.benchmarkTasks, use: benchmarkTasks)
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

    /// 201 `{project}`: the clone.
    @Sendable func clone(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let clone = try await services.projects.clone(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        return projectResponse(clone, user: user, status: .created)
    }

    /// Deletes the rows, then the project's files under Gloss's own storage.
    @Sendable func purge(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let project = try await services.projects.purge(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        try? FileManager.default.removeItem(atPath: "\(filesDirectory)/\(project.id)")
        return JSONResponse.message("Project purged.")
    }

    /// `{updated: n}`: how many tasks changed.
    @Sendable func benchmarkTasks(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let count = try await services.tasks.setBenchmark(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        return JSONResponse.success { w in w.key("updated"); w.int(count) }
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

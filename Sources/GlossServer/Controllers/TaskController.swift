import GlossCore
import Hummingbird

/// Tasks: the Tasks table listing, one task, its history, and the bulk actions.
struct TaskController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.listTasks, use: list)
        group.on(.deleteTasks, use: delete)
        group.on(.updatePriority, use: updatePriority)
        group.on(.getTask, use: get)
        group.on(.taskHistory, use: history)
        group.on(.historyEntry, use: historyEntry)
        group.on(.assignTask, use: assign)
    }

    @Sendable func list(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let projectID = try context.pathParameter("id")
        let parsed: TaskListQuery
        do {
            parsed = try TaskListQuery.parse(request.query, projectID: projectID)
        } catch {
            // A project the caller cannot see is a 404 whatever the query says.
            _ = try await services.projects.require(projectID, for: user)
            throw error
        }
        let (tasks, total, project) = try await services.tasks.list(parsed.query, by: user)
        let json = TaskJSON(fields: parsed.fields, includeAnswer: parsed.query.includeAnswer, organizationID: project.organizationID,
                            stageNames: Self.stageNames(project))
        return JSONResponse.success(capacity: 600 * max(1, tasks.count)) { w in
            w.key("tasks"); w.beginArray()
            for task in tasks { json.write(task, to: &w) }
            w.endArray()
            w.key("total"); w.int(total)
        }
    }

    static func stageNames(_ project: Project) -> [String: String] {
        Dictionary(project.workflow.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The answer is always present here: the SDK's annotate_task(overwrite=False) merges into it.
    @Sendable func get(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        _ = try request.query.bool("includeAnswer", default: true)
        let (task, project) = try await services.tasks.get(try context.pathParameter("id"), by: user)
        let json = TaskJSON(fields: nil, includeAnswer: true, organizationID: project.organizationID, stageNames: Self.stageNames(project))
        return JSONResponse.success(capacity: 2048) { w in w.key("task"); json.write(task, to: &w) }
    }

    @Sendable func history(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let entries = try await services.tasks.history(try context.pathParameter("id"), by: user)
        return JSONResponse.success { w in
            w.key("taskHistory"); w.beginArray()
            for entry in entries { TaskJSON.writeHistory(entry, organizationID: user.organizationID, to: &w) }
            w.endArray()
        }
    }

    @Sendable func historyEntry(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.pathParameter("id")
        guard let entry = try await services.tasks.historyEntry(id, by: user) else { throw DomainError.notFound("task history \(id) not found") }
        return JSONResponse.success { w in w.key("taskHistory"); TaskJSON.writeHistory(entry, organizationID: user.organizationID, to: &w) }
    }

    @Sendable func assign(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let count = try await services.tasks.assign(try await request.jsonBody(limit: maxJSONBytes), by: try context.requireUser())
        return JSONResponse.success { w in w.key("message"); w.string("\(count) tasks assigned."); w.key("modifiedCount"); w.int(count) }
    }

    @Sendable func updatePriority(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let count = try await services.tasks.setPriority(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        return JSONResponse.success { w in
            w.key("result"); w.beginObject(); w.key("matchedCount"); w.int(count); w.key("modifiedCount"); w.int(count); w.endObject()
        }
    }

    @Sendable func delete(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let count = try await services.tasks.delete(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes), by: user)
        return JSONResponse.success { w in w.key("message"); w.string("\(count) tasks deleted."); w.key("deletedCount"); w.int(count) }
    }
}

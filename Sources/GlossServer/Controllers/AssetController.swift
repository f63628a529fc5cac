import GlossCore
import Hummingbird

/// Assets: cloud import, listing, deletion, batch assignment.
struct AssetController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.importCloud, use: importCloud)
        group.on(.listAssets, use: list)
        group.on(.deleteAssets, use: delete)
        group.on(.assignBatches, use: assignBatches)
    }

    @Sendable func importCloud(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        _ = try await services.projects.require(try context.pathParameter("id"), for: user, to: .manageTasks, doing: "add data")
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        guard let items = object["assets"]?.arrayValue else { throw DomainError.invalid("assets must be an array") }
        var options = ImportOptions(createdBy: user.email)
        if let batches = try request.query.json("batches") {
            guard let list = batches.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw DomainError.invalid("batches must be a JSON array of batch names or ids")
            }
            options.batches = list.compactMap(\.stringValue)
        }
        if let p = object["priority"], !p.isNull {
            guard let priority = p.intValue else { throw DomainError.invalid("priority must be an integer") }
            options.priority = priority
        }
        if let local = object["uploadLocal"], !local.isNull {
            options.uploadLocal = local.boolValue ?? (local.stringValue?.lowercased() == "true")
        }
        let summary = try await services.assets.importAssets(try context.pathParameter("id"), items: items, options: options, by: user)
        return JSONResponse.success(status: .created) { w in
            w.key("assets"); w.beginObject()
            w.key("assetsCreated"); w.int(summary.assetsCreated)
            w.key("tasksCreated"); w.int(summary.tasksCreated)
            w.key("preLabelsCount"); w.int(summary.preLabelsCount)
            w.key("validPreLabelsCount"); w.int(summary.validPreLabelsCount)
            w.endObject()
        }
    }

    @Sendable func list(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let query = request.query
        let projectID = try context.pathParameter("id")
        let filter: AssetFilter
        do {
            filter = try query.json("filters").map(AssetFilter.parse) ?? AssetFilter()
        } catch {
            // A project the caller cannot see is a 404 whatever the query says.
            _ = try await services.projects.require(projectID, for: user)
            throw error
        }
        let (assets, total, project) = try await services.assets.list(projectID, filter: filter, page: try query.page(), by: user)
        let names = Dictionary(project.workflow.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return JSONResponse.success(capacity: 4096) { w in
            w.key("assets"); w.beginArray()
            for item in assets { AssetJSON.write(item, organizationID: project.organizationID, stageNames: names, to: &w) }
            w.endArray()
            w.key("total"); w.int(total)
        }
    }

    @Sendable func delete(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        _ = try await services.projects.require(try context.pathParameter("id"), for: user, to: .manageTasks, doing: "delete assets")
        let body = try await request.jsonBody(limit: maxJSONBytes)
        let ids = try Self.ids(body["assets"], field: "assets")
        let count = try await services.assets.delete(try context.pathParameter("id"), assetIDs: ids, by: user)
        return JSONResponse.success { w in
            w.key("message"); w.string("\(count) assets deleted.")
            w.key("deletedCount"); w.int(count)
        }
    }

    @Sendable func assignBatches(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard let projectID = body["projectId"]?.stringValue ?? body["project"]?.stringValue else {
            throw DomainError.invalid("projectId is required")
        }
        _ = try await services.projects.require(projectID, for: user, to: .manageTasks, doing: "assign batches")
        let count = try await services.assets.assignBatches(projectID, assetIDs: try Self.ids(body["assets"], field: "assets"),
                                                           batches: try Self.ids(body["batches"], field: "batches"), by: user)
        return JSONResponse.success { $0.key("assets"); $0.int(count) }
    }

    static func ids(_ value: JSONValue?, field: String) throws -> [String] {
        guard let list = value?.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            throw DomainError.invalid("\(field) must be an array of strings")
        }
        return list.compactMap(\.stringValue)
    }
}

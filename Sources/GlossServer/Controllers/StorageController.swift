import GlossCore
import Hummingbird

/// Storages (`/storages`): bucket connections of the organization. Secrets are write-only.
struct StorageController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.listStorages, use: list)
        group.on(.createStorage, use: create)
        group.on(.deleteStorage, use: delete)
    }

    /// `?_id=` -> `{storages: [...]}`.
    @Sendable func list(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let storages = try await services.storages.list(by: try context.requireUser(), id: request.query["_id"])
        return JSONResponse.success { w in
            w.key("storages"); w.beginArray()
            for s in storages { Self.write(s, to: &w) }
            w.endArray()
        }
    }

    /// 201 `{storage}`.
    @Sendable func create(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let storage = try await services.storages.create(try await request.jsonBody(limit: maxJSONBytes), by: try context.requireUser())
        return JSONResponse.success(status: .created) { w in w.key("storage"); Self.write(storage, to: &w) }
    }

    /// `{storage}`: the deleted one.
    @Sendable func delete(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let storage = try await services.storages.delete(try context.pathParameter("id"), by: try context.requireUser())
        return JSONResponse.success { w in w.key("storage"); Self.write(storage, to: &w) }
    }

    /// Both the OpenAPI (`type`) and the legacy (`provider`) spellings; never the credentials.
    static func write(_ s: Storage, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(s.id)
        w.key("id"); w.string(s.id)
        w.key("name"); w.string(s.name)
        w.key("type"); w.string(s.provider.type)
        w.key("provider"); w.string(s.provider.rawValue)
        w.key("bucket"); w.string(s.bucket)
        w.key("region"); w.string(s.region)
        w.key("endpoint"); w.string(s.endpoint)
        w.key("pathStyle"); w.bool(s.pathStyle)
        w.key("organization"); w.string(s.organizationID)
        w.key("createdAt"); w.date(millis: s.createdAt)
        w.endObject()
    }
}

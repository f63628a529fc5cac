import Foundation
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
        group.on(.listStorageFiles, use: files)
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

    /// `?bucketName=&path=&getSignedUrls=true&limit=&continuationToken=` -> `{files: [{key, name, size,
    /// lastModified, url?}], nextContinuationToken}`: one page (default 1,000) of the objects under `path`.
    @Sendable func files(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let query = request.query
        guard let (storage, credentials) = try await services.storages.unsealed(try context.pathParameter("id"), organizationID: user.organizationID) else {
            throw DomainError.notFound("storage \(try context.pathParameter("id")) not found")
        }
        guard let bucket = query["bucketName"].flatMap({ $0.isEmpty ? nil : $0 }) ?? storage.bucket else {
            throw DomainError.invalid("bucketName is required (the storage has no default bucket)")
        }
        let limit = try query.int("limit", default: 1000)
        guard (1...1000).contains(limit) else { throw DomainError.invalid("limit must be from 1 to 1000") }
        let signer = S3Signer(storage: storage, credentials: credentials)
        let now = Date()
        let (objects, next) = try await S3Listing(client: .shared).list(bucket: bucket, prefix: query["path"] ?? "", limit: limit,
                                                                        continuation: query["continuationToken"], signer: signer, now: now)
        let signed = try query.bool("getSignedUrls", default: true)
        return JSONResponse.success(capacity: 256 + objects.count * 300) { w in
            w.key("files"); w.beginArray()
            for object in objects {
                w.beginObject()
                w.key("key"); w.string(object.key)
                w.key("name"); w.string(String(object.key.split(separator: "/").last ?? Substring(object.key)))
                w.key("size"); w.int(object.size)
                w.key("lastModified"); w.string(object.lastModified)
                w.key("bucket"); w.string(bucket)
                if signed { w.key("url"); w.string(signer.presignedGET(bucket: bucket, key: object.key, lifetime: 3600, now: now)) }
                w.endObject()
            }
            w.endArray()
            w.key("nextContinuationToken"); w.string(next)
        }
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

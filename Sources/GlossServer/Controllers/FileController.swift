import Foundation
import GlossCore
import Hummingbird

/// Signed-URL file transfer: `getUploadUrl` / `getSignedUrl` (with an API key) hand out URLs
/// that PUT or GET `/files/...` without one, until they expire.
struct FileController {
    let services: GlossServices
    let blobs: LocalBlobStore
    let signer: URLSigner
    let config: ServerConfig

    func addAPIRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.uploadURL, use: uploadURL)
        group.on(.signedURL, use: signedURL)
    }

    func addFileRoutes(to router: Router<GlossRequestContext>) {
        router.put("files/:project/:type/:name", use: put)
        router.get("files/:project/:type/:name", use: get)
    }

    private func baseURL(_ request: Request) -> String { config.baseURL(for: request) }

    @Sendable func uploadURL(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let query = request.query
        guard let project = query["project"], let name = query["name"] else { throw DomainError.invalid("project and name are required") }
        let key = try FileKey(project: project, type: query["type"] ?? "assets", name: name)
        // Export zips are written by the server only.
        guard key.type != "exports" else { throw DomainError.invalid("type exports is written by Gloss; upload assets, brushes or instructions") }
        _ = try await services.projects.require(key.project, for: try context.requireUser(), to: .manageTasks, doing: "upload files")
        let url = baseURL(request) + signer.sign(path: key.path, operation: .put, lifetime: config.signedURLLifetime)
        return JSONResponse.success(status: .created) { $0.key("uploadUrl"); $0.string(url) }
    }

    @Sendable func signedURL(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let query = request.query
        guard let target = query["url"] ?? query["name"], !target.isEmpty else { throw DomainError.invalid("url (or name) is required") }
        let user = try context.requireUser()
        guard let key = FileKey.parse(urlOrPath: target) else {
            // An object in one of the organization's storages gets a presigned URL; any other
            // URL (a public one) needs no signature.
            // Only the storage that signs has its credentials opened.
            let storages = try await services.storages.sealed(organizationID: user.organizationID)
            if let match = StorageObjectURL.match(target, storageID: query["storageId"], in: storages) {
                try await checkMaySee(target, query: query, user: user)
                let signer = S3Signer(storage: match.storage, credentials: try services.storages.credentials(of: match.storage))
                let url = signer.presignedGET(bucket: match.bucket, key: match.key, lifetime: config.signedURLLifetime, now: Date())
                return JSONResponse.success(status: .created) { $0.key("signedUrl"); $0.string(url) }
            }
            return JSONResponse.success(status: .created) { $0.key("signedUrl"); $0.string(target) }
        }
        // Export zips are for those who may export.
        _ = try await services.projects.require(key.project, for: user, to: key.type == "exports" ? .export : .view)
        let url = baseURL(request) + signer.sign(path: key.path, operation: .get, lifetime: config.signedURLLifetime)
        return JSONResponse.success(status: .created) { $0.key("signedUrl"); $0.string(url) }
    }

    private func key(_ context: GlossRequestContext) throws -> FileKey {
        try FileKey(project: try context.pathParameter("project"), type: try context.pathParameter("type"), name: try context.pathParameter("name"))
    }

    @Sendable func put(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let key = try key(context)
        guard signer.verify(path: key.path, operation: .put, query: request.query) else {
            throw DomainError.forbidden("the upload URL is invalid or expired")
        }
        let size = try await blobs.write(key, body: request.body, limit: config.maxUploadBytes)
        return JSONResponse.success { $0.key("size"); $0.int(size) }
    }

    @Sendable func get(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let key = try key(context)
        guard signer.verify(path: key.path, operation: .get, query: request.query) else {
            throw DomainError.forbidden("the file URL is invalid or expired: ask getSignedUrl for a signed one")
        }
        guard blobs.exists(key) else { throw DomainError.notFound("file not found") }
        let body = try await FileIO().loadFile(path: blobs.filePath(key), context: context)
        let ext = (key.name as NSString).pathExtension
        let type = MediaType.getMediaType(forExtension: ext)?.description ?? "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type], body: body)
    }

    /// Who may have an object of a storage presigned: org admins; others name the project
    /// (`project`) they see it in, and a Labeler also the task (`task`) whose asset it is.
    func checkMaySee(_ url: String, query: QueryParameters, user: User) async throws {
        if user.orgRole.isAdmin { return }
        guard let projectID = query["project"], !projectID.isEmpty else {
            throw DomainError.forbidden("name the project (project=...) the file belongs to")
        }
        let project = try await services.projects.require(projectID, for: user, to: .view)
        guard project.role(of: user) == .labeler else { return }
        guard let taskID = query["task"], !taskID.isEmpty else { throw DomainError.forbidden("a Labeler names the task (task=...) whose file this is") }
        let (task, _) = try await services.tasks.get(taskID, by: user)
        guard task.projectID == project.id, let asset = try await services.assetStore.asset(projectID: project.id, id: task.assetID),
              asset.data == url else {
            throw DomainError.forbidden("this file is not the asset of task \(taskID)")
        }
    }
}

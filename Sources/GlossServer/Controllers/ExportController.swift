import Foundation
import GlossCore
import Hummingbird
import NIOCore

/// `GET /export` starts a background export and answers a signed URL at once; that URL
/// (`/exports/<job>.zip`, no API key) streams the zip while it is written and ends with it, so
/// the SDK's immediate download gets the finished file. `GET /exports/{id}` reports progress.
struct ExportController {
    let services: GlossServices
    let jobs: ExportJobs
    let signer: URLSigner
    let config: ServerConfig
    /// Ango signs asset URLs in exports for 120000 s; Gloss does the same for its own files.
    static let assetURLLifetime = 120_000

    func addAPIRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.export, use: start)
        group.on(.exportPost, use: start)
        group.on(.exportV3, use: start)
        group.on(.exportStatus, use: status)
    }

    func addDownloadRoute(to router: Router<GlossRequestContext>) {
        router.get("exports/:name", use: download)
    }

    @Sendable func start(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = request.method == .post ? try await Self.bodyParameters(request, limit: config.maxJSONBytes) : request.query.all
        guard let projectID = parameters["project"], !projectID.isEmpty else { throw DomainError.invalid("project is required") }
        // Who may export is settled before the options are read, so a refusal says so.
        _ = try await services.projects.require(projectID, for: user, to: .export)
        let options = try ExportOptions.parse(parameters)
        let plan = try await services.exports.plan(projectID: projectID, options: options, user: user)
        let base = config.baseURL(for: request)
        let storages = (try? await services.storages.unsealedAll(organizationID: plan.project.organizationID)) ?? []
        let job = try await jobs.start(plan, user: user, publisher: Self.publisher(base: base, signer: signer, storages: storages))
        let url = base + signer.sign(path: Self.downloadPath(job.id), operation: .get, lifetime: config.signedURLLifetime)
        return JSONResponse.success { w in
            w.key("exportPath"); w.string(url)
            w.key("exportId"); w.string(job.id)
        }
    }

    /// `POST /export` (the web UI's "Export selected", whose task ids do not fit a URL): the same
    /// options as the query of `GET /export`, as a JSON object; lists and windows may be JSON values.
    static func bodyParameters(_ request: Request, limit: Int) async throws -> [String: String] {
        guard let object = try await request.jsonBody(limit: limit).objectValue else { throw DomainError.invalid("body must be a JSON object") }
        var parameters: [String: String] = [:]
        for (key, value) in object where !value.isNull {
            switch value {
            case .string(let text): parameters[key] = text
            case .bool(let flag): parameters[key] = flag ? "true" : "false"
            default: parameters[key] = value.jsonText()
            }
        }
        return parameters
    }

    @Sendable func status(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let job = try await services.exports.job(id: try context.pathParameter("id"), user: try context.requireUser())
        return JSONResponse.success { w in
            w.key("export"); w.beginObject()
            w.key("id"); w.string(job.id)
            w.key("project"); w.string(job.projectID)
            w.key("format"); w.string(job.format.rawValue)
            w.key("state"); w.string(job.state.rawValue)
            w.key("total"); w.int(job.total)
            w.key("done"); w.int(job.done)
            w.key("bytes"); w.int(job.bytes)
            w.key("error"); w.string(job.error)
            w.key("createdAt"); w.date(millis: job.createdAt)
            w.key("updatedAt"); w.date(millis: job.updatedAt)
            w.endObject()
        }
    }

    @Sendable func download(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let name = try context.pathParameter("name")
        guard name.hasSuffix(".zip") else { throw DomainError.notFound("export not found") }
        let id = String(name.dropLast(4))
        guard signer.verify(path: Self.downloadPath(id), operation: .get, query: request.query) else {
            throw DomainError.forbidden("the export URL is invalid or expired: export again for a new one")
        }
        // A job this server is writing is known without a database read.
        var found = jobs.board.progress(id)?.job
        if found == nil { found = try await services.exports.job(id: id) }
        guard let job = found else { throw DomainError.notFound("export not found") }
        if job.state == .failed { throw DomainError.conflict("the export failed: \(job.error ?? "see the server log")") }
        let follower = ExportFileFollower(path: jobs.path(of: job), jobID: id, jobs: jobs)
        let headers: HTTPFields = [.contentType: "application/zip",
                                   .contentDisposition: "attachment; filename=\"export-\(job.projectID)-\(id).zip\""]
        // A finished export has a known length; a running one is sent chunked as it grows.
        let length = job.state == .done ? follower.currentSize() : nil
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: length) { writer in
            try await follower.stream(to: &writer)
            try await writer.finish(nil)
        })
    }

    static func downloadPath(_ id: String) -> String { "/exports/\(id).zip" }

    /// Signs Gloss file URLs (absolute on this server, or `/files/...` paths) and objects in the
    /// organization's storages (presigned S3 URLs) for export readers.
    static func publisher(base: String, signer: URLSigner, storages: [(Storage, StorageCredentials)] = [],
                          now: Date = Date()) -> ExportURLPublisher {
        let prefix = base + "/files/"
        let storages = storages.map { StorageEntry(storage: $0.0, credentials: $0.1) }
        // Without storages only Gloss file URLs change; every other URL is written as stored.
        let glossOnly = storages.isEmpty, filesPath = Array("/files/".utf8), filesURL = Array(prefix.utf8)
        let mayChange: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool = { url in
            !glossOnly || url.starts(with: filesPath) || url.starts(with: filesURL)
        }
        return ExportURLPublisher(mayChange: mayChange) { url in
            let path: Substring
            if url.hasPrefix(prefix) { path = url.dropFirst(base.count) } else if url.hasPrefix("/files/") { path = Substring(url) } else {
                guard !storages.isEmpty, let match = StorageObjectURL.match(url, storageID: nil, in: storages.map(\.storage)),
                      let entry = storages.first(where: { $0.storage.id == match.storage.id }) else {
                    return url
                }
                return S3Signer(storage: entry.storage, credentials: entry.credentials)
                    .presignedGET(bucket: match.bucket, key: match.key, lifetime: assetURLLifetime, now: now)
            }
            let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? String(path)
            return base + signer.sign(path: bare, operation: .get, lifetime: assetURLLifetime)
        }
    }
}

/// A storage with its opened credentials, captured by export publishers.
struct StorageEntry: Sendable {
    let storage: Storage
    let credentials: StorageCredentials
}

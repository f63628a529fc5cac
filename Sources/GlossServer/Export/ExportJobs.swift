import Foundation
import GlossCore
import Logging

/// Runs exports in the background, one zip per job under `<files>/<project>/exports/<job>.zip`,
/// and answers where a job's file stands for its downloads.
final class ExportJobs: Sendable {
    let services: GlossServices
    let filesRoot: String
    let board = ExportBoard()
    let logger: Logger
    /// Deflate level of the zips (1: fastest).
    let level: Int
    /// A running job whose row has not moved for this long belongs to a server that died.
    static let staleAfterMillis: Int64 = 60_000
    /// Progress is written to the job row at most this often.
    static let saveEveryMillis: Int64 = 1_000
    /// Export files older than this are deleted when the project exports again.
    static let keepSeconds: TimeInterval = 7 * 24 * 3600

    init(services: GlossServices, filesRoot: String, logger: Logger, level: Int = 1) {
        self.services = services; self.filesRoot = filesRoot; self.logger = logger; self.level = level
    }

    func directory(projectID: String) -> String { "\(filesRoot)/\(projectID)/exports" }
    func path(of job: ExportJob) -> String { "\(directory(projectID: job.projectID))/\(job.id).zip" }

    /// Records the job and starts writing it; returns at once. `publisher` turns stored Gloss
    /// file URLs into signed ones inside the export.
    func start(_ plan: ExportService.Plan, user: User, publisher: ExportURLPublisher) async throws -> ExportJob {
        try FileManager.default.createDirectory(atPath: directory(projectID: plan.project.id), withIntermediateDirectories: true)
        let job = try await services.exports.startJob(plan, user: user)
        board.begin(job)
        // Create the file now, so a download that arrives before the first page finds it.
        let sink = try FileZipSink(path: path(of: job))
        Task.detached { await self.run(job, plan: plan, sink: sink, publisher: publisher) }
        return job
    }

    private func run(_ job: ExportJob, plan: ExportService.Plan, sink: FileZipSink, publisher: ExportURLPublisher) async {
        var job = job
        let zip = ZipStreamWriter(sink: sink, level: level)
        var lastSave = ISODate.millis(services.clock.now())
        do {
            let count = try await ExportFormatters.write(plan, service: services.exports, output: zip, publisher: publisher) { done, total in
                // Every piece goes to disk at once: a download following the job gets it now.
                try sink.flush()
                board.grew(job.id)
                job.done = done; job.total = total; job.bytes = Int64(zip.offset)
                let now = ISODate.millis(services.clock.now())
                if now - lastSave >= Self.saveEveryMillis {
                    lastSave = now
                    try await services.exports.save(job)
                }
            }
            try zip.finish()
            try sink.close()
            var delivered = ""
            if let location = try await deliverToExportStorage(job, plan: plan) { delivered = " It was also saved to \(location)." }
            job.state = .done; job.done = count; job.bytes = Int64(zip.offset)
            try await services.exports.save(job)
            // Before the board says done: whoever waits for the file then finds the notification too.
            if plan.options.notifies {
                let what = plan.options.kind == .issue ? "issues" : "tasks"
                try? await services.notifications.notify(
                    email: job.requestedBy, organizationID: plan.project.organizationID, kind: .exportReady, title: "Export ready",
                    message: "The export of \(plan.project.name) is ready: \(count) \(what).\(delivered)", link: "#/projects/\(plan.project.id)/export",
                    sentBy: nil)
            }
            board.end(job.id, failed: false)
            logger.info("export \(job.id) of project \(job.projectID): \(count) tasks, \(job.bytes) bytes")
        } catch {
            try? sink.close()
            job.state = .failed
            job.error = (error as? DomainError)?.message ?? "the export failed; see the server log"
            try? await services.exports.save(job)
            board.end(job.id, failed: true)
            logger.error("export \(job.id) failed: \(error)")
        }
        board.forget(job.id)
        // After the export, not before: listing a folder of old exports is not the requester's wait.
        removeOldFiles(projectID: job.projectID)
    }

    /// Where a job's file stands for a reader at EOF: more may come, it is complete, or it never will be.
    enum FileState { case growing(local: Bool), complete, failed(String) }

    func state(of id: String) async throws -> FileState {
        if let local = board.progress(id) {
            if local.failed { return .failed("the export failed") }
            return local.finished ? .complete : .growing(local: true)
        }
        guard let job = try await services.exports.job(id: id) else { return .failed("export not found") }
        switch job.state {
        case .done: return .complete
        case .failed: return .failed(job.error ?? "the export failed")
        case .running:
            let silent = ISODate.millis(services.clock.now()) - job.updatedAt
            return silent > Self.staleAfterMillis ? .failed("the export stopped (its server went away)") : .growing(local: false)
        }
    }

    private func removeOldFiles(projectID: String) {
        let dir = directory(projectID: projectID)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let cutoff = Date().addingTimeInterval(-Self.keepSeconds)
        for name in names where name.hasSuffix(".zip") {
            let file = "\(dir)/\(name)"
            if let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date, modified < cutoff {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
    }

    /// With the project's export storage on (`exportStorageEnabled`, `exportStorageId`, optional
    /// `exportStorageBucket` and `exportStoragePath`), uploads the finished zip there; returns
    /// `s3://bucket/key`. A failed upload fails the job with the service's answer.
    func deliverToExportStorage(_ job: ExportJob, plan: ExportService.Plan) async throws -> String? {
        let settings = plan.project.settings
        guard settings.bool("exportStorageEnabled"), let storageID = settings.values["exportStorageId"]?.stringValue else { return nil }
        guard let (storage, credentials) = try await services.storages.unsealed(storageID, organizationID: plan.project.organizationID) else {
            throw DomainError.conflict("the project's export storage \(storageID) no longer exists")
        }
        guard let bucket = settings.values["exportStorageBucket"]?.stringValue ?? storage.bucket else {
            throw DomainError.conflict("the project's export storage has no bucket: set exportStorageBucket")
        }
        let folder = (settings.values["exportStoragePath"]?.stringValue ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let key = (folder.isEmpty ? "" : folder + "/") + "\(plan.project.id)-\(job.id).zip"
        try await S3Uploader(client: .shared).put(path: path(of: job), bucket: bucket, key: key,
                                                 signer: S3Signer(storage: storage, credentials: credentials), now: Date())
        return "s3://\(bucket)/\(key)"
    }
}

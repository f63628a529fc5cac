import GlossCore
import Synchronization

/// What this server knows of the exports it is writing right now: whether each zip is complete.
/// Downloads of local jobs read it instead of the database (whose readers a running export keeps
/// busy).
final class ExportBoard: Sendable {
    /// One running job's file.
    struct Progress: Sendable { var finished: Bool; var failed: Bool; var job: ExportJob }

    private let jobs = Mutex<[String: Progress]>([:])

    func begin(_ job: ExportJob) { jobs.withLock { $0[job.id] = Progress(finished: false, failed: false, job: job) } }
    func end(_ id: String, failed: Bool) {
        jobs.withLock { jobs in jobs[id]?.finished = true; jobs[id]?.failed = failed }
    }
    /// Forgets a finished job (its database row is the record from now on).
    func forget(_ id: String) { _ = jobs.withLock { $0.removeValue(forKey: id) } }
    /// The job's progress, if this server runs it.
    func progress(_ id: String) -> Progress? { jobs.withLock { $0[id] } }
}

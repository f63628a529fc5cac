import GlossCore
import Synchronization

/// What this server knows of the exports it is writing right now: whether each zip is complete,
/// and a counter of how often its file grew, which downloads following the file wait on.
/// Downloads of local jobs read it instead of the database (whose readers a running export keeps
/// busy).
final class ExportBoard: Sendable {
    /// One running job's file.
    struct Progress: Sendable { var finished: Bool; var failed: Bool; var job: ExportJob }

    private struct Entry {
        var progress: Progress
        /// Bumped whenever the file grows or the job ends.
        var version = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let jobs = Mutex<[String: Entry]>([:])

    func begin(_ job: ExportJob) { jobs.withLock { $0[job.id] = Entry(progress: Progress(finished: false, failed: false, job: job)) } }

    /// The job's file grew (a piece was flushed to disk).
    func grew(_ id: String) { wake(id) { _ in } }

    func end(_ id: String, failed: Bool) {
        wake(id) { entry in entry.progress.finished = true; entry.progress.failed = failed }
    }

    /// Forgets a finished job (its database row is the record from now on).
    func forget(_ id: String) {
        let waiters = jobs.withLock { $0.removeValue(forKey: id)?.waiters ?? [] }
        for waiter in waiters { waiter.resume() }
    }

    /// The job's progress, if this server runs it.
    func progress(_ id: String) -> Progress? { jobs.withLock { $0[id]?.progress } }

    /// How often the job's file has grown so far (nil when this server does not run it). Read it
    /// before reading the file, then `waitForChange(since:)` at its end: a piece flushed between
    /// the two is not missed.
    func version(_ id: String) -> Int? { jobs.withLock { $0[id]?.version } }

    /// Returns once the job's version is past `version`, or the job is no longer on the board.
    func waitForChange(_ id: String, since version: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = jobs.withLock { jobs -> Bool in
                guard let current = jobs[id]?.version, current == version else { return false }
                jobs[id]?.waiters.append(continuation)
                return true
            }
            if !waiting { continuation.resume() }
        }
    }

    private func wake(_ id: String, _ change: (inout Entry) -> Void) {
        let waiters = jobs.withLock { jobs -> [CheckedContinuation<Void, Never>] in
            guard var entry = jobs[id] else { return [] }
            change(&entry)
            entry.version += 1
            let waiters = entry.waiters
            entry.waiters = []
            jobs[id] = entry
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

import Foundation
import Logging
import SQLKit
import Synchronization

/// Group commit for the SQLite writer. A transaction that finishes while others wait for the write
/// lock does not COMMIT: it hands the still-open SQLite transaction to the next one and waits for
/// the commit that the last of the group makes. Each body runs in its own SAVEPOINT, so a failing
/// body rolls back only its own changes. Every caller returns only after its changes are committed
/// (or throws if the commit failed), exactly as with one COMMIT per transaction; concurrent writers
/// just share the commit's cost (WAL frame writes, which profiles showed as the largest part of a
/// labeling submit). Groups are capped in size and age so a steady stream still commits often.
final class GroupCommit: @unchecked Sendable {
    /// The open SQLite transaction and the callers waiting for its COMMIT. Only the write-lock
    /// holder touches `open`.
    final class Group: Sendable {
        let started = DispatchTime.now().uptimeNanoseconds
        private struct State { var members = 0; var outcome: Result<Void, any Error>?; var waiters: [CheckedContinuation<Void, any Error>] = [] }
        private let state = Mutex(State())

        var members: Int { state.withLock { $0.members } }
        func join() { state.withLock { $0.members += 1 } }

        /// Waits until the group's COMMIT finished; throws its error.
        func committed() async throws {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    if state.outcome == nil { state.waiters.append(continuation) }
                    return state.outcome
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        }

        func finish(_ outcome: Result<Void, any Error>) {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
                state.outcome = outcome
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(with: outcome) }
        }
    }

    static let maxMembers = 32
    static let maxAgeNanoseconds: UInt64 = 1_000_000

    private var open: Group?
    private var savepoints = 0
    let lock = AsyncLock()
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// Runs `body` in the shared transaction; see the type's comment.
    func transaction<T>(on db: any SQLDatabase, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await lock.lock()
        let group: Group
        do {
            if let existing = open { group = existing } else {
                try await db.raw("BEGIN IMMEDIATE").run()
                group = Group()
                open = group
            }
        } catch {
            lock.unlock()
            throw error
        }
        // The group's first body needs no savepoint: if it fails, the whole (empty) transaction
        // is rolled back and the next writer begins a new one.
        let first = group.members == 0
        savepoints += 1
        let savepoint = "g\(savepoints)"
        let outcome: Result<T, any Error>
        do {
            if !first { try await db.raw(SQLQueryString("SAVEPOINT \(savepoint)")).run() }
            let value = try await body(db)
            if !first { try await db.raw(SQLQueryString("RELEASE \(savepoint)")).run() }
            group.join()
            outcome = .success(value)
        } catch {
            do {
                if first {
                    try await db.raw("ROLLBACK").run()
                    open = nil
                    savepoints = 0
                } else {
                    try await db.raw(SQLQueryString("ROLLBACK TO \(savepoint)")).run()
                    try await db.raw(SQLQueryString("RELEASE \(savepoint)")).run()
                }
            } catch let rollback {
                logger.error("rollback failed: \(rollback)")
            }
            if first {
                group.finish(.success(()))
                lock.unlock()
                throw error
            }
            outcome = .failure(error)
        }
        let age = DispatchTime.now().uptimeNanoseconds - group.started
        if lock.hasWaiters, group.members < Self.maxMembers, age < Self.maxAgeNanoseconds {
            // Someone else will commit; our result stands once they have.
            lock.unlock()
            if case .success = outcome { try await group.committed() }
            return try outcome.get()
        }
        open = nil
        savepoints = 0
        let committed: Result<Void, any Error>
        do {
            try await db.raw("COMMIT").run()
            committed = .success(())
        } catch {
            do { try await db.raw("ROLLBACK").run() } catch { logger.error("rollback failed: \(error)") }
            committed = .failure(error)
        }
        group.finish(committed)
        lock.unlock()
        try committed.get()
        return try outcome.get()
    }

    /// Commits a group left open (shutdown); the caller holds the lock.
    func flush(on db: any SQLDatabase) async {
        guard let group = open else { return }
        open = nil
        do {
            try await db.raw("COMMIT").run()
            group.finish(.success(()))
        } catch {
            group.finish(.failure(error))
        }
    }
}

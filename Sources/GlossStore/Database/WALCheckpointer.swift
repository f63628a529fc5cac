import Foundation

/// Checkpoints the WAL from its own connection and thread. SQLite's automatic checkpoint runs
/// inside whichever commit crosses the threshold, stalling that request for milliseconds (the p99
/// of labeling submits); here the writer never checkpoints and this thread copies committed pages
/// into the database file in the background (PASSIVE: it never blocks the writer or readers).
final class WALCheckpointer: @unchecked Sendable {
    /// WAL size (in 4 KiB frames) past which the log is restarted: 16 MiB. A small log is
    /// rewritten in place, in pages the kernel already has; a growing one costs every commit
    /// block allocation in the file system (`ext4_da_write_begin` was 5% of a submit at 128 MiB).
    static let restartFrames: Int64 = 4096
    /// A log shorter than this (4 MiB) is left alone, see `WALFrameCounter`.
    static let checkpointFrames = 1024
    private let connection: DirectSQLiteConnection
    private let frames: WALFrameCounter
    private let condition = NSCondition()
    private var stopped = false
    private var thread: Thread?

    init(path: String, frames: WALFrameCounter, interval: TimeInterval = 0.2) throws {
        connection = try DirectSQLiteConnection(path: path, readOnly: false)
        self.frames = frames
        let thread = Thread { [self] in run(interval: interval) }
        thread.name = "gloss-wal-checkpoint"
        self.thread = thread
        thread.start()
    }

    private func run(interval: TimeInterval) {
        condition.lock()
        while !stopped {
            condition.unlock()
            checkpointIfDue()
            condition.lock()
            if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
        }
        condition.unlock()
    }

    /// Checkpoints when the log has reached `checkpointFrames`; returns whether it did.
    @discardableResult
    func checkpointIfDue() -> Bool {
        guard frames.current >= Self.checkpointFrames else { return false }
        checkpoint()
        return true
    }

    private func checkpoint() {
        connection.lock.lock()
        // Errors (busy, closed) are left for the next round; the WAL only grows meanwhile.
        let frames = (try? connection.query("PRAGMA wal_checkpoint(PASSIVE)", []))?.first.flatMap { row -> Int64? in
            if case .int(let log)? = row.values.dropFirst().first { return log }
            return nil
        } ?? 0
        // Under a steady stream of commits the log is never fully copied between two commits,
        // so SQLite never starts it over and the file keeps growing (the kernel zeroing new
        // pages showed in profiles). Past `restartFrames`, a RESTART checkpoint briefly holds
        // off writers, copies the few frames PASSIVE left, and makes the next commit reuse the
        // file from its start.
        if frames > Self.restartFrames { try? connection.execute("PRAGMA wal_checkpoint(RESTART)") }
        connection.lock.unlock()
    }

    /// Stops the thread (after its current checkpoint) and closes the connection.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
        connection.close()
    }
}

import Synchronization
import VaporCSQLite

/// How many frames the WAL holds, as the writer connection reports after each commit (SQLite's
/// WAL hook). The checkpointer reads it to leave a small log alone: every checkpoint that copies
/// the whole log makes the next commit start the log over, and SQLite syncs the WAL header to
/// disk when it does, so checkpointing after every idle moment put an fsync into the first write
/// that followed it.
final class WALFrameCounter: Sendable {
    private let frames = Atomic<Int>(0)

    /// Frames in the WAL after the last commit.
    var current: Int { frames.load(ordering: .relaxed) }

    /// Starts counting the commits of `connection` (replaces SQLite's automatic checkpoints,
    /// which the writer has off anyway).
    func observe(_ connection: DirectSQLiteConnection) {
        connection.setWALHook(Unmanaged.passUnretained(self).toOpaque()) { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<WALFrameCounter>.fromOpaque(context).takeUnretainedValue().frames.store(Int(frames), ordering: .relaxed)
            return SQLITE_OK
        }
    }
}

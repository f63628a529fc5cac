import Foundation
import Testing
@testable import GlossStore

@Suite("WAL checkpoints")
struct WALCheckpointTests {
    @Test("a small log is left alone, so commits append to it; a big one is copied and the next commit starts it over")
    func smallLogsAreLeftAlone() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-wal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/wal.sqlite"
        let writer = try DirectSQLiteConnection(path: path, readOnly: false)
        defer { writer.close() }
        try writer.execute("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t (x)")
        let frames = WALFrameCounter()
        frames.observe(writer)
        try writer.execute("INSERT INTO t VALUES (1)")
        let first = frames.current
        #expect(first > 0)

        let checkpointer = try WALCheckpointer(path: path, frames: frames, interval: 3600)
        defer { checkpointer.stop() }
        #expect(checkpointer.checkpointIfDue() == false)
        try writer.execute("INSERT INTO t VALUES (2)")
        #expect(frames.current > first)

        while frames.current < WALCheckpointer.checkpointFrames {
            try writer.execute("INSERT INTO t VALUES (randomblob(4000))")
        }
        #expect(checkpointer.checkpointIfDue() == true)
        try writer.execute("INSERT INTO t VALUES (3)")
        #expect(frames.current < first + 8)
    }
}

import Foundation
import Hummingbird
import NIOCore

/// Reads an export's zip from the start while it may still be growing (it is only ever
/// appended to), and ends when its job says the file is complete.
struct ExportFileFollower: Sendable {
    let path: String
    let jobID: String
    let jobs: ExportJobs
    /// How long to wait at the end of a growing file before looking again, for a job on another
    /// server (looked up in the database). A local job wakes its followers when the file grows.
    static let remotePause: Duration = .milliseconds(100)
    static let chunk = 1 << 18

    func currentSize() -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
    }

    func stream(to writer: inout any ResponseBodyWriter) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ExportFileMissing(path: path) }
        defer { try? handle.close() }
        var sawComplete = false
        while true {
            // Read before the file: a piece flushed after the read below then shows as a change.
            let seen = jobs.board.version(jobID)
            let data = try handle.read(upToCount: Self.chunk) ?? Data()
            if !data.isEmpty {
                try await writer.write(ByteBuffer(bytes: data))
                continue
            }
            // End of what is on disk: finished (after one more read past the final flush), or wait.
            if sawComplete { return }
            switch try await jobs.state(of: jobID) {
            case .complete: sawComplete = true
            case .failed(let reason): throw ExportFileMissing(path: reason)
            case .growing(local: true): await jobs.board.waitForChange(jobID, since: seen ?? 0)
            case .growing(local: false): try await Task.sleep(for: Self.remotePause)
            }
        }
    }
}

/// The zip is gone or its export failed mid-stream: the connection is cut, so the client
/// sees an incomplete download instead of a truncated "valid" file.
struct ExportFileMissing: Error { let path: String }

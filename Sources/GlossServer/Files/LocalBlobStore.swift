import Foundation
import GlossCore
import Hummingbird
import NIOCore
import NIOPosix

/// Files in a local directory (`<data-dir>/files/<project>/<type>/<name>`). Writes go to a
/// temporary file first and are renamed into place, so a reader never sees half a file.
struct LocalBlobStore: Sendable {
    let root: String

    func filePath(_ key: FileKey) -> String { "\(root)/\(key.project)/\(key.type)/\(key.name)" }

    /// Streams `body` to the file; more than `limit` bytes is a 413 and leaves nothing behind.
    func write(_ key: FileKey, body: RequestBody, limit: Int) async throws -> Int {
        let directory = "\(root)/\(key.project)/\(key.type)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(directory)/.upload-\(ObjectID.randomHex(bytes: 8))"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw DomainError.conflict("cannot write the file")
        }
        var written = 0
        do {
            for try await buffer in body {
                written += buffer.readableBytes
                guard written <= limit else { throw DomainError.tooLarge("file is larger than \(limit) bytes") }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
            try handle.close()
            _ = try? FileManager.default.removeItem(atPath: filePath(key))
            try FileManager.default.moveItem(atPath: temporary, toPath: filePath(key))
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return written
    }

    func exists(_ key: FileKey) -> Bool { FileManager.default.fileExists(atPath: filePath(key)) }
}

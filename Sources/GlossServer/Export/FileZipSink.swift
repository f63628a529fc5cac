import Foundation

/// A zip sink onto a file, written in 64 KiB chunks (and whenever `flush` is called), so downloads
/// following a running export read what is on disk.
final class FileZipSink: ZipSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    // Small chunks: a download following a running export gets its first bytes early.
    private static let chunk = 1 << 16

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        buffer.reserveCapacity(Self.chunk + (1 << 16))
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }
}

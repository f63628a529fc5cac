import Foundation

/// A zip sink onto a file, written in 64 KiB chunks. After each chunk `onFlush` hears the file's
/// length, which is how downloads of a running export know how far they may read.
final class FileZipSink: ZipSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var written: Int64 = 0
    private let onFlush: (Int64) -> Void
    // Small chunks: a download following a running export gets its first bytes early.
    private static let chunk = 1 << 16

    /// Creates (or truncates) the file at `path`.
    init(path: String, onFlush: @escaping (Int64) -> Void = { _ in }) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        self.onFlush = onFlush
        buffer.reserveCapacity(Self.chunk + (1 << 16))
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        written += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        onFlush(written)
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }
}

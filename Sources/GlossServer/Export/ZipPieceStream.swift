import CZlib
import GlossCore
import Synchronization

/// One export piece for a zip member, prepared as its parts arrive: each part is checksummed and
/// deflated at once. The piece is a raw deflate stream of its own ended by a sync flush (whole
/// byte-aligned blocks, no back-references outside the piece), so pieces prepared apart, on any
/// thread, join into one member. Level 0 keeps the bytes as they are.
final class ZipPieceStream: ExportPieceStream {
    private let level: Int32
    private var crc: UInt32 = 0
    private var rawCount = 0
    private var deflater: Deflater?
    private var output: [UInt8] = []

    init(level: Int32) { self.level = level }

    func append(_ part: UnsafeBufferPointer<UInt8>) throws {
        guard !part.isEmpty else { return }
        crc = ZipStreamWriter.crc(crc, part)
        rawCount += part.count
        guard level > 0 else { output.append(contentsOf: part); return }
        let deflater = try self.deflater ?? Self.idleDeflater(level: level)
        self.deflater = deflater
        try deflater.deflate(part, flush: .none, into: &output)
    }

    func finish() throws -> PreparedPiece {
        if let deflater {
            try deflater.deflate(UnsafeBufferPointer(start: nil, count: 0), flush: .sync, into: &output)
            try deflater.reset()
            Self.putBack(deflater, level: level)
            self.deflater = nil
        }
        return PreparedPiece(bytes: output, checksum: crc, rawCount: rawCount)
    }

    /// Idle zlib streams per level, reset and reused from piece to piece: a new stream allocates
    /// ~256 KB, which a fresh process faults in page by page (~5 µs a page on the VMs measured).
    private static let idle = Mutex<[Int32: [Deflater]]>([:])
    /// At most this many idle streams are kept per level (three workers, plus one).
    private static let keep = 4

    private static func idleDeflater(level: Int32) throws -> Deflater {
        try idle.withLock { $0[level]?.popLast() } ?? Deflater(level: level)
    }

    private static func putBack(_ deflater: Deflater, level: Int32) {
        idle.withLock { streams in if streams[level, default: []].count < keep { streams[level, default: []].append(deflater) } }
    }
}

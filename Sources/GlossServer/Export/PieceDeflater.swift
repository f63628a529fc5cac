import Synchronization

/// Deflates whole export pieces, each as a fresh raw deflate stream ended by a sync flush (whole
/// byte-aligned blocks, no back-references outside the piece), so pieces deflated apart, on any
/// thread, join into one zip member.
enum PieceDeflater {
    /// Idle zlib streams per level, reset and reused from piece to piece: a new stream allocates
    /// ~256 KB, which a fresh process faults in page by page (~5 µs a page on the VMs measured).
    private static let idle = Mutex<[Int32: [Deflater]]>([:])
    /// At most this many idle streams are kept per level (three workers, plus one).
    private static let keep = 4

    /// `raw` deflated at `level` (1-9).
    static func deflate(_ raw: UnsafeBufferPointer<UInt8>, level: Int32) throws -> [UInt8] {
        guard !raw.isEmpty else { return [] }
        let deflater = try idle.withLock { $0[level]?.popLast() } ?? Deflater(level: level)
        let compressed = try deflater.deflate(raw, flush: .sync)
        try deflater.reset()
        idle.withLock { streams in if streams[level, default: []].count < keep { streams[level, default: []].append(deflater) } }
        return compressed
    }
}

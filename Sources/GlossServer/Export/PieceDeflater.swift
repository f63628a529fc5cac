import CLibDeflate
import Synchronization

/// Deflates whole export pieces with libdeflate, each ended by a sync flush (no final block, then
/// an empty stored block), so pieces deflated apart, on any thread, join into one zip member.
/// libdeflate's level 1 is ~20% faster than zlib's on export JSON at the same ratio.
enum PieceDeflater {
    /// A compressor and its scratch output, reused from piece to piece: allocating them per piece
    /// would fault in fresh memory every time.
    private final class Worker: @unchecked Sendable {
        let compressor: OpaquePointer
        var scratch: UnsafeMutableRawBufferPointer

        init?(level: Int32) {
            guard let compressor = libdeflate_alloc_compressor(level) else { return nil }
            self.compressor = compressor
            scratch = .allocate(byteCount: 1 << 16, alignment: 16)
        }

        deinit {
            libdeflate_free_compressor(compressor)
            scratch.deallocate()
        }

        func deflate(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
            let bound = libdeflate_deflate_compress_bound(compressor, raw.count) + 16
            if scratch.count < bound {
                scratch.deallocate()
                scratch = .allocate(byteCount: bound, alignment: 16)
            }
            let written = gloss_libdeflate_deflate_compress_sync(compressor, raw.baseAddress, raw.count, scratch.baseAddress, scratch.count)
            guard written > 0 else { return nil }
            return [UInt8](UnsafeRawBufferPointer(rebasing: scratch[0..<written]))
        }
    }

    /// Idle workers per level; at most `keep` of each are kept.
    private static let idle = Mutex<[Int32: [Worker]]>([:])
    private static let keep = 4

    /// `raw` deflated at `level` (1-9) as whole byte-aligned blocks ending in a sync flush.
    static func deflate(_ raw: UnsafeBufferPointer<UInt8>, level: Int32) throws -> [UInt8] {
        guard !raw.isEmpty else { return [] }
        let worker = idle.withLock { $0[level]?.popLast() } ?? Worker(level: level)
        guard let worker else { throw ZipError.deflate("libdeflate has no compressor for level \(level)") }
        defer { idle.withLock { workers in if workers[level, default: []].count < keep { workers[level, default: []].append(worker) } } }
        guard let compressed = worker.deflate(raw) else {
            throw ZipError.deflate("libdeflate could not deflate a piece of \(raw.count) bytes")
        }
        return compressed
    }
}

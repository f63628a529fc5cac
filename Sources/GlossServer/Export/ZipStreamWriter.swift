import CGlossCRC
import CZlib
import Foundation
import GlossCore

/// Writes a zip archive front to back without seeking, so it can be streamed while it grows:
/// each member's sizes and CRC follow its data in a data descriptor, and the central directory
/// comes last. Members are deflated (or stored, at level 0). Zip64 records are used where sizes
/// or offsets pass 4 GiB, so exports of any size open in Python's `zipfile` and `unzip`.
final class ZipStreamWriter: ExportOutput {
    private let sink: any ZipSink
    private let level: Int32
    private var entries: [ZipEntry] = []
    private var current: ZipEntry?
    private var deflater: Deflater?
    /// Bytes of the archive written so far.
    private(set) var offset: UInt64 = 0

    /// A writer onto `sink`; `level` 0 stores, 1–9 deflate (1 is fastest).
    init(sink: any ZipSink, level: Int = 1) {
        self.sink = sink
        self.level = Int32(max(0, min(9, level)))
    }

    func startFile(_ name: String) throws {
        try endFile()
        var entry = ZipEntry(name: name, offset: offset, method: level == 0 ? 0 : 8)
        entry.dosTime = ZipEntry.dosDateTime(Date())
        try emit(ZipRecords.localHeader(entry))
        if level > 0 { deflater = try Deflater(level: level) }
        current = entry
    }

    func write(_ bytes: [UInt8]) throws {
        guard var entry = current else { throw ZipError.noOpenFile }
        guard !bytes.isEmpty else { return }
        entry.crc = bytes.withUnsafeBufferPointer { buffer in
            Self.crc(entry.crc, buffer)
        }
        entry.size += UInt64(bytes.count)
        if let deflater {
            let compressed = try deflater.deflate(bytes, flush: .none)
            entry.compressedSize += UInt64(compressed.count)
            try emit(compressed)
        } else {
            entry.compressedSize += UInt64(bytes.count)
            try emit(bytes)
        }
        current = entry
    }

    /// Pieces are deflated on their own (a fresh stream ended by a sync flush, so they are whole
    /// byte-aligned deflate blocks with no back-references outside themselves) and checksummed,
    /// on whatever thread prepares them; `write(prepared:)` splices them into the member.
    var preparer: ExportPiecePreparer {
        let level = self.level
        return ExportPiecePreparer { ZipPieceStream(level: level) }
    }

    func write(prepared piece: PreparedPiece) throws {
        guard var entry = current else { throw ZipError.noOpenFile }
        guard piece.rawCount > 0 else { return }
        if let deflater {
            // The member's own stream is brought to a block boundary and forgets its history, so
            // the spliced blocks neither split its output nor sit inside its back-references.
            let flushed = try deflater.flushAndReset()
            entry.compressedSize += UInt64(flushed.count)
            try emit(flushed)
        }
        entry.crc = UInt32(crc32_combine(UInt(entry.crc), UInt(piece.checksum), Int(piece.rawCount)))
        entry.size += UInt64(piece.rawCount)
        entry.compressedSize += UInt64(piece.bytes.count)
        try emit(piece.bytes)
        current = entry
    }

    /// `crc` advanced over `bytes`: the bulk with carry-less multiplication where the CPU has it
    /// (zlib's table-driven crc32 was a fifth of the zip's cost), the rest with zlib.
    static func crc(_ crc: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        var value = crc
        let done = gloss_crc32_fold(&value, base, bytes.count)
        return UInt32(crc32(UInt(value), base + done, UInt32(bytes.count - done)))
    }

    /// Ends the last member and writes the central directory. Call once, after the last write.
    func finish() throws {
        try endFile()
        let directoryOffset = offset
        for entry in entries { try emit(ZipRecords.centralHeader(entry)) }
        try emit(ZipRecords.end(entries: entries.count, directoryOffset: directoryOffset, directorySize: offset - directoryOffset))
        try sink.flush()
    }

    private func endFile() throws {
        guard var entry = current else { return }
        if let deflater {
            let tail = try deflater.deflate([], flush: .finish)
            entry.compressedSize += UInt64(tail.count)
            try emit(tail)
            self.deflater = nil
        }
        try emit(ZipRecords.dataDescriptor(entry))
        entries.append(entry)
        current = nil
    }

    private func emit(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        offset += UInt64(bytes.count)
    }
}

/// Where a zip goes.
protocol ZipSink: AnyObject {
    /// Appends bytes.
    func write(_ bytes: [UInt8]) throws
    /// Pushes buffered bytes out.
    func flush() throws
}

enum ZipError: Error, CustomStringConvertible {
    case noOpenFile, zlib(Int32)
    var description: String {
        switch self {
        case .noOpenFile: return "zip: write before startFile"
        case .zlib(let code): return "zlib error \(code)"
        }
    }
}

/// A raw-deflate stream (zip members carry no zlib header). Used by one thread at a time (pooled
/// streams are handed out under a lock), hence unchecked.
final class Deflater: @unchecked Sendable {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32) throws {
        let status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ZipError.zlib(status) }
    }

    deinit { deflateEnd(&stream) }

    /// How much of the stream a call pushes out: as zlib likes, up to a byte-aligned block
    /// boundary, or the end of the stream.
    enum Flush { case none, sync, finish }

    /// Whether input went in since the stream began or was last reset.
    private(set) var hasInput = false

    /// Compresses `input`, then flushes as asked.
    func deflate(_ input: [UInt8], flush: Flush) throws -> [UInt8] {
        var result: [UInt8] = []
        try input.withUnsafeBufferPointer { try deflate($0, flush: flush, into: &result) }
        return result
    }

    /// Compresses `inBuffer`, then flushes as asked; what comes out is appended to `result`.
    func deflate(_ inBuffer: UnsafeBufferPointer<UInt8>, flush: Flush, into result: inout [UInt8]) throws {
        let mode = switch flush { case .none: Z_NO_FLUSH; case .sync: Z_SYNC_FLUSH; case .finish: Z_FINISH }
        if !inBuffer.isEmpty { hasInput = true }
        // zlib reads the input only (`next_in` is not const for old C compilers): no copy needed.
        stream.next_in = inBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
        stream.avail_in = UInt32(inBuffer.count)
        while true {
            let produced = try output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                let status = CZlib.deflate(&stream, mode)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw ZipError.zlib(status) }
                return outBuffer.count - Int(stream.avail_out)
            }
            result.append(contentsOf: output[0..<produced])
            // Done when the input is used up and zlib had room to spare (or, finishing, ended the stream).
            if stream.avail_out != 0 && stream.avail_in == 0 { break }
        }
        stream.next_in = nil
    }

    /// Sync-flushes what the stream holds and starts it afresh (no history); nothing when no
    /// input went in since the last reset.
    func flushAndReset() throws -> [UInt8] {
        guard hasInput else { return [] }
        let flushed = try deflate([], flush: .sync)
        try reset()
        return flushed
    }

    /// Starts the stream afresh (no history), keeping its memory.
    func reset() throws {
        guard deflateReset(&stream) == Z_OK else { throw ZipError.zlib(Z_STREAM_ERROR) }
        hasInput = false
    }
}

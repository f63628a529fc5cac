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
            UInt32(crc32(UInt(entry.crc), buffer.baseAddress, UInt32(buffer.count)))
        }
        entry.size += UInt64(bytes.count)
        if let deflater {
            let compressed = try deflater.deflate(bytes, finish: false)
            entry.compressedSize += UInt64(compressed.count)
            try emit(compressed)
        } else {
            entry.compressedSize += UInt64(bytes.count)
            try emit(bytes)
        }
        current = entry
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
            let tail = try deflater.deflate([], finish: true)
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

/// A raw-deflate stream (zip members carry no zlib header).
final class Deflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32) throws {
        let status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ZipError.zlib(status) }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input`; with `finish` also flushes the end of the stream.
    func deflate(_ input: [UInt8], finish: Bool) throws -> [UInt8] {
        var result: [UInt8] = []
        // zlib reads the input only (`next_in` is not const for old C compilers): no copy needed.
        try input.withUnsafeBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let produced = try output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = CZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw ZipError.zlib(status) }
                    return outBuffer.count - Int(stream.avail_out)
                }
                result.append(contentsOf: output[0..<produced])
                // Done when the input is used up and zlib had room to spare (or, finishing, ended the stream).
                if stream.avail_out != 0 && stream.avail_in == 0 { break }
            }
            stream.next_in = nil
        }
        return result
    }
}

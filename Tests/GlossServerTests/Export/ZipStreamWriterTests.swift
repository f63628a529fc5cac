import Foundation
import GlossCore
import Testing
@testable import GlossServer

/// A sink that keeps the archive in memory.
private final class MemorySink: ZipSink {
    var bytes: [UInt8] = []
    func write(_ more: [UInt8]) throws { bytes += more }
    func flush() throws {}
}

@Suite("Zip writer: pieces deflated apart and spliced in")
struct ZipStreamWriterTests {
    /// Text that compresses with back-references, so a wrong splice would decode to other bytes.
    static func piece(_ n: Int) -> [UInt8] {
        Array((0..<400).map { i in "{\"task\":\(n),\"row\":\(i),\"answer\":\"box box box \(i % 7)\"}" }.joined(separator: ",").utf8)
    }

    @Test("plain writes and prepared pieces, mixed, read back as the same bytes", arguments: [1, 0])
    func mixedWrites(level: Int) throws {
        let sink = MemorySink()
        let zip = ZipStreamWriter(sink: sink, level: level)
        var expected: [UInt8] = []
        func plain(_ text: String) throws { try zip.write(Array(text.utf8)); expected += Array(text.utf8) }
        // Pieces are prepared out of order and on other threads in real exports; here apart from the writer.
        let pieces = try (0..<4).map { try zip.preparer.prepare(Self.piece($0)) }
        try zip.startFile("export.json")
        try plain("[")
        for (i, piece) in pieces.enumerated() {
            if i > 0 { try plain(",") }
            try zip.write(prepared: piece)
            expected += Self.piece(i)
        }
        try plain("]")
        try zip.startFile("second.txt")
        try zip.write(prepared: try zip.preparer.prepare(Array("only a piece".utf8)))
        try zip.finish()

        let archive = try ZipReader(sink.bytes)
        #expect(archive.members.map(\.name) == ["export.json", "second.txt"])
        #expect(archive.members[0].bytes == expected)
        #expect(archive.text("second.txt") == "only a piece")
        if level > 0 { #expect(sink.bytes.count < expected.count / 4, "the pieces are compressed") }
    }

    @Test("pieces of every size class, tiny to over a stored block, incompressible too, deflated by reused streams, join into one stream")
    func pieceSizes() throws {
        var random = SystemRandomNumberGenerator()
        let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let text = Array(String(repeating: "{\"tools\":[{\"x\":12,\"y\":40}],\"relations\":[]},", count: 10_000).utf8)
        let pieces: [[UInt8]] = [1, 2, 7, 54, 55, 56, 300, 65_535, 70_000].map { Array(text.prefix($0)) } + [noise, text, Array(noise.prefix(3))]
        var stream: [UInt8] = [], expected: [UInt8] = []
        for level: Int32 in [1, 6] {
            // Each piece whole, then in parts of 7 bytes and of 64 KiB, through the same pooled streams.
            for partSize in [Int.max, 7, 1 << 16] {
                for piece in pieces {
                    let deflater = ZipPieceStream(level: level)
                    var start = 0
                    while start < piece.count {
                        let end = start + min(partSize, piece.count - start)
                        try piece[start..<end].withUnsafeBufferPointer { try deflater.append($0) }
                        start = end
                    }
                    let prepared = try deflater.finish()
                    #expect(Array(prepared.bytes.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF], "each piece ends in a sync flush")
                    #expect(prepared.rawCount == piece.count)
                    #expect(prepared.checksum == ZipStreamWriter.crc(of: piece))
                    stream += prepared.bytes; expected += piece
                }
            }
        }
        stream += [0x03, 0x00]  // an empty final block (fixed Huffman, end of block) ends the stream
        #expect(try ZipReader.inflate(stream, size: expected.count) == expected)
    }
}

extension ExportPiecePreparer {
    /// The piece made of `bytes` in one part.
    func prepare(_ bytes: [UInt8]) throws -> PreparedPiece {
        let stream = try start()
        try bytes.withUnsafeBufferPointer { try stream.append($0) }
        return try stream.finish()
    }
}

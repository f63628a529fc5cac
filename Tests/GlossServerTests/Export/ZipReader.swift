import CZlib
import Foundation

/// A minimal zip reader for tests: the central directory (zip64 aware), then each member
/// inflated with zlib. Independent of the writer's code, so it checks the format, not itself.
struct ZipReader {
    struct Member { let name: String; let bytes: [UInt8] }
    struct Bad: Error, CustomStringConvertible { let description: String }

    let members: [Member]

    init(_ zip: [UInt8]) throws {
        func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> Int { u32(at) | u32(at + 4) << 32 }
        guard zip.count >= 22, let eocd = stride(from: zip.count - 22, through: 0, by: -1).first(where: { at in u32(at) == 0x0605_4b50 }) else {
            throw Bad(description: "no end of central directory")
        }
        var count = u16(eocd + 10)
        var cursor = u32(eocd + 16)
        if cursor == 0xFFFF_FFFF || count == 0xFFFF {
            let locator = eocd - 20
            guard locator >= 0, u32(locator) == 0x0706_4b50 else { throw Bad(description: "zip64 locator missing") }
            let record = u64(locator + 8)
            count = u64(record + 32)
            cursor = u64(record + 48)
        }
        var members: [Member] = []
        for _ in 0..<count {
            guard u32(cursor) == 0x0201_4b50 else { throw Bad(description: "bad central header at \(cursor)") }
            let method = u16(cursor + 10)
            let crc = UInt32(u32(cursor + 16))
            var compressed = u32(cursor + 20), size = u32(cursor + 24)
            let nameLength = u16(cursor + 28), extraLength = u16(cursor + 30), commentLength = u16(cursor + 32)
            var offset = u32(cursor + 42)
            let name = String(decoding: zip[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            var extra = cursor + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(extra), length = u16(extra + 2)
                if id == 1 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF { size = u64(field); field += 8 }
                    if compressed == 0xFFFF_FFFF { compressed = u64(field); field += 8 }
                    if offset == 0xFFFF_FFFF { offset = u64(field) }
                }
                extra += 4 + length
            }
            guard u32(offset) == 0x0403_4b50 else { throw Bad(description: "bad local header for \(name)") }
            let dataStart = offset + 30 + u16(offset + 26) + u16(offset + 28)
            let data = Array(zip[dataStart..<(dataStart + compressed)])
            let bytes = method == 0 ? data : try Self.inflate(data, size: size)
            guard bytes.count == size else { throw Bad(description: "\(name): \(bytes.count) bytes, directory says \(size)") }
            let actual = bytes.withUnsafeBufferPointer { b in UInt32(crc32(0, b.baseAddress, UInt32(b.count))) }
            guard actual == crc else { throw Bad(description: "\(name): CRC mismatch") }
            members.append(Member(name: name, bytes: bytes))
            cursor += 46 + nameLength + extraLength + commentLength
        }
        self.members = members
    }

    /// The text of the member called `name`.
    func text(_ name: String) -> String? { members.first { m in m.name == name }.map { m in String(decoding: m.bytes, as: UTF8.self) } }

    static func inflate(_ data: [UInt8], size: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Bad(description: "inflateInit") }
        defer { inflateEnd(&stream) }
        var input = data
        var output = [UInt8](repeating: 0, count: max(size, 1))
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress; stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress; stream.avail_out = UInt32(outBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Bad(description: "inflate: \(status)") }
        return Array(output[0..<Int(stream.total_out)])
    }
}

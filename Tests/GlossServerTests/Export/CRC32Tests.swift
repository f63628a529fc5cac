import CGlossCRC
import CZlib
import Testing
@testable import GlossServer

@Suite("Zip CRC-32")
struct CRC32Tests {
    /// Deterministic bytes (xorshift), so a failure can be replayed.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    static func zlib(_ crc: UInt32, _ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(UInt(crc), $0.baseAddress, UInt32($0.count))) }
    }

    @Test("equals zlib's crc32 for every length up to 700 bytes, at unaligned starts, from any running value, and for 3 MB")
    func matchesZlib() {
        let data = Self.bytes(3 << 20, seed: 42)
        var mismatches: [String] = []
        for length in 0...700 {
            for start in 0..<3 {
                let slice = data[start..<(start + length)]
                let running = UInt32(truncatingIfNeeded: length &* 2_654_435_761)
                let ours = slice.withUnsafeBufferPointer { ZipStreamWriter.crc(running, $0) }
                if ours != Self.zlib(running, slice) { mismatches.append("length \(length) at \(start)") }
            }
        }
        #expect(mismatches.isEmpty)
        #if arch(x86_64)
        // The comparisons above went through the carry-less path (x86-64 CPUs have had it since 2010).
        var probe: UInt32 = 0
        #expect(data.withUnsafeBufferPointer { gloss_crc32_fold(&probe, $0.baseAddress, 100) } == 96)
        #endif
        #expect(ZipStreamWriter.crc(of: data) == Self.zlib(0, data[...]))
        // The known check value of CRC-32 ("123456789" -> cbf43926), padded past the fast path's minimum.
        let text = Array(String(repeating: "123456789", count: 1).utf8)
        #expect(ZipStreamWriter.crc(of: text) == 0xCBF4_3926)
        let long = Array(String(repeating: "0123456789abcdef", count: 40).utf8)
        #expect(ZipStreamWriter.crc(of: long) == Self.zlib(0, long[...]))
    }
}

extension ZipStreamWriter {
    /// The CRC-32 of a whole array.
    static func crc(of bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBufferPointer { crc(0, $0) } }
}

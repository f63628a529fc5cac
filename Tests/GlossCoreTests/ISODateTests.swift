import Foundation
@testable import GlossCore
import Testing

@Suite("ISODate")
struct ISODateTests {
    @Test("format writes UTC with milliseconds and Z", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_736_937_000_123, "2025-01-15T10:30:00.123Z"),
        (1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (951_868_800_000, "2000-03-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-14_182_940_000, "1969-07-20T20:17:40.000Z"),
        (-2_208_988_800_000, "1900-01-01T00:00:00.000Z"),
    ])
    func format(millis: Int64, text: String) {
        #expect(ISODate.format(millis: millis) == text)
        #expect(ISODate.parseMillis(text) == millis)
    }

    @Test("format then parse gives the same milliseconds, across negative epochs and leap days",
          arguments: [Int64(-86_400_001), -1_000, -999, -1, 0, 1, 999, 1_000, 1_709_208_000_500, 4_102_444_799_999, 253_402_300_799_999])
    func roundTrip(millis: Int64) {
        #expect(ISODate.parseMillis(ISODate.format(millis: millis)) == millis)
    }

    @Test("offsets are applied; dates alone mean midnight UTC; space and missing seconds are accepted", arguments: [
        ("2025-01-15T12:30:00+02:00", Int64(1_736_937_000_000)),
        ("2025-01-15T05:00:00-05:30", 1_736_937_000_000),
        ("2025-01-15T10:30:00.000+00:00", 1_736_937_000_000),
        ("2025-01-15 10:30:00Z", 1_736_937_000_000),
        ("2025-01-15T10:30", 1_736_937_000_000),
        ("2025-01-15T10:30:00.1Z", 1_736_937_000_100),
        ("2025-01-15T10:30:00.123999Z", 1_736_937_000_123),
        ("2024-02-29", 1_709_164_800_000),
        ("2024-03-01T01:00:00+02:00", 1_709_247_600_000),
    ] as [(String, Int64)])
    func parseVariants(text: String, millis: Int64) {
        #expect(ISODate.parseMillis(text) == millis)
    }

    @Test("non-ISO text gives nil", arguments: [
        "", "2025", "2025-1-15", "2025-00-10", "2025-01-00", "2025-01-15T", "2025-01-15T10", "2025-01-15T10:30:00.",
        "2025-01-15T24:00:00Z", "2025-01-15T10:60:00Z", "2025-01-15T10:30:00+2", "2025-01-15T10:30:00Zjunk", "15/01/2025",
    ])
    func rejects(text: String) {
        #expect(ISODate.parseMillis(text) == nil)
    }

    @Test("millis(Date) rounds to the nearest millisecond")
    func millisOfDate() {
        #expect(ISODate.millis(Date(timeIntervalSince1970: 2.0007)) == 2001)
        #expect(ISODate.millis(Date(timeIntervalSince1970: -1.5)) == -1500)
    }
}

@Suite("ISODate.appendQuoted")
struct ISODateAppendTests {
    @Test("writes the same text as format, quoted", arguments: [Int64(0), 1_750_000_000_123, -86_400_001, 951_782_400_000, 253_402_300_799_999])
    func sameAsFormat(millis: Int64) {
        var bytes: [UInt8] = []
        ISODate.appendQuoted(millis: millis, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\"" + ISODate.format(millis: millis) + "\"")
    }
}

@Suite("Export byte writers")
struct ExportByteWriterTests {
    @Test("appendQuoted writes the same text as format, quoted, for dates before and after 1970 and around leap days")
    func quotedDates() {
        let samples: [Int64] = [0, -1, 1, 999, 86_399_999, 951_782_400_000, 951_868_799_999, 1_709_164_800_123, -2_208_988_800_000,
                                253_402_300_799_999, 1_764_374_400_000 + 12_345]
        for millis in samples {
            var bytes: [UInt8] = []
            ISODate.appendQuoted(millis: millis, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "\"" + ISODate.format(millis: millis) + "\"")
        }
    }

    @Test("int writes every digit of zero, small, large and negative numbers")
    func integers() {
        for value: Int64 in [0, 7, 10, 41_000, 1_234_567_890_123, Int64.max, -1, -41_000, Int64.min] {
            let out = ExportBytes(capacity: 8)
            out.int(value)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(value))
        }
    }

    @Test("pooled export buffers come back empty, with room for what is asked, whoever used them before")
    func pooledBuffers() {
        for round in 0..<20 {
            let buffer = ExportBytes.pooled(capacity: 64 << round % 12)
            #expect(buffer.count == 0)
            buffer.literal("[")
            buffer.int(Int64(round))
            buffer.literal("]")
            #expect(buffer.bytes == Array("[\(round)]".utf8))
            buffer.recycle()
        }
    }

    @Test("appends of every length from 0 to 70 bytes, from any offset, keep every byte in order")
    func appendLengths() {
        let source = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let out = ExportBytes(capacity: 1)
        var expected: [UInt8] = []
        source.withUnsafeBufferPointer { all in
            for length in 0...70 {
                for start in [0, 1, 3, 29] {
                    out.append(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
                    expected += all[start..<(start + length)]
                }
            }
        }
        #expect(out.bytes == expected)
    }

    @Test("the export buffer grows past its first capacity and keeps every byte in order")
    func bufferGrowth() {
        let out = ExportBytes(capacity: 1)
        var expected = ""
        for i in 0..<2_000 {
            out.literal(","); out.int(Int64(i)); out.string("a\"b"); out.date(Int64(i) * 86_400_123)
            expected += "," + String(i) + #""a\"b""# + "\"" + ISODate.format(millis: Int64(i) * 86_400_123) + "\""
        }
        #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
        out.removeAll()
        out.literal("[]")
        #expect(out.bytes == Array("[]".utf8))
    }
}

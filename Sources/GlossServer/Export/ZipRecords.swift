import Foundation

/// One member of a streamed zip, as the central directory needs it.
struct ZipEntry {
    var name: String
    var offset: UInt64
    var method: UInt16
    var crc: UInt32 = 0
    var size: UInt64 = 0
    var compressedSize: UInt64 = 0
    var dosTime: (time: UInt16, date: UInt16) = (0, 0x21)

    /// MS-DOS time and date fields (local time is what zip tools show; UTC keeps it reproducible).
    static func dosDateTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        let day = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        return (time, day)
    }
}

/// The byte layouts of PKWARE's APPNOTE (sections 4.3.7–4.3.16), little-endian.
enum ZipRecords {
    private static let max32: UInt64 = 0xFFFF_FFFF
    /// Bit 3: sizes follow the data; bit 11: names are UTF-8.
    private static let flags: UInt16 = 0x0808

    /// A local header with unknown sizes, announcing a zip64 data descriptor.
    static func localHeader(_ e: ZipEntry) -> [UInt8] {
        var b = ByteWriter()
        let name = Array(e.name.utf8)
        b.u32(0x0403_4b50); b.u16(45); b.u16(flags); b.u16(e.method); b.u16(e.dosTime.time); b.u16(e.dosTime.date)
        b.u32(0); b.u32(0xFFFF_FFFF); b.u32(0xFFFF_FFFF)
        b.u16(UInt16(name.count)); b.u16(20)
        b.bytes(name)
        b.u16(0x0001); b.u16(16); b.u64(0); b.u64(0)
        return b.out
    }

    /// The data descriptor after a member's data (zip64 form: 8-byte sizes).
    static func dataDescriptor(_ e: ZipEntry) -> [UInt8] {
        var b = ByteWriter()
        b.u32(0x0807_4b50); b.u32(e.crc); b.u64(e.compressedSize); b.u64(e.size)
        return b.out
    }

    /// A central directory header; zip64 extra fields only for values that don't fit in 32 bits.
    static func centralHeader(_ e: ZipEntry) -> [UInt8] {
        var extra = ByteWriter()
        if e.size >= max32 { extra.u64(e.size) }
        if e.compressedSize >= max32 { extra.u64(e.compressedSize) }
        if e.offset >= max32 { extra.u64(e.offset) }
        var b = ByteWriter()
        let name = Array(e.name.utf8)
        b.u32(0x0201_4b50); b.u16(45 | (3 << 8)); b.u16(45); b.u16(flags); b.u16(e.method)
        b.u16(e.dosTime.time); b.u16(e.dosTime.date); b.u32(e.crc)
        b.u32(UInt32(min(e.compressedSize, max32))); b.u32(UInt32(min(e.size, max32)))
        b.u16(UInt16(name.count)); b.u16(extra.out.isEmpty ? 0 : UInt16(4 + extra.out.count)); b.u16(0)
        b.u16(0); b.u16(0); b.u32(0o100644 << 16); b.u32(UInt32(min(e.offset, max32)))
        b.bytes(name)
        if !extra.out.isEmpty { b.u16(0x0001); b.u16(UInt16(extra.out.count)); b.bytes(extra.out) }
        return b.out
    }

    /// The end of central directory, preceded by the zip64 end record and locator when needed.
    static func end(entries: Int, directoryOffset: UInt64, directorySize: UInt64) -> [UInt8] {
        var b = ByteWriter()
        let needs64 = entries >= 0xFFFF || directoryOffset >= max32 || directorySize >= max32
        if needs64 {
            let zip64EndOffset = directoryOffset + directorySize
            b.u32(0x0606_4b50); b.u64(44); b.u16(45 | (3 << 8)); b.u16(45); b.u32(0); b.u32(0)
            b.u64(UInt64(entries)); b.u64(UInt64(entries)); b.u64(directorySize); b.u64(directoryOffset)
            b.u32(0x0706_4b50); b.u32(0); b.u64(zip64EndOffset); b.u32(1)
        }
        b.u32(0x0605_4b50); b.u16(0); b.u16(0)
        b.u16(UInt16(min(entries, 0xFFFF))); b.u16(UInt16(min(entries, 0xFFFF)))
        b.u32(UInt32(min(directorySize, max32))); b.u32(UInt32(min(directoryOffset, max32))); b.u16(0)
        return b.out
    }
}

/// Little-endian byte appender.
struct ByteWriter {
    var out: [UInt8] = []
    mutating func u16(_ v: UInt16) { out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
    mutating func u64(_ v: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8((v >> UInt64(shift)) & 0xFF)) } }
    mutating func bytes(_ b: [UInt8]) { out.append(contentsOf: b) }
}

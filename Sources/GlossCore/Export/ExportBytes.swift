/// The byte buffer the Ango export encoder writes into: literal fragments, escaped strings,
/// numbers, ISO dates and spliced stored JSON.
struct ExportBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func literal(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }
    mutating func append(_ raw: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: raw) }
    mutating func append(_ other: ExportBytes) { bytes.append(contentsOf: other.bytes) }

    /// A quoted JSON string; most (ids, names, URLs) need no escaping and are copied in one go.
    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { string($0) }
    }

    /// A quoted JSON string from UTF-8 bytes.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        if utf8.allSatisfy({ c in c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: utf8)
        } else {
            var writer = JSONWriter(capacity: utf8.count + 8)
            writer.string(String(decoding: utf8, as: UTF8.self))
            bytes.append(contentsOf: writer.bytes.dropFirst().dropLast())
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A quoted JSON string from UTF-8 bytes, `null` for nil.
    mutating func optionalString(_ utf8: UnsafeBufferPointer<UInt8>?) { if let utf8 { string(utf8) } else { literal("null") } }

    mutating func int(_ value: Int64) {
        guard value >= 0 else { bytes.append(contentsOf: String(value).utf8); return }
        // Digits on the stack, no String: durations are written for every task and history entry.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value, i = raw.count
            repeat { i -= 1; raw[i] = UInt8(48 + v % 10); v /= 10 } while v > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }
    /// Empties the buffer, keeping its memory (a scratch buffer reused per task).
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
    mutating func double(_ value: Double) {
        var writer = JSONWriter(capacity: 24)
        writer.double(value)
        bytes.append(contentsOf: writer.bytes)
    }
    mutating func date(_ millis: Int64) { ISODate.appendQuoted(millis: millis, to: &bytes) }

    /// Stored JSON as is; an empty column becomes `empty`.
    mutating func splice(_ json: UnsafeBufferPointer<UInt8>, empty: StaticString) {
        if json.isEmpty { literal(empty) } else { bytes.append(contentsOf: json) }
    }
}

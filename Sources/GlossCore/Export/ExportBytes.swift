import Foundation
import Synchronization

/// The byte buffer the Ango export encoder writes into: literal fragments, escaped strings,
/// numbers, ISO dates and spliced stored JSON. Its bytes go to the piece's sink as they are (no
/// copy into an array), part by part, and it is given back with `recycle()` at the piece's end.
///
/// A class over raw memory, not an `[UInt8]`: the encoder appends some forty fragments per task,
/// and `Array.append(contentsOf:)` (uniqueness and capacity checks, generic copy) was a twentieth
/// of an export's CPU. Buffers are pooled: a fresh page of memory costs ~5 µs to fault in on the
/// VMs Gloss was measured on, ~1 ms per MB.
final class ExportBytes: @unchecked Sendable {
    private struct Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count: Int
        var capacity: Int
    }
    /// Behind a pointer, not in `var` properties: every access to a class's `var` is checked for
    /// exclusivity at run time (`swift_beginAccess`), 6% of an export's CPU with these appends.
    private let storage: UnsafeMutablePointer<Storage>
    private var base: UnsafeMutablePointer<UInt8> { storage.pointee.base }
    private var capacity: Int { storage.pointee.capacity }
    /// Bytes written so far.
    var count: Int { storage.pointee.count }

    init(capacity: Int) {
        let capacity = max(16, capacity)
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage(base: .allocate(capacity: capacity), count: 0, capacity: capacity))
    }

    deinit {
        storage.pointee.base.deallocate()
        storage.deallocate()
    }

    /// Idle pooled buffers; at most `poolSize` are kept, none over `poolMaxCapacity` bytes.
    private static let pool = Mutex<[ExportBytes]>([])
    private static let poolSize = 4
    private static let poolMaxCapacity = 8 << 20

    /// An empty buffer from the pool (or a new one), with room for at least `capacity` bytes.
    static func pooled(capacity: Int) -> ExportBytes {
        if let buffer = pool.withLock({ $0.popLast() }) {
            if buffer.capacity < capacity { buffer.grow(to: capacity) }
            return buffer
        }
        return ExportBytes(capacity: capacity)
    }

    /// Gives the buffer back to the pool. The caller must not use it afterwards.
    func recycle() {
        storage.pointee.count = 0
        guard capacity <= Self.poolMaxCapacity else { return }
        Self.pool.withLock { buffers in if buffers.count < Self.poolSize { buffers.append(self) } }
    }

    /// A copy of the bytes written.
    var bytes: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with the bytes written (valid only during the call).
    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Room for `extra` more bytes, growing by doubling.
    @inline(__always) private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        grow(to: count + extra)
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.update(from: base, count: count)
        base.deallocate()
        storage.pointee.base = moved; storage.pointee.capacity = newCapacity
    }

    @inline(__always) private func byte(_ value: UInt8) {
        reserve(1)
        base[count] = value; storage.pointee.count += 1
    }

    func literal(_ text: StaticString) { append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }

    @inline(__always) func append(_ raw: UnsafeBufferPointer<UInt8>) {
        guard let source = raw.baseAddress, raw.count > 0 else { return }
        let n = raw.count
        reserve(n)
        Self.copy(from: UnsafeRawPointer(source), to: UnsafeMutableRawPointer(base + count), count: n)
        storage.pointee.count += n
    }

    /// Copies `n` bytes. Most of what the encoder appends is a key fragment or an id of 4 to 32
    /// bytes, some forty per task: those are copied with two or four overlapping 8-byte moves
    /// instead of a call to `memmove` each (a tenth of the encoder's time went to those calls).
    @inline(__always) private static func copy(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count n: Int) {
        switch n {
        case 8...16:
            let head = source.loadUnaligned(as: UInt64.self), tail = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        case 17...32:
            let a = source.loadUnaligned(as: UInt64.self), b = source.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = source.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
            let d = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            target.storeBytes(of: a, as: UInt64.self)
            target.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            target.storeBytes(of: c, toByteOffset: n - 16, as: UInt64.self)
            target.storeBytes(of: d, toByteOffset: n - 8, as: UInt64.self)
        case 4...7:
            let head = source.loadUnaligned(as: UInt32.self), tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        case 0...3:
            for i in 0..<n { target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
        default:
            target.copyMemory(from: source, byteCount: n)
        }
    }

    func append(_ raw: UnsafeRawBufferPointer) { append(raw.bindMemory(to: UInt8.self)) }
    func append(_ other: ExportBytes) { append(UnsafeBufferPointer(start: other.base, count: other.count)) }

    /// A quoted JSON string; most (ids, names, URLs) need no escaping and are copied in one go.
    func string(_ value: String) {
        var text = value
        text.withUTF8 { string($0) }
    }

    /// A quoted JSON string from UTF-8 bytes.
    func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        if utf8.allSatisfy({ c in c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") }) {
            append(utf8)
        } else {
            var writer = JSONWriter(capacity: utf8.count + 8)
            writer.string(String(decoding: utf8, as: UTF8.self))
            writer.bytes.dropFirst().dropLast().withUnsafeBufferPointer { append($0) }
        }
        byte(UInt8(ascii: "\""))
    }

    /// A quoted JSON string from UTF-8 bytes, `null` for nil.
    func optionalString(_ utf8: UnsafeBufferPointer<UInt8>?) { if let utf8 { string(utf8) } else { literal("null") } }

    func int(_ value: Int64) {
        guard value >= 0 else { var text = String(value); text.withUTF8 { append($0) }; return }
        // Digits on the stack, no String: durations are written for every task and history entry.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value, i = raw.count
            repeat { i -= 1; raw[i] = UInt8(48 + v % 10); v /= 10 } while v > 0
            append(UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    /// Whether the bytes written equal `raw`.
    func equals(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        raw.count == count && (count == 0 || memcmp(base, raw.baseAddress!, count) == 0)
    }

    /// Empties the buffer, keeping its memory (a scratch buffer reused per task).
    func removeAll() { storage.pointee.count = 0 }

    func double(_ value: Double) {
        var writer = JSONWriter(capacity: 24)
        writer.double(value)
        writer.bytes.withUnsafeBufferPointer { append($0) }
    }

    func date(_ millis: Int64) { ISODate.withQuoted(millis: millis) { append($0) } }

    /// Stored JSON as is; an empty column becomes `empty`.
    func splice(_ json: UnsafeBufferPointer<UInt8>, empty: StaticString) {
        if json.isEmpty { literal(empty) } else { append(json) }
    }
}

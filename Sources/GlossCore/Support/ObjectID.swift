import Foundation
import Synchronization

/// Makes new database ids. Injected so tests can use predictable ids.
public protocol IDGenerator: Sendable {
    /// A new, unique, 24 lower-case hex character id.
    func next() -> String
}

/// ObjectId-like ids: 4 bytes of seconds since 1970, 5 random bytes chosen per process, and a
/// 3-byte counter (random start, as MongoDB does). Ids of later seconds sort later, which keeps
/// inserts near the end of indexes and lets several servers share one database without
/// coordination; within one second the order is the counter's (it wraps only after 16M ids).
public final class ObjectIDGenerator: IDGenerator {
    private struct State { var counter: UInt32 }
    private let processBytes: [UInt8]
    private let state: Mutex<State>

    /// Creates a generator with a fresh random process part.
    public init() {
        var rng = SystemRandomNumberGenerator()
        processBytes = (0..<5).map { _ in UInt8.random(in: 0...255, using: &rng) }
        state = Mutex(State(counter: UInt32.random(in: 0..<0xFFFFFF, using: &rng)))
    }

    public func next() -> String {
        let seconds = UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        let counter = state.withLock { state -> UInt32 in
            state.counter = (state.counter &+ 1) & 0xFFFFFF
            return state.counter
        }
        // Written straight into the string's storage: ids are made several times per request
        // (tasks, history entries, answer objects), and the byte array plus its hex copy showed.
        return String(unsafeUninitializedCapacity: 24) { out in
            func put(_ byte: UInt8, at i: Int) {
                out[i] = ObjectID.hexDigit(byte >> 4)
                out[i + 1] = ObjectID.hexDigit(byte & 0xF)
            }
            for i in 0..<4 { put(UInt8(truncatingIfNeeded: seconds >> (24 - 8 * UInt32(i))), at: 2 * i) }
            for i in 0..<5 { put(processBytes[i], at: 8 + 2 * i) }
            for i in 0..<3 { put(UInt8(truncatingIfNeeded: counter >> (16 - 8 * UInt32(i))), at: 18 + 2 * i) }
            return 24
        }
    }
}

/// Helpers for the 24-hex id format.
public enum ObjectID {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The lower-case hex digit of a value below 16.
    @inline(__always) static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 48 + value : 87 + value }

    /// Whether `text` is 24 lower-case (or upper-case) hex characters.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 24 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8](); out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` random bytes as hex, from the system's secure generator (API keys, secrets).
    public static func randomHex(bytes count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }
}

/// Ids 000000000000000000000001, ...02, ... for tests that assert on ids.
public final class SequentialIDGenerator: IDGenerator {
    private let counter = Mutex(0)
    /// Creates a generator starting at 1.
    public init() {}
    public func next() -> String {
        let n = counter.withLock { value -> Int in value += 1; return value }
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 24 - hex.count) + hex
    }
}

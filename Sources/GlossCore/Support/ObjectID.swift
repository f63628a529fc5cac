import Foundation
import Synchronization

/// Makes new database ids. Injected so tests can use predictable ids.
public protocol IDGenerator: Sendable {
    /// A new, unique, 24 lower-case hex character id.
    func next() -> String

    /// A generator for about `count` ids made together (one import request): they follow each
    /// other in sort order, so its rows sit side by side in every index keyed by id even while
    /// other requests make ids at the same time. Past `count` it goes on with ordinary ids.
    func block(_ count: Int) -> any IDGenerator
}

extension IDGenerator {
    /// Generators without a cheaper way hand out their ordinary ids.
    public func block(_ count: Int) -> any IDGenerator { self }
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
        id(seconds: Self.seconds(), counter: reserve(1))
    }

    /// Reserves `count` counter values at once: two imports running together would otherwise
    /// take turns, and a span of tasks would then be spread over twice the index pages.
    public func block(_ count: Int) -> any IDGenerator {
        guard count > 1 else { return self }
        let count = min(count, 1 << 20)
        return ObjectIDBlock(generator: self, seconds: Self.seconds(), first: reserve(count), count: count)
    }

    /// The first of `count` consecutive counter values, now taken.
    private func reserve(_ count: Int) -> UInt32 {
        state.withLock { state -> UInt32 in
            let first = (state.counter &+ 1) & 0xFFFFFF
            state.counter = (state.counter &+ UInt32(count)) & 0xFFFFFF
            return first
        }
    }

    fileprivate static func seconds() -> UInt32 { UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970)) }

    fileprivate func id(seconds: UInt32, counter: UInt32) -> String {
        // Written straight into the string's storage: ids are made several times per request
        // (tasks, history entries, answer objects), and the byte array plus its hex copy showed.
        String(unsafeUninitializedCapacity: 24) { out in
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

/// Consecutive ids reserved by `ObjectIDGenerator.block`, all with the second of the reservation
/// (unique all the same: nobody else gets these counter values before the counter wraps).
final class ObjectIDBlock: IDGenerator {
    private let generator: ObjectIDGenerator
    private let seconds: UInt32
    private let first: UInt32
    private let count: Int
    private let used = Mutex(0)

    init(generator: ObjectIDGenerator, seconds: UInt32, first: UInt32, count: Int) {
        self.generator = generator; self.seconds = seconds; self.first = first; self.count = count
    }

    func next() -> String {
        let index = used.withLock { used -> Int in used += 1; return used - 1 }
        guard index < count else { return generator.next() }
        return generator.id(seconds: seconds, counter: (first &+ UInt32(index)) & 0xFFFFFF)
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

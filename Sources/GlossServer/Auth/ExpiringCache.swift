import Foundation
import Synchronization

/// Remembers recently seen credentials (API keys, session tokens) for a few seconds, sparing the
/// database a lookup on every request. A change made on another server is seen here after at
/// most `lifetime` seconds.
final class ExpiringCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (value: Value, expires: Date)]>([:])
    private let lifetime: TimeInterval
    private static var maxEntries: Int { 10_000 }

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func value(for key: String) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if entry.expires < Date() { entries[key] = nil; return nil }
            return entry.value
        }
    }

    func store(_ value: Value, for key: String) {
        entries.withLock { entries in
            if entries.count >= Self.maxEntries { entries.removeAll() }
            entries[key] = (value, Date().addingTimeInterval(lifetime))
        }
    }

    func remove(_ key: String) { entries.withLock { _ = $0.removeValue(forKey: key) } }

    /// Forgets every entry whose value matches (a user's keys after a rotation).
    func removeAll(where matches: (Value) -> Bool) {
        entries.withLock { entries in entries = entries.filter { !matches($0.value.value) } }
    }
}

import Foundation
import Synchronization

/// The time source of the domain. Injected so tests can pin "now".
public protocol GlossClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The real wall clock.
public struct SystemClock: GlossClock {
    /// Creates the wall clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock tests move by hand.
public final class FixedClock: GlossClock {
    private let current: Mutex<Date>
    /// Creates a clock standing at `date`.
    public init(_ date: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = Mutex(date) }
    public func now() -> Date { current.withLock { $0 } }
    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

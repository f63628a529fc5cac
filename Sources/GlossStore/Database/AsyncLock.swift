import Synchronization

/// A FIFO lock for async code: one holder at a time, waiters resume in arrival order. SQLite
/// allows one writer, so every write transaction on the writer connection goes through this.
final class AsyncLock: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func lock() async {
        // Uncontended: take it without a continuation (resuming one re-enqueues the task, a thread
        // hop per write transaction).
        if state.withLock({ state -> Bool in
            guard !state.locked else { return false }
            state.locked = true
            return true
        }) { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                if !state.locked { state.locked = true; return true }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty { state.locked = false; return nil }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }

    /// Whether someone is waiting for the lock (only meaningful to the holder).
    var hasWaiters: Bool { state.withLock { !$0.waiters.isEmpty } }

    func withLock<T>(_ body: () async throws -> T) async rethrows -> T {
        await lock()
        defer { unlock() }
        return try await body()
    }
}

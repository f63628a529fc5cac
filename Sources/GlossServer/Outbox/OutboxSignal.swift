import Synchronization

/// Wakes the outbox worker early: requests that may have queued a delivery poke it, so a webhook
/// goes out at once instead of at the next poll. Pokes while nobody waits are remembered (one).
/// Only this process is woken; other servers on the same database find the item at their poll.
public final class OutboxSignal: Sendable {
    private struct State {
        var pending = false
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Mutex(State())

    /// Creates a signal.
    public init() {}

    /// Wakes every waiter, or the next one to wait.
    public func poke() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waiters.isEmpty else { state.pending = true; return [] }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns after a poke, after `seconds`, or when the task is cancelled, whichever is first.
    public func wait(upTo seconds: Double) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
            group.addTask { await self.nextPoke() }
            await group.next()
            group.cancelAll()
        }
    }

    private func nextPoke() async {
        let id = state.withLock { state -> UInt64 in state.nextID += 1; return state.nextID }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Cancellation is flagged before its handler runs, so checking it under the lock
                // leaves no window where the continuation is stored after the handler looked.
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending { state.pending = false; return true }
                    if Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

import Synchronization

/// Counts outbox rows this process has written, so the server wakes its outbox worker only after
/// requests that queued something (checking a counter is free; a needless wake-up is a task hop
/// and a query per write request).
public enum OutboxJournal {
    private static let written = Atomic<Int>(0)

    /// How many times this process wrote outbox rows.
    public static var count: Int { written.load(ordering: .acquiring) }

    static func noteWrite() { written.add(1, ordering: .releasing) }
}

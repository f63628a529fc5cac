import Synchronization

/// Remembers which project recently used tasks belong to (a fact that never changes), bounded.
final class TaskProjectMemo: Sendable {
    private let links = Mutex<[String: String]>([:])
    private let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    func lookup(_ taskID: String) -> String? { links.withLock { $0[taskID] } }

    func remember(_ taskID: String, _ projectID: String) {
        links.withLock { links in
            if links.count >= capacity { links.removeAll(keepingCapacity: true) }
            links[taskID] = projectID
        }
    }
}

/// Persistence of tasks and their stage history.
public protocol TaskStore: Sendable {
    /// One page of tasks and the total matching.
    func list(_ query: TaskQuery) async throws -> (tasks: [LabelTask], total: Int)
    /// The task, whatever its project (callers check the project).
    func task(id: String) async throws -> LabelTask?
    /// The project a task belongs to, without reading the task.
    func projectID(ofTask id: String) async throws -> String?
    /// Marks or unmarks tasks of the project as benchmarks; `DomainError.invalid` naming the first id
    /// that is not a task of the project (nothing changes then). Returns how many tasks changed.
    func setBenchmark(projectID: String, taskIDs: [String], isBenchmark: Bool, at: Int64) async throws -> Int
    /// Whether the task is assigned to `email` or has a stage completed by them.
    func isVisible(taskID: String, to email: String) async throws -> Bool
    /// Sets the assignee of the given tasks that are in `stageID`; returns how many changed.
    func assign(projectID: String, taskIDs: [String], stageID: String?, assignee: String, at: Int64) async throws -> Int
    /// Sets the priority of the selected tasks; returns how many matched.
    func setPriority(projectID: String, selector: TaskSelector, priority: Int, at: Int64) async throws -> Int
    /// Deletes tasks (and their history) for good; returns how many went.
    func delete(projectID: String, taskIDs: [String]) async throws -> Int
    /// A task's stage history, oldest first.
    func history(taskID: String) async throws -> [StageHistoryEntry]
    /// One history entry.
    func historyEntry(id: String) async throws -> StageHistoryEntry?
}

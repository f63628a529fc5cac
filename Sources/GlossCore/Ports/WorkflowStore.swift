/// What a single-task workflow step reads inside its transaction.
public struct TaskWorkInput: Sendable {
    /// The task, as it is now.
    public var task: LabelTask
    /// Its stage history, oldest first (loaded only when asked for).
    public var history: [StageHistoryEntry]
    /// For a consensus sub-task: its parent.
    public var parent: LabelTask?
    /// For a consensus sub-task: every sub-task of the same parent, itself included.
    public var siblings: [LabelTask]

    /// Creates an input.
    public init(task: LabelTask, history: [StageHistoryEntry] = [], parent: LabelTask? = nil, siblings: [LabelTask] = []) {
        self.task = task; self.history = history; self.parent = parent; self.siblings = siblings
    }
}

/// A queue claim: the next task for `user` from the first of `stageIDs` that has one.
public struct QueueClaim: Sendable {
    /// Project id.
    public var projectID: String
    /// Label or Review stage ids, in the order to try (the service shuffles them).
    public var stageIDs: [String]
    /// The claiming user's email.
    public var user: String
    /// Consensus sub-stages where a user may hold only one sub-task of a parent (auto-assign).
    public var exclusiveStageIDs: Set<String>
    /// "Now", epoch ms (the task's `openedAt`).
    public var now: Int64

    /// Creates a claim.
    public init(projectID: String, stageIDs: [String], user: String, exclusiveStageIDs: Set<String> = [], now: Int64) {
        self.projectID = projectID; self.stageIDs = stageIDs; self.user = user; self.exclusiveStageIDs = exclusiveStageIDs; self.now = now
    }
}

/// Persistence of workflow steps: claims, single-task and bulk transitions, each in ONE transaction.
public protocol WorkflowStore: Sendable {
    /// Hands the caller the next task of the first stage that has one for them: their own tasks
    /// (not skipped) first, then unassigned ones (skipped last), then their skipped ones (longest
    /// skipped first); priority descending, then creation order. Assigns it and makes the
    /// assignee sticky for that stage. Atomic: a task is never handed to two people.
    func claim(_ claim: QueueClaim) async throws -> LabelTask?

    /// Reads the task (and what `withHistory` asks for) inside a transaction, runs `decide`, and
    /// writes the change set it returns in that transaction. Unknown task: nil.
    /// Makes and hands out a copy of the first benchmark task of the project that `user` has
    /// neither done nor holds a copy of, in `stageID`; nil when none is left. `newID` is the copy's id.
    func claimBenchmark(projectID: String, stageID: String, user: String, newID: String, now: Int64) async throws -> LabelTask?

    func work<T: Sendable>(taskID: String, withHistory: Bool,
                           _ decide: (TaskWorkInput) throws -> (TaskChangeSet, T)) async throws -> T?

    /// Runs `decide` over the tasks `selector` picks, in chunks, all in ONE transaction; returns
    /// how many tasks were selected.
    func workMany(projectID: String, selector: TaskSelector,
                  _ decide: ([LabelTask]) throws -> TaskChangeSet) async throws -> Int
}

/// Work a background service does for a task after the transaction that queued it commits
/// (the outbox): a webhook delivery or a plugin dispatch.
public struct OutboxItem: Sendable, Hashable {
    /// What to do.
    public enum Kind: String, Sendable, CaseIterable {
        /// POST the task payload to the Webhook stage's URL (retried until a 2xx or the limit).
        case webhook
        /// POST the task to the Plugin stage's plugin (one attempt; Re-run sends again).
        case plugin
    }
    /// Item id.
    public var id: String
    /// What to do.
    public var kind: Kind
    /// Project id.
    public var projectID: String
    /// The Webhook or Plugin stage.
    public var stageID: String
    /// The task.
    public var taskID: String
    /// When it was queued, epoch ms.
    public var createdAt: Int64

    /// Creates an item.
    public init(id: String, kind: Kind, projectID: String, stageID: String, taskID: String, createdAt: Int64) {
        self.id = id; self.kind = kind; self.projectID = projectID; self.stageID = stageID; self.taskID = taskID
        self.createdAt = createdAt
    }
}

/// Everything one workflow step writes; the store applies it in ONE transaction.
public struct TaskChangeSet: Sendable {
    /// Existing tasks in their new state (matched by project and position).
    public var updated: [LabelTask] = []
    /// New tasks (consensus sub-tasks); the store gives them positions.
    public var inserted: [LabelTask] = []
    /// Tasks to delete with their history.
    public var deletedTaskIDs: [String] = []
    /// Parents entering Consensus again: their earlier sub-tasks are deleted before `inserted`
    /// brings the new round.
    public var replacedSubtaskParentIDs: [String] = []
    /// New stage-history entries.
    public var history: [StageHistoryEntry] = []
    /// Tasks whose stage history is wiped (requeue with removeStageHistory), before `history` is written.
    public var clearedHistoryTaskIDs: [String] = []
    /// Deliveries and dispatches to queue.
    public var outbox: [OutboxItem] = []
    /// Assets that now carry imported labels (`isPreLabeled`).
    public var preLabeledAssetIDs: [String] = []
    /// Issues opened with this step (a Reject that opens an issue).
    public var openedIssues: [Issue] = []
    /// Scored benchmark attempts.
    public var benchmarkResults: [BenchmarkResult] = []
    /// Notifications written with the step (mentions in an issue a Reject opens).
    public var notifications: [AppNotification] = []

    /// An empty change set.
    public init() {}

    /// Whether nothing is to be written.
    public var isEmpty: Bool {
        updated.isEmpty && inserted.isEmpty && deletedTaskIDs.isEmpty && replacedSubtaskParentIDs.isEmpty && history.isEmpty && clearedHistoryTaskIDs.isEmpty && outbox.isEmpty
            && preLabeledAssetIDs.isEmpty && openedIssues.isEmpty && benchmarkResults.isEmpty && notifications.isEmpty
    }

    /// Records `task` as updated, replacing an earlier state of the same task in this set.
    public mutating func update(_ task: LabelTask) {
        if let i = updated.firstIndex(where: { $0.id == task.id }) { updated[i] = task } else { updated.append(task) }
    }

    /// Appends another change set.
    public mutating func merge(_ other: TaskChangeSet) {
        for task in other.updated { update(task) }
        inserted += other.inserted; deletedTaskIDs += other.deletedTaskIDs; replacedSubtaskParentIDs += other.replacedSubtaskParentIDs; history += other.history
        clearedHistoryTaskIDs += other.clearedHistoryTaskIDs; outbox += other.outbox
        preLabeledAssetIDs += other.preLabeledAssetIDs
        openedIssues += other.openedIssues
        benchmarkResults += other.benchmarkResults
        notifications += other.notifications
    }
}

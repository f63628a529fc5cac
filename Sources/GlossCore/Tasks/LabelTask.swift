/// Task types: one `default` task per asset; consensus sub-tasks and benchmark copies.
public enum TaskType: String, Sendable, CaseIterable {
    case `default`, consensus, benchmark
}

/// Task status as the API reports it: `Completed` in a Complete stage, `TODO` elsewhere.
public enum TaskStatus: String, Sendable, CaseIterable {
    case todo = "TODO", completed = "Completed"
}

/// A labeling task: where one asset is in the workflow, who has it, and its answer.
public struct LabelTask: Sendable, Hashable {
    /// Task id.
    public var id: String
    /// Project id.
    public var projectID: String
    /// Asset id.
    public var assetID: String
    /// The asset's external id (copied so the table can sort and filter on it).
    public var externalID: String
    /// Current stage id.
    public var stage: String
    /// `TODO` or `Completed`.
    public var status: TaskStatus
    /// Result of the last review (`Accepted`, `Rejected`...), nil before any.
    public var reviewStatus: String?
    /// Task type.
    public var type: TaskType
    /// Email of the current assignee.
    public var assignee: String?
    /// Batch ids (those of the asset).
    public var batches: [String]
    /// Queue priority, -1000...1000.
    public var priority: Int
    /// The answer `{tools, classifications, relations}`.
    public var answer: JSONValue
    /// Brush mask URL.
    public var brushDataURL: String?
    /// Medical brush URL.
    public var medicalBrushDataURL: String?
    /// Milliseconds spent in the current (or last) stage.
    public var duration: Int64
    /// Milliseconds spent over the whole task.
    public var totalDuration: Int64
    /// Consensus agreement 0-100, nil until consensus ran.
    public var consensusScore: Double?
    /// Open issues on the task.
    public var openIssuesCount: Int
    /// Saved but not submitted.
    public var isDraft: Bool
    /// Skipped by its assignee.
    public var isSkipped: Bool
    /// Marked as benchmark (gold) task.
    public var isBenchmark: Bool
    /// Who created it (email, or "import").
    public var createdBy: String?
    /// Who last changed it.
    public var updatedBy: String?
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Last update, epoch ms.
    public var updatedAt: Int64
    /// When it reached Complete, epoch ms.
    public var completedAt: Int64?
    /// Insertion position within the project (drives the default order and fast deep paging).
    public var position: Int64
    /// The sticky assignee of each human stage the task has been claimed in (stage id -> email):
    /// a task coming back to a stage goes to the same person unless a requeue cleared it.
    public var stageAssignees: [String: String] = [:]
    /// For consensus sub-tasks: the task they were copied from.
    public var parentTaskID: String?
    /// Per-class consensus details (`consensusDetailed`), nil until consensus ran.
    public var consensusDetails: JSONValue?
    /// When the current assignee opened the task or last saved it (the timer's start), epoch ms.
    public var openedAt: Int64?
    /// When the task was last requeued, epoch ms (requeues leave no history entry, only this mark).
    public var requeuedAt: Int64?
    /// The stage as last read from the store (nil for a task not stored yet): lets the store move
    /// the task's batch links, which are keyed by stage, without searching for them.
    public var storedStage: String?

    /// Creates a task.
    public init(id: String, projectID: String, assetID: String, externalID: String, stage: String, status: TaskStatus = .todo,
                reviewStatus: String? = nil, type: TaskType = .default, assignee: String? = nil, batches: [String] = [],
                priority: Int = 0, answer: JSONValue = Answer.empty, brushDataURL: String? = nil, medicalBrushDataURL: String? = nil,
                duration: Int64 = 0, totalDuration: Int64 = 0, consensusScore: Double? = nil, openIssuesCount: Int = 0,
                isDraft: Bool = false, isSkipped: Bool = false, isBenchmark: Bool = false, createdBy: String? = nil,
                updatedBy: String? = nil, createdAt: Int64, updatedAt: Int64, completedAt: Int64? = nil, position: Int64 = 0) {
        self.id = id; self.projectID = projectID; self.assetID = assetID; self.externalID = externalID; self.stage = stage
        self.status = status; self.reviewStatus = reviewStatus; self.type = type; self.assignee = assignee; self.batches = batches
        self.priority = priority; self.answer = answer; self.brushDataURL = brushDataURL; self.medicalBrushDataURL = medicalBrushDataURL
        self.duration = duration; self.totalDuration = totalDuration; self.consensusScore = consensusScore
        self.openIssuesCount = openIssuesCount; self.isDraft = isDraft; self.isSkipped = isSkipped; self.isBenchmark = isBenchmark
        self.createdBy = createdBy; self.updatedBy = updatedBy; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.completedAt = completedAt; self.position = position
    }
}

/// The annotation answer container.
public enum Answer {
    /// `{tools:[], classifications:[], relations:[]}`.
    public static let empty: JSONValue = .object(["tools": .array([]), "classifications": .array([]), "relations": .array([])])
}

/// One stage-history snapshot: written when a task leaves a stage by Submit, review, or a forward
/// out of Start or Hold.
public struct StageHistoryEntry: Sendable, Hashable {
    /// Entry id.
    public var id: String
    /// Task id.
    public var taskID: String
    /// Project id.
    public var projectID: String
    /// Asset id.
    public var assetID: String
    /// Id of the stage the task left.
    public var stageID: String
    /// Name of that stage.
    public var stageName: String
    /// The answer as it left the stage.
    public var answer: JSONValue
    /// Milliseconds spent in that stage.
    public var duration: Int64
    /// When it left, epoch ms.
    public var completedAt: Int64
    /// Who completed it (nil for automatic forwards).
    public var completedBy: String?
    /// Review decision, for review stages.
    public var reviewStatus: String?
    /// Whether the task had been requeued before this entry was written (Ango's `rework`).
    public var rework: Bool = false

    /// Creates an entry.
    public init(id: String, taskID: String, projectID: String, assetID: String, stageID: String, stageName: String,
                answer: JSONValue, duration: Int64, completedAt: Int64, completedBy: String?, reviewStatus: String? = nil) {
        self.id = id; self.taskID = taskID; self.projectID = projectID; self.assetID = assetID; self.stageID = stageID
        self.stageName = stageName; self.answer = answer; self.duration = duration; self.completedAt = completedAt
        self.completedBy = completedBy; self.reviewStatus = reviewStatus
    }
}

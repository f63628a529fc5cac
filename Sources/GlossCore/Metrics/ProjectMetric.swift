/// The six overview metrics of `GET /{projectId}/overview/{metric}` (the SDK's `Metrics` enum).
/// Ango Hub does not publish their shapes; docs/decisions.md records the ones Gloss answers.
public enum ProjectMetric: String, Sendable, CaseIterable {
    /// Tasks per workflow stage.
    case labelStageGroups = "LabelStageGroups"
    /// Time spent per completed stage visit, per stage: count, total, average, median.
    case timePerTask = "TimePerTask"
    /// Tasks by state: to do, completed, drafts, skipped, benchmarks, with open issues.
    case annotationStatus = "AnnotationStatus"
    /// How often each tool class and each classification answer occurs in the current answers.
    case answerDistribution = "AnswerDistribution"
    /// Consensus scores in ten 10-point buckets.
    case consensusRanges = "ConsensusRanges"
    /// Assets by pixel size (from `metadata.width`/`height`), in megapixel buckets.
    case assetSize = "AssetSize"
}

/// One row of `POST /performance/{projectId}`: what one person did in the project.
public struct PerformanceRow: Sendable, Hashable {
    /// The person's email.
    public var email: String
    /// Display name.
    public var name: String
    /// Label-stage submissions.
    public var submitted: Int = 0
    /// Review decisions (accepted + rejected).
    public var reviewed: Int = 0
    /// Accepted reviews given.
    public var accepted: Int = 0
    /// Rejected reviews given.
    public var rejected: Int = 0
    /// Active labeling time, ms.
    public var labelingMillis: Int64 = 0
    /// Active reviewing time, ms.
    public var reviewingMillis: Int64 = 0
    /// Issues opened.
    public var issuesOpened: Int = 0
    /// Tasks of this person's work that a reviewer later accepted / rejected.
    public var acceptedByReview: Int = 0
    /// See `acceptedByReview`.
    public var rejectedByReview: Int = 0
    /// Mean benchmark score (0–100), nil without scored benchmarks.
    public var benchmarkScore: Double?
    /// Benchmarks scored.
    public var benchmarkCount: Int = 0
    /// Creates an empty row.
    public init(email: String, name: String) { self.email = email; self.name = name }
}

/// One grouped row of stage history for performance: who, which stage, which decision, how many, how long.
public struct HistoryTally: Sendable, Hashable {
    /// Who completed the visits.
    public var email: String
    /// Stage id.
    public var stageID: String
    /// Review decision, for Review stages.
    public var reviewStatus: String?
    /// Visits.
    public var count: Int
    /// Summed active time, ms.
    public var millis: Int64
    /// Creates a tally.
    public init(email: String, stageID: String, reviewStatus: String?, count: Int, millis: Int64) {
        self.email = email; self.stageID = stageID; self.reviewStatus = reviewStatus; self.count = count; self.millis = millis
    }
}

/// The window and batches a performance report covers.
public struct PerformanceScope: Sendable, Hashable {
    /// Start, epoch ms (inclusive).
    public var from: Int64?
    /// End, epoch ms (inclusive).
    public var to: Int64?
    /// Only tasks in any of these batch ids.
    public var batchIDs: [String] = []
    /// Everything.
    public init() {}
}

/// Reads the project's data the metrics need, grouped in the database.
public protocol MetricsStore: Sendable {
    /// Task count per stage id.
    func tasksPerStage(projectID: String) async throws -> [String: Int]
    /// Per stage: visits, summed and median duration (ms) of completed stage visits.
    func stageDurations(projectID: String) async throws -> [(stageID: String, count: Int, total: Int64, median: Int64)]
    /// Counts: total, completed, drafts, skipped, benchmarks, tasks with open issues.
    func statusCounts(projectID: String) async throws -> [String: Int]
    /// Calls `body` with every task's current answer, in pages.
    func eachAnswer(projectID: String, _ body: (JSONValue) throws -> Void) async throws
    /// Consensus scores of tasks that have one.
    func consensusScores(projectID: String) async throws -> [Double]
    /// Every asset's metadata.
    func assetMetadata(projectID: String) async throws -> [JSONValue]
    /// Stage-history visits grouped by person, stage and decision, within the scope.
    func historyTallies(projectID: String, scope: PerformanceScope) async throws -> [HistoryTally]
    /// For each person, how many of the tasks they labeled were later accepted or rejected:
    /// rows of (labeler email, review decision, count).
    func reviewOutcomes(projectID: String, labelStageIDs: [String], reviewStageIDs: [String],
                        scope: PerformanceScope) async throws -> [(email: String, status: String, count: Int)]
    /// Benchmark results per email within the scope: mean score and count.
    func benchmarkScores(projectID: String, scope: PerformanceScope) async throws -> [String: (mean: Double, count: Int)]
    /// Issues opened per email within the scope.
    func issuesOpened(projectID: String, scope: PerformanceScope) async throws -> [String: Int]
}

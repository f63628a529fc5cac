/// A labeler's scored attempt at a benchmark task.
public struct BenchmarkResult: Sendable, Hashable {
    /// Result id.
    public var id: String
    /// Project id.
    public var projectID: String
    /// The benchmark (gold) task.
    public var goldTaskID: String
    /// Who answered.
    public var email: String
    /// Agreement with the gold answer, 0–100.
    public var score: Double
    /// The submitted answer.
    public var answer: JSONValue
    /// Active time credited, ms.
    public var duration: Int64
    /// When it was submitted, epoch ms.
    public var createdAt: Int64
    /// Creates a result.
    public init(id: String, projectID: String, goldTaskID: String, email: String, score: Double, answer: JSONValue, duration: Int64, createdAt: Int64) {
        self.id = id; self.projectID = projectID; self.goldTaskID = goldTaskID; self.email = email; self.score = score
        self.answer = answer; self.duration = duration; self.createdAt = createdAt
    }
}

/// Benchmarks: with `benchmarkEnabled`, each Label-queue request is, with probability
/// `benchmarkRatio` percent, answered with a *copy* of a benchmark task the user has not done.
/// The copy (type `benchmark`, its parent the gold task, assigned to that user) is labeled in the
/// editor like any task; on Submit it is scored against the gold answer and deleted, leaving a
/// `BenchmarkResult`. The gold task never changes and copies never enter the workflow.
public enum Benchmarks {
    /// The score of `answer` against `gold`: the consensus scorer's pairwise agreement, 0–100.
    /// With two judgements each scores (1 + agreement) / 2 per class, so agreement is 2s − 1.
    public static func score(_ answer: JSONValue, gold: JSONValue, schema: JSONValue) -> Double {
        let result = ConsensusScorer.score([ConsensusJudgement(taskID: "gold", answer: gold), ConsensusJudgement(taskID: "attempt", answer: answer)],
                                           schema: schema)
        guard result.judgementScores.count == 2 else { return 0 }
        return max(0, min(100, 2 * result.judgementScores[1] - 100))
    }

    /// Whether this queue request should serve a benchmark: benchmarks on, a ratio above 0 and the dice say so.
    public static func rolls(_ project: Project, random: any RandomSource) -> Bool {
        guard project.settings.bool("benchmarkEnabled") else { return false }
        let ratio = project.settings.number("benchmarkRatio", default: 10)
        return ratio > 0 && random.unit() * 100 < ratio
    }

    /// The copy a user labels for `gold`, in `stageID`, already theirs.
    public static func copy(of gold: LabelTask, id: String, stageID: String, user: String, now: Int64) -> LabelTask {
        var copy = LabelTask(id: id, projectID: gold.projectID, assetID: gold.assetID, externalID: gold.externalID, stage: stageID,
                             type: .benchmark, assignee: user, createdBy: user, createdAt: now, updatedAt: now)
        copy.parentTaskID = gold.id
        copy.openedAt = now
        copy.stageAssignees[stageID] = user
        return copy
    }
}

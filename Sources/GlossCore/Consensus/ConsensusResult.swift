/// The agreement of the judgements of one consensus task, as computed by `ConsensusScorer`.
/// Scores are percentages (0-100) kept at full `Double` precision; round only for display.
public struct ConsensusResult: Sendable, Equatable {
    /// The task's consensus score: the mean of `judgementScores` (0 when there are no judgements).
    public var score: Double
    /// Each judgement's score, in input order: the likelihood that its answer is the correct one
    /// given the other judgements, averaged over the scored classes.
    public var judgementScores: [Double]
    /// The index of the highest judgement score; ties go to the lowest index.
    public var bestIndex: Int
    /// One object per scored class, in first-appearance order:
    /// `{schemaId, title, tool, score, judgements:[score per judgement]}`.
    public var details: JSONValue

    /// Builds a result from its parts.
    public init(score: Double, judgementScores: [Double], bestIndex: Int, details: JSONValue) {
        self.score = score
        self.judgementScores = judgementScores
        self.bestIndex = bestIndex
        self.details = details
    }
}

/// Consensus agreement scoring (Ango Hub 3.12 rule): each judgement's score is the likelihood that
/// its answer is the correct one given the other judgements. Pure functions, no I/O.
///
/// For each class k and judgement i of N: s_k(i) = (1 + Σ_{j≠i} a_k(i,j)) / N, where a_k(i,j) in
/// 0...1 is the pairwise agreement of i and j on k (the judgement agrees with itself, hence the
/// 1). A judgement's score is the mean of s_k(i) over the classes, times 100; the task's score is
/// the mean of the judgement scores. See docs/decisions.md for the full rule.
public enum ConsensusScorer {
    /// Scores the judgements of one task against each other.
    /// - No judgements: score 0, empty `judgementScores` and `details`, `bestIndex` 0.
    /// - No scorable class in any judgement: every judgement scores 100.
    public static func score(_ judgements: [ConsensusJudgement], schema: JSONValue) -> ConsensusResult {
        let count = judgements.count
        guard count > 0 else { return ConsensusResult(score: 0, judgementScores: [], bestIndex: 0, details: .array([])) }
        let index = ConsensusSchemaIndex(schema)
        let answers = judgements.map { ConsensusAnswer($0.answer, schema: index) }
        let classes = ConsensusClass.collect(answers, schema: index)

        var sums = [Double](repeating: 0, count: count)
        var details: [JSONValue] = []
        for scoredClass in classes {
            let scores = classScores(answers.map(scoredClass.value(in:)))
            for i in 0..<count { sums[i] += scores[i] }
            details.append(.object([
                "schemaId": .string(scoredClass.schemaID),
                "title": scoredClass.title.map(JSONValue.string) ?? .null,
                "tool": scoredClass.kind.map(JSONValue.string) ?? .null,
                "score": .double(mean(scores) * 100),
                "judgements": .array(scores.map { .double($0 * 100) }),
            ]))
        }
        let judgementScores = classes.isEmpty
            ? [Double](repeating: 100, count: count)
            : sums.map { $0 / Double(classes.count) * 100 }
        return ConsensusResult(score: mean(judgementScores), judgementScores: judgementScores,
                               bestIndex: bestIndex(judgementScores), details: .array(details))
    }

    /// s(i) in 0...1 for every judgement of one class. Each pair is compared once and the value used
    /// for both sides, so agreement is symmetric even where greedy matching meets ties.
    static func classScores(_ values: [ConsensusClass.Value]) -> [Double] {
        let count = values.count
        var sums = [Double](repeating: 1, count: count)
        for i in 0..<count {
            for j in (i + 1)..<count {
                let agreement = ConsensusClass.agreement(values[i], values[j])
                sums[i] += agreement
                sums[j] += agreement
            }
        }
        return sums.map { $0 / Double(count) }
    }

    /// The index of the highest score. Scores within 1e-9 count as equal, so a tie that differs
    /// only by rounding in the sums still goes to the lowest index.
    static func bestIndex(_ scores: [Double]) -> Int {
        var best = 0
        for (index, score) in scores.enumerated() where score > scores[best] + 1e-9 { best = index }
        return best
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}

/// Agreement of two judgements' objects of one tool class.
enum ObjectMatching {
    /// Greedy one-to-one matching, most similar pair first (only pairs that overlap at all), then
    /// the matched similarities summed over the larger object count, so every unmatched object on
    /// either side pulls agreement down. Both empty: 1; one empty: 0. A nil shape (malformed
    /// geometry) still counts as an object but matches nothing.
    static func agreement(_ a: [ConsensusShape?], _ b: [ConsensusShape?]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        var pairs: [(similarity: Double, i: Int, j: Int)] = []
        for (i, shapeA) in a.enumerated() {
            guard let shapeA else { continue }
            for (j, shapeB) in b.enumerated() {
                guard let shapeB else { continue }
                let similarity = shapeA.similarity(to: shapeB)
                if similarity > 0 { pairs.append((similarity, i, j)) }
            }
        }
        // Higher similarity first, then lower i, then lower j: ties resolve the same way on every run.
        pairs.sort { ($0.similarity, $1.i, $1.j) > ($1.similarity, $0.i, $0.j) }
        var usedA = [Bool](repeating: false, count: a.count), usedB = [Bool](repeating: false, count: b.count)
        var matched = 0.0
        for pair in pairs where !usedA[pair.i] && !usedB[pair.j] {
            usedA[pair.i] = true
            usedB[pair.j] = true
            matched += pair.similarity
        }
        return matched / Double(max(a.count, b.count))
    }
}

/// A Consensus stage's options, read from its stage JSON.
public struct ConsensusOptions: Sendable, Equatable {
    /// Agreement (0-100) a task needs to leave by the agreement output; below it leaves by disagreement.
    public var threshold: Double
    /// Whether each sub-task must go to a different person.
    public var autoAssign: Bool

    /// The default threshold when a stage gives none.
    public static let defaultThreshold = 50.0

    /// Reads `consensusConfig.threshold` (a number, or an object with `value`/`global`/`threshold`)
    /// and `autoAssign` (on the stage or in `consensusConfig`).
    public init(stage: Stage) {
        let config = stage.raw["consensusConfig"]
        let threshold = config?["threshold"]
        threshold_: do {
            if let n = threshold?.doubleValue { self.threshold = n; break threshold_ }
            for key in ["value", "global", "threshold"] {
                if let n = threshold?[key]?.doubleValue { self.threshold = n; break threshold_ }
            }
            self.threshold = Self.defaultThreshold
        }
        autoAssign = stage.raw["autoAssign"]?.boolValue ?? config?["autoAssign"]?.boolValue ?? false
    }
}

extension WorkflowEngine {
    /// Called when a sub-task finishes: once every sub-task of `parent` has, scores their
    /// agreement, keeps the best judgement as the parent's answer, records the score and details,
    /// and routes the parent by the threshold (agreement: next[0], disagreement: next[1]).
    /// Returns nil while judgements are still missing.
    public func resolveConsensus(parent: LabelTask, subtasks: [LabelTask], context: RoutingContext,
                                 changes: inout TaskChangeSet) throws -> LabelTask? {
        guard let stage = workflow.stage(id: parent.stage), stage.type == .consensus, !subtasks.isEmpty,
              subtasks.allSatisfy({ $0.stage == stage.id && $0.status == .completed }) else { return nil }
        let ordered = subtasks.sorted { $0.position < $1.position }
        let result = ConsensusScorer.score(ordered.map { ConsensusJudgement(taskID: $0.id, labeler: $0.updatedBy, answer: $0.answer) },
                                           schema: project.categorySchema)
        let best = ordered[min(result.bestIndex, ordered.count - 1)]
        var task = parent
        task.answer = best.answer
        task.brushDataURL = best.brushDataURL; task.medicalBrushDataURL = best.medicalBrushDataURL
        task.consensusScore = result.score
        task.consensusDetails = result.details
        task.duration = ordered.reduce(0) { $0 + $1.duration }
        task.totalDuration += ordered.reduce(0) { $0 + $1.totalDuration }
        task.updatedBy = best.updatedBy
        let output = result.score >= ConsensusOptions(stage: stage).threshold ? 0 : 1
        var context = context
        context.annotators += ordered.compactMap(\.updatedBy)
        return try leave(task, output: output, by: nil, context: context, changes: &changes)
    }
}

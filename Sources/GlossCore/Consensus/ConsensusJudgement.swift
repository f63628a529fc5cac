/// One labeler's submitted answer to a consensus sub-task: the input of `ConsensusScorer`.
public struct ConsensusJudgement: Sendable, Equatable {
    /// The consensus sub-task the answer was submitted on.
    public var taskID: String
    /// Who submitted it, when known (not used for scoring; carried for the caller).
    public var labeler: String?
    /// The answer object `{tools:[...], classifications:[...], relations:[...]}`.
    public var answer: JSONValue

    /// Wraps one submitted answer.
    public init(taskID: String, labeler: String? = nil, answer: JSONValue) {
        self.taskID = taskID
        self.labeler = labeler
        self.answer = answer
    }
}

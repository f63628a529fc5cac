/// One thing wrong with an annotation answer, found by `AnswerValidator`.
public struct AnswerProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where in the answer the problem is, e.g. `tools[1].bounding-box.width` or `classifications[0].answer`.
    /// Paths that start with `schema.` point into the project's category schema instead.
    public var path: String
    /// What is wrong, phrased for the API user.
    public var message: String

    /// Creates a problem at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, the form used in error messages.
    public var description: String { "\(path): \(message)" }
}

/// The stage types of a workflow graph.
public enum StageType: String, Sendable, CaseIterable {
    case start = "Start", label = "Label", review = "Review", consensus = "Consensus", logic = "Logic"
    case hold = "Hold", webhook = "Webhook", plugin = "Plugin", complete = "Complete", archive = "Archive"

    /// Whether people work on tasks in this stage (it has a queue).
    public var isHuman: Bool { self == .label || self == .review }
}

/// One stage of a workflow. The whole JSON object is kept, so stage options Gloss does not model
/// (webhook URLs, plugin config, canvas positions...) survive a round trip unchanged.
public struct Stage: Sendable, Hashable {
    /// The stage object as sent.
    public private(set) var raw: [String: JSONValue]

    /// Wraps a stage object; `validated` checks the fields the engine reads.
    public init(raw: [String: JSONValue]) { self.raw = raw }

    /// The stage id (opaque string).
    public var id: String { raw["id"]?.stringValue ?? "" }
    /// The stage type, nil when unknown.
    public var type: StageType? { raw["type"]?.stringValue.flatMap(StageType.init(rawValue:)) }
    /// The display name (falls back to the id).
    public var name: String { raw["name"]?.stringValue ?? id }
    /// Outgoing edges, by output index.
    public var next: [String] { raw["next"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    /// The parent consensus stage for consensus sub-stages.
    public var consensusID: String? { raw["consensusId"]?.stringValue }
    /// For Start: whether new tasks move on at once (default on, as in Ango Hub).
    public var autoForward: Bool { raw["autoForward"]?.boolValue ?? true }
    /// Emails allowed to work in this stage (empty: everybody with the role).
    public var assignedTo: [String] { raw["assignedTo"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The JSON object of the stage.
    public var json: JSONValue { .object(raw) }

    /// Builds a stage from the usual fields.
    public static func make(id: String, type: StageType, name: String? = nil, next: [String], extra: [String: JSONValue] = [:]) -> Stage {
        var raw = extra
        raw["id"] = .string(id); raw["type"] = .string(type.rawValue); raw["name"] = .string(name ?? id)
        raw["next"] = .array(next.map { .string($0) })
        return Stage(raw: raw)
    }
}

/// What a Logic stage may look at besides the task itself.
public struct RoutingContext: Sendable {
    /// Emails of the people who submitted the task in Label stages so far (the Annotator rule).
    public var annotators: [String]
    /// Creates a context.
    public init(annotators: [String] = []) { self.annotators = annotators }
}

/// A Logic stage's rules: `logic.conditions[]`, each `{type, value, index}`. Conditions sharing an
/// index form one rule and are ANDed; rules run in index order and the first that holds sends the
/// task out of `next[index]`; when none holds it leaves by the last output (Else).
public struct LogicRules: Sendable {
    /// One condition.
    public struct Condition: Sendable {
        /// AnnotationType, Annotator, RandomSample, Duration or Batch.
        public var type: String
        /// The condition's value, as stored.
        public var value: JSONValue
        /// The rule (output) it belongs to.
        public var index: Int
    }

    /// Conditions grouped by rule index, in index order.
    public let rules: [(index: Int, conditions: [Condition])]

    /// Reads the rules of a Logic stage (missing `index` = the condition's position).
    public init(stage: Stage) {
        let items = stage.raw["logic"]?["conditions"]?.arrayValue ?? []
        var byIndex: [Int: [Condition]] = [:]
        for (position, item) in items.enumerated() {
            let index = item["index"]?.intValue ?? position
            byIndex[index, default: []].append(Condition(type: item["type"]?.stringValue ?? "", value: item["value"] ?? .null, index: index))
        }
        rules = byIndex.keys.sorted().map { ($0, byIndex[$0]!) }
    }

    /// The output a task leaves by: the first rule that holds, else the last output.
    public func output(for task: LabelTask, project: Project, context: RoutingContext, random: any RandomSource, outputs: Int) -> Int {
        for rule in rules where rule.conditions.allSatisfy({ holds($0, task: task, project: project, context: context, random: random) }) {
            return rule.index
        }
        return max(0, outputs - 1)
    }

    func holds(_ c: Condition, task: LabelTask, project: Project, context: RoutingContext, random: any RandomSource) -> Bool {
        switch c.type {
        case "AnnotationType": return AnswerMatch.holds(c.value, in: task.answer)
        case "Annotator":
            let wanted = Set((c.value.arrayValue ?? [c.value]).compactMap { $0.stringValue?.lowercased() })
            return context.annotators.contains { wanted.contains($0.lowercased()) }
        case "RandomSample":
            // A fraction (0.1); values above 1 are read as percentages (10).
            guard var p = c.value.doubleValue ?? c.value.arrayValue?.first?.doubleValue else { return false }
            if p > 1 { p /= 100 }
            return random.unit() < p
        case "Duration":
            // [fromSeconds, toSeconds] of the task's total active time; a null bound is open.
            let bounds = c.value.arrayValue ?? []
            let seconds = Double(task.totalDuration) / 1000
            if let low = bounds.first?.doubleValue, seconds < low { return false }
            if bounds.count > 1, let high = bounds[1].doubleValue, seconds > high { return false }
            return !bounds.isEmpty
        case "Batch":
            let keys = (c.value.arrayValue ?? [c.value]).compactMap(\.stringValue)
            let ids = Set(keys.map { project.batch(idOrName: $0)?.id ?? $0 })
            return task.batches.contains { ids.contains($0) }
        default: return false
        }
    }
}

/// The AnnotationType rule: `{tools:[{schemaId, filter:["exists"]}], classifications:[{schemaId, filter, answer?}]}`.
/// Every listed item must hold (AND). Filters: "exists" (default) or "notExists" / "not exists" /
/// "doesNotExist"; a classification item with `answer` must also have that answer (or contain it).
enum AnswerMatch {
    static func holds(_ value: JSONValue, in answer: JSONValue) -> Bool {
        let tools = value["tools"]?.arrayValue ?? []
        let classifications = value["classifications"]?.arrayValue ?? []
        guard !tools.isEmpty || !classifications.isEmpty else { return false }
        let presentTools = answer["tools"]?.arrayValue ?? answer["objects"]?.arrayValue ?? []
        let presentClassifications = answer["classifications"]?.arrayValue ?? []
        for item in tools {
            let schemaID = item["schemaId"]?.stringValue
            let found = presentTools.contains { $0["schemaId"]?.stringValue == schemaID }
            if found != wantsPresence(item) { return false }
        }
        for item in classifications {
            let schemaID = item["schemaId"]?.stringValue
            let wanted = item["answer"] ?? item["value"]
            let found = presentClassifications.contains { c in
                guard c["schemaId"]?.stringValue == schemaID else { return false }
                guard let wanted, !wanted.isNull else { return !isEmptyAnswer(c["answer"]) }
                return c["answer"] == wanted || (c["answer"]?.arrayValue?.contains(wanted) ?? false)
            }
            if found != wantsPresence(item) { return false }
        }
        return true
    }

    static func wantsPresence(_ item: JSONValue) -> Bool {
        let filters = (item["filter"]?.arrayValue ?? [item["filter"] ?? .null]).compactMap { $0.stringValue?.lowercased() }
        let negative: Set<String> = ["notexists", "not exists", "doesnotexist", "not_exists", "absent"]
        return !filters.contains { negative.contains($0) }
    }

    static func isEmptyAnswer(_ value: JSONValue?) -> Bool {
        guard let value else { return true }
        switch value {
        case .null: return true
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }
}

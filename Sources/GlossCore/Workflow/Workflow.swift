/// A project's workflow: a directed graph of stages (`next` lists targets by output index).
public struct Workflow: Sendable, Hashable {
    /// The stages, in the order the client sent them.
    public private(set) var stages: [Stage]

    /// Wraps stages without checking them (use `validated` for client input).
    public init(stages: [Stage]) { self.stages = stages }

    /// Start (auto-forward on) -> Label -> Complete, with ids equal to the names, as Ango Hub
    /// gives every new project.
    public static let `default` = Workflow(stages: [
        .make(id: "Start", type: .start, next: ["Label"],
              extra: ["autoForward": .bool(true), "position": .object(["x": .int(0), "y": .int(0)])]),
        .make(id: "Label", type: .label, next: ["Complete"],
              extra: ["assignedTo": .array([]), "position": .object(["x": .int(250), "y": .int(0)])]),
        .make(id: "Complete", type: .complete, next: [], extra: ["position": .object(["x": .int(500), "y": .int(0)])]),
    ])

    /// The stage with this id.
    public func stage(id: String) -> Stage? { stages.first { $0.id == id } }

    /// The single Start stage (a validated workflow has exactly one).
    public var start: Stage? { stages.first { $0.type == .start } }

    /// The stages as the JSON array the API returns.
    public var json: JSONValue { .array(stages.map(\.json)) }

    /// Parses and checks a client's `stages` array. Rules: every item an object with a non-empty
    /// unique string `id` and a known `type`; exactly one Start; every `next` id exists; the
    /// number of outputs fits the type; a Complete stage is reachable from Start.
    public static func validated(_ value: JSONValue) throws -> Workflow {
        guard let items = value.arrayValue else { throw DomainError.invalid("stages must be an array") }
        var stages: [Stage] = []
        var seen = Set<String>()
        for (index, item) in items.enumerated() {
            guard let raw = item.objectValue else { throw DomainError.invalid("stages[\(index)] must be an object") }
            guard let id = raw["id"]?.stringValue, !id.isEmpty else {
                throw DomainError.invalid("stages[\(index)].id must be a non-empty string")
            }
            guard let typeName = raw["type"]?.stringValue else { throw DomainError.invalid("stage \(id): type is required") }
            guard StageType(rawValue: typeName) != nil else {
                throw DomainError.invalid("stage \(id): unknown type \(typeName)")
            }
            if let next = raw["next"], !next.isNull {
                guard let list = next.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw DomainError.invalid("stage \(id): next must be an array of stage ids")
                }
            }
            guard seen.insert(id).inserted else { throw DomainError.invalid("stage id \(id) is used twice") }
            stages.append(Stage(raw: raw))
        }
        let workflow = Workflow(stages: stages)
        try workflow.checkGraph()
        return workflow
    }

    private func checkGraph() throws {
        let starts = stages.filter { $0.type == .start }
        guard starts.count == 1 else { throw DomainError.invalid("a workflow needs exactly one Start stage, found \(starts.count)") }
        let ids = Set(stages.map(\.id))
        for stage in stages {
            for target in stage.next where !ids.contains(target) {
                throw DomainError.invalid("stage \(stage.id): next stage \(target) does not exist")
            }
            try checkOutputs(stage, ids: ids)
        }
        guard completeIsReachable(from: starts[0]) else {
            throw DomainError.invalid("no Complete stage is reachable from Start")
        }
    }

    private func checkOutputs(_ stage: Stage, ids: Set<String>) throws {
        guard let type = stage.type else { return }
        let count = stage.next.count
        let expected: ClosedRange<Int>
        switch type {
        case .start, .label, .hold, .webhook, .plugin: expected = 1...1
        case .review, .consensus: expected = 2...2
        case .complete, .archive: expected = 0...0
        case .logic:
            // One output per rule (conditions sharing an index form one rule), plus Else.
            let rules = LogicRules(stage: stage).rules
            for (i, rule) in rules.enumerated() where rule.index != i {
                throw DomainError.invalid("stage \(stage.id): logic condition indexes must run 0, 1, 2... (found \(rule.index))")
            }
            expected = (rules.count + 1)...(rules.count + 1)
        }
        // Sub-stages of a Consensus stage are Label or Plugin stages that lead back to their parent.
        if let parent = stage.consensusID, !parent.isEmpty {
            guard ids.contains(parent), self.stage(id: parent)?.type == .consensus else {
                throw DomainError.invalid("stage \(stage.id): consensusId \(parent) is not a Consensus stage")
            }
            guard type == .label || type == .plugin else {
                throw DomainError.invalid("stage \(stage.id): a consensus sub-stage must be a Label or Plugin stage")
            }
            // Ango writes next: [parent]; an empty next means the same (the engine routes back).
            guard stage.next == [parent] || stage.next.isEmpty else {
                throw DomainError.invalid("stage \(stage.id): a consensus sub-stage's next must be [\"\(parent)\"]")
            }
            return
        }
        if type == .consensus {
            let subs = stages.filter { $0.consensusID == stage.id }.count
            guard (1...10).contains(subs) else {
                throw DomainError.invalid("stage \(stage.id): a Consensus stage needs 1 to 10 sub-stages, has \(subs)")
            }
        }
        guard expected.contains(count) else {
            let want = expected.lowerBound
            throw DomainError.invalid("stage \(stage.id): a \(type.rawValue) stage needs \(want) output\(want == 1 ? "" : "s"), has \(count)")
        }
    }

    private func completeIsReachable(from start: Stage) -> Bool {
        var visited: Set<String> = [start.id]
        var frontier = [start]
        while let stage = frontier.popLast() {
            if stage.type == .complete { return true }
            var targets = stage.next
            // A Consensus stage's work happens in its sub-stages, which lead back to it.
            if stage.type == .consensus { targets += stages.filter { $0.consensusID == stage.id }.map(\.id) }
            for id in targets where visited.insert(id).inserted {
                if let next = self.stage(id: id) { frontier.append(next) }
            }
        }
        return false
    }
}

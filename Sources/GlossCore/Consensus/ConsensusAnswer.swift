/// One judgement's answer reduced to what consensus compares: its scorable tool objects and its
/// non-empty top-level classification answers. Relations and nested classifications are dropped.
struct ConsensusAnswer {
    /// A tool object of a scorable kind.
    struct ToolObject {
        var schemaID: String
        var kind: String
        /// Nil when the geometry is missing or malformed: the object still counts, matching nothing.
        var shape: ConsensusShape?
        var title: String?
    }

    /// A top-level classification with a non-empty answer.
    struct Classification {
        var schemaID: String
        var tool: String?
        var answer: JSONValue
        var title: String?
    }

    private(set) var objects: [ToolObject] = []
    private(set) var classifications: [Classification] = []

    /// Reads an answer object; anything that is not an object reads as an empty answer.
    init(_ answer: JSONValue, schema: ConsensusSchemaIndex) {
        for item in answer["tools"]?.arrayValue ?? [] {
            guard let id = ConsensusSchemaIndex.schemaID(item["schemaId"]),
                  let kind = Self.kind(of: item, schemaTool: schema.tools[id]?.tool) else { continue }
            let shape = item[kind].flatMap { ConsensusShape(kind: kind, geometry: $0) }
            objects.append(ToolObject(schemaID: id, kind: kind, shape: shape, title: item["title"]?.stringValue))
        }
        var seen = Set<String>()
        for item in answer["classifications"]?.arrayValue ?? [] {
            // One answer per class: a repeated schemaId after a non-empty answer is ignored.
            guard let id = ConsensusSchemaIndex.schemaID(item["schemaId"]), !seen.contains(id),
                  let value = item["answer"], !ClassificationAnswer.isEmpty(value) else { continue }
            seen.insert(id)
            classifications.append(Classification(schemaID: id, tool: item["tool"]?.stringValue, answer: value,
                                                  title: item["title"]?.stringValue))
        }
    }

    /// The scorable kind of a tool object, or nil when it is of an excluded or unknown kind. The
    /// object's own geometry key decides; the schema's `tool` is the fallback when it has none.
    static func kind(of object: JSONValue, schemaTool: String?) -> String? {
        guard let fields = object.objectValue else { return nil }
        // A null or false value is no key (e.g. `"medical-brush": false`).
        func has(_ key: String) -> Bool { fields[key].map { $0 != .null && $0 != .bool(false) } ?? false }
        if ConsensusShape.excludedKinds.contains(where: has) { return nil }
        if let kind = ConsensusShape.scorableKinds.first(where: has) { return kind }
        if let schemaTool, ConsensusShape.scorableKinds.contains(schemaTool) { return schemaTool }
        return nil
    }
}

/// The parts of a project's category schema that answer validation needs, read once per validation.
/// Malformed schema entries (no string `schemaId`) are skipped: the schema is stored verbatim and a
/// broken entry must not make every answer invalid.
struct SchemaIndex {
    /// A class of `categorySchema.tools`.
    struct Tool {
        var schemaID: String
        var kind: String
        var title: String
        var classifications: [Classification]
    }

    /// A classification question, top-level or nested.
    struct Classification {
        var schemaID: String
        var kind: String
        var title: String
        var required: Bool
        var regex: String?
        var options: [Option]
        var children: [Classification]
        var parentOptionID: String?
        /// Where this entry sits in the schema (`schema.tools[0].classifications[1]`), for schema problems.
        var schemaPath: String

        /// The option an answer string names, by value (Ango exports) or by schemaId (older clients).
        func option(named answer: String) -> Option? {
            options.first { $0.value == answer || $0.schemaID == answer }
        }
    }

    /// One answer option of a classification.
    struct Option {
        var value: String?
        var schemaID: String?
    }

    /// A class of `categorySchema.relations`.
    struct Relation {
        var schemaID: String
        var kind: String
        var title: String
        var classifications: [Classification]
    }

    var tools: [Tool] = []
    var classifications: [Classification] = []
    var relations: [Relation] = []

    init(_ schema: JSONValue) {
        for (index, entry) in Self.entries(schema["tools"]) {
            guard let id = entry["schemaId"]?.stringValue else { continue }
            let nested = Self.classifications(entry["classifications"], at: "schema.tools[\(index)].classifications")
            tools.append(Tool(schemaID: id, kind: entry["tool"]?.stringValue ?? "", title: entry["title"]?.stringValue ?? "",
                              classifications: nested))
        }
        classifications = Self.classifications(schema["classifications"], at: "schema.classifications")
        for (index, entry) in Self.entries(schema["relations"]) {
            guard let id = entry["schemaId"]?.stringValue else { continue }
            let nested = Self.classifications(entry["classifications"], at: "schema.relations[\(index)].classifications")
            relations.append(Relation(schemaID: id, kind: entry["tool"]?.stringValue ?? "", title: entry["title"]?.stringValue ?? "",
                                      classifications: nested))
        }
    }

    /// The tool class with `schemaID` (the first, if the schema repeats an id).
    func tool(id: String) -> Tool? { tools.first { $0.schemaID == id } }

    /// Every tool class titled exactly `title`.
    func tools(titled title: String) -> [Tool] { tools.filter { $0.title == title } }

    /// The relation class with `schemaID`.
    func relation(id: String) -> Relation? { relations.first { $0.schemaID == id } }

    /// The object entries of a schema list, with their positions.
    private static func entries(_ list: JSONValue?) -> [(Int, JSONValue)] {
        (list?.arrayValue ?? []).enumerated().compactMap { $0.element.objectValue == nil ? nil : ($0.offset, $0.element) }
    }

    /// Parses a list of classification entries, recursively.
    private static func classifications(_ list: JSONValue?, at path: String) -> [Classification] {
        entries(list).compactMap { index, entry in
            guard let id = entry["schemaId"]?.stringValue else { return nil }
            let here = "\(path)[\(index)]"
            let options = (entry["options"]?.arrayValue ?? []).compactMap { option -> Option? in
                guard option.objectValue != nil else { return nil }
                return Option(value: option["value"]?.stringValue, schemaID: option["schemaId"]?.stringValue)
            }
            // The SDK writes `regex: null` and `parentOptionId: null` for "none"; treat "" the same way.
            let regex = entry["regex"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let parent = entry["parentOptionId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            return Classification(schemaID: id, kind: entry["tool"]?.stringValue ?? "", title: entry["title"]?.stringValue ?? "",
                                  required: entry["required"]?.boolValue == true, regex: regex, options: options,
                                  children: classifications(entry["classifications"], at: "\(here).classifications"),
                                  parentOptionID: parent, schemaPath: here)
        }
    }
}

/// Checks a stored-shape answer (`AnswerInput.normalize` output) against a project's category schema.
/// Built-in rules only (behaviour spec §10): the project's custom JavaScript validation is separate.
public enum AnswerValidator {
    /// Every problem with `answer` under `schema`, in answer order (empty when it is valid).
    /// With `submitting` false (a save) required questions and text regexes are not checked.
    public static func problems(in answer: JSONValue, schema: JSONValue, submitting: Bool) -> [AnswerProblem] {
        problems(in: answer, index: SchemaIndex(schema), submitting: submitting)
    }

    static func problems(in answer: JSONValue, index: SchemaIndex, submitting: Bool) -> [AnswerProblem] {
        guard answer.objectValue != nil else { return [AnswerProblem(path: "answer", message: "must be an object")] }
        var found: [AnswerProblem] = []
        var classifications = ClassificationCheck(submitting: submitting)

        let tools = list(answer["tools"], named: "tools", into: &found)
        var objectIDs: [String: Int] = [:]
        for (position, tool) in tools.enumerated() {
            found += checkTool(tool, at: position, index: index, objectIDs: &objectIDs, classifications: &classifications)
            found += classifications.takeProblems()
        }
        classifications.checkList(answer["classifications"], schemas: index.classifications, at: "classifications")
        found += classifications.takeProblems()
        let relations = list(answer["relations"], named: "relations", into: &found)
        found += RelationCheck.check(relations, index: index, objectIDs: Set(objectIDs.keys), classifications: &classifications)
        return unique(found)
    }

    /// Throws `DomainError.invalid` listing every problem ("answer has 2 problems: p1; p2") when there are any.
    public static func check(_ answer: JSONValue, schema: JSONValue, submitting: Bool) throws {
        try check(answer, index: SchemaIndex(schema), submitting: submitting)
    }

    /// Checks `answer` like `check`, then returns it as it is stored: with each class's title
    /// filled in (`AnswerTitles`). One pass over the schema serves both.
    public static func validated(_ answer: JSONValue, schema: JSONValue, submitting: Bool) throws -> JSONValue {
        let index = SchemaIndex(schema)
        try check(answer, index: index, submitting: submitting)
        return AnswerTitles.fill(answer, index: index)
    }

    static func check(_ answer: JSONValue, index: SchemaIndex, submitting: Bool) throws {
        let found = problems(in: answer, index: index, submitting: submitting)
        guard !found.isEmpty else { return }
        let noun = found.count == 1 ? "problem" : "problems"
        throw DomainError.invalid("answer has \(found.count) \(noun): " + found.map(\.description).joined(separator: "; "))
    }

    /// One tool object: its class, its objectId, its geometry and its nested classifications.
    private static func checkTool(_ tool: JSONValue, at position: Int, index: SchemaIndex, objectIDs: inout [String: Int],
                                  classifications: inout ClassificationCheck) -> [AnswerProblem] {
        let path = "tools[\(position)]"
        guard let object = tool.objectValue else { return [AnswerProblem(path: path, message: "must be an object")] }
        var found: [AnswerProblem] = []
        if let id = object["objectId"]?.stringValue, !id.isEmpty {
            if let first = objectIDs[id] {
                found.append(AnswerProblem(path: "\(path).objectId", message: "\"\(id)\" is already used by tools[\(first)]"))
            } else {
                objectIDs[id] = position
            }
        } else {
            found.append(AnswerProblem(path: "\(path).objectId", message: "is required and must be a non-empty string"))
        }
        let (resolved, problem) = resolve(object, index: index, at: path)
        guard let schema = resolved else { return found + [problem].compactMap { $0 } }
        found += GeometryCheck.problems(kind: schema.kind, object: object, at: path)
        classifications.checkList(object["classifications"], schemas: schema.classifications, at: "\(path).classifications")
        return found
    }

    /// The schema tool an object belongs to: by `schemaId`, or by a `title` that names exactly one tool.
    private static func resolve(_ object: [String: JSONValue], index: SchemaIndex, at path: String) -> (SchemaIndex.Tool?, AnswerProblem?) {
        if let value = object["schemaId"], !value.isNull {
            guard let id = value.stringValue else { return (nil, AnswerProblem(path: "\(path).schemaId", message: "must be a string, not a \(value.typeName)")) }
            guard let tool = index.tool(id: id) else {
                return (nil, AnswerProblem(path: "\(path).schemaId", message: "\"\(id)\" is not a tool of the category schema"))
            }
            return (tool, nil)
        }
        guard let title = object["title"]?.stringValue else {
            return (nil, AnswerProblem(path: "\(path).schemaId", message: "is required (or a title naming one tool)"))
        }
        let matches = index.tools(titled: title)
        switch matches.count {
        case 1: return (matches[0], nil)
        case 0: return (nil, AnswerProblem(path: "\(path).title", message: "\"\(title)\" is not the title of any tool; send schemaId"))
        default: return (nil, AnswerProblem(path: "\(path).title", message: "\"\(title)\" is the title of \(matches.count) tools; send schemaId"))
        }
    }

    /// The items of a top-level list; a list that is present but not an array is a problem.
    private static func list(_ value: JSONValue?, named name: String, into found: inout [AnswerProblem]) -> [JSONValue] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else {
            found.append(AnswerProblem(path: name, message: "must be an array"))
            return []
        }
        return items
    }

    /// Problems without repeats (one broken schema regex used by many objects is reported once).
    private static func unique(_ problems: [AnswerProblem]) -> [AnswerProblem] {
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }
}

import Foundation

/// Checks classification answers against the schema, recursively: types and options always,
/// `required` and `regex` only when submitting (drafts may be incomplete).
struct ClassificationCheck {
    /// What a nested list knows about the classification answer it hangs under.
    struct Parent {
        /// Whether the parent is answered; nested questions are only required under an answered parent.
        var answered: Bool
        /// Option schemaIds the parent answer chose, for conditional (`parentOptionId`) questions.
        var chosen: Set<String>
    }

    /// Kinds whose answer is one string.
    private static let single: Set<String> = ["radio", "single-dropdown", "text"]
    /// Kinds whose answer is an array of strings.
    private static let multiple: Set<String> = ["checkbox", "multi-dropdown", "tree-dropdown"]
    /// Kinds whose answers must name one of the schema's options (when it lists any).
    private static let optioned: Set<String> = ["radio", "single-dropdown", "checkbox", "multi-dropdown", "tree-dropdown"]

    let submitting: Bool
    private(set) var problems: [AnswerProblem] = []
    /// Compiled schema regexes by pattern; `nil` for a pattern that does not compile.
    private var regexes: [String: NSRegularExpression?] = [:]

    init(submitting: Bool) { self.submitting = submitting }

    /// Whether an answer value counts as answered: a non-blank string, a non-empty array, any bool,
    /// any number, a non-empty object.
    static func isAnswered(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .string(let text)?: return !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .array(let items)?: return !items.isEmpty
        case .object(let members)?: return !members.isEmpty
        case .bool?, .int?, .double?: return true
        }
    }

    /// Checks the `classifications` list at `path` whose entries must be among `schemas`;
    /// `parent` is nil for lists directly under a tool object, a relation or the answer itself.
    mutating func checkList(_ value: JSONValue?, schemas: [SchemaIndex.Classification], at path: String, parent: Parent? = nil) {
        guard let value, !value.isNull else { return requireAnswers(in: [], schemas: schemas, at: path, parent: parent) }
        guard let items = value.arrayValue else { return add(path, "must be an array") }
        for (index, item) in items.enumerated() {
            checkItem(item, schemas: schemas, at: "\(path)[\(index)]")
        }
        requireAnswers(in: items, schemas: schemas, at: path, parent: parent)
    }

    /// One classification answer `{schemaId, answer, classifications?}`.
    private mutating func checkItem(_ item: JSONValue, schemas: [SchemaIndex.Classification], at path: String) {
        guard item.objectValue != nil else { return add(path, "must be an object") }
        guard let idValue = item["schemaId"], !idValue.isNull else { return add("\(path).schemaId", "is required") }
        guard let id = idValue.stringValue else { return add("\(path).schemaId", "must be a string, not a \(idValue.typeName)") }
        guard let schema = schemas.first(where: { $0.schemaID == id }) else {
            return add("\(path).schemaId", "\"\(id)\" is not a classification at this level of the category schema")
        }
        let answer = item["answer"]?.present
        if let answer { checkAnswer(answer, schema: schema, at: "\(path).answer") }
        let parent = Parent(answered: Self.isAnswered(answer), chosen: Self.chosenOptions(answer, schema: schema))
        checkList(item["classifications"], schemas: schema.children, at: "\(path).classifications", parent: parent)
    }

    /// The answer's JSON type, its options and (on submit) its regex.
    private mutating func checkAnswer(_ answer: JSONValue, schema: SchemaIndex.Classification, at path: String) {
        let kind = schema.kind
        if Self.single.contains(kind) {
            guard let text = answer.stringValue else { return add(path, "must be a string for a \(kind) classification, not a \(answer.typeName)") }
            checkOption(text, schema: schema, at: path)
            if kind == "text", submitting, Self.isAnswered(answer) { checkRegex(text, schema: schema, at: path) }
        } else if Self.multiple.contains(kind) {
            guard let items = answer.arrayValue else { return add(path, "must be an array of strings for a \(kind) classification, not a \(answer.typeName)") }
            for (index, element) in items.enumerated() {
                guard let text = element.stringValue else { add("\(path)[\(index)]", "must be a string, not a \(element.typeName)"); continue }
                checkOption(text, schema: schema, at: "\(path)[\(index)]")
            }
        } else if kind == "boolean", answer.boolValue == nil {
            add(path, "must be true or false for a boolean classification, not a \(answer.typeName)")
        } else if kind == "rank", answer.arrayValue == nil {
            add(path, "must be an array for a rank classification, not a \(answer.typeName)")
        }
    }

    /// A chosen string must be one of the schema's options, by value or by option schemaId.
    private mutating func checkOption(_ text: String, schema: SchemaIndex.Classification, at path: String) {
        guard Self.optioned.contains(schema.kind), !schema.options.isEmpty, schema.option(named: text) == nil else { return }
        let values = schema.options.compactMap { $0.value ?? $0.schemaID }.map { "\"\($0)\"" }.joined(separator: ", ")
        add(path, "\"\(text)\" is not an option of \"\(schema.title)\" (options: \(values))")
    }

    /// A text answer must match the schema's regex as a whole.
    private mutating func checkRegex(_ text: String, schema: SchemaIndex.Classification, at path: String) {
        guard let pattern = schema.regex else { return }
        if regexes[pattern] == nil {
            // \A...\z rather than ^...$: `$` also matches before a trailing newline.
            regexes[pattern] = .some(try? NSRegularExpression(pattern: "\\A(?:\(pattern))\\z"))
        }
        guard let compiled = regexes[pattern] ?? nil else {
            return add("\(schema.schemaPath).regex", "\"\(pattern)\" is not a valid regular expression; fix the category schema")
        }
        let range = NSRange(text.startIndex..., in: text)
        if compiled.firstMatch(in: text, range: range) == nil {
            add(path, "does not match the pattern \"\(pattern)\" of \"\(schema.title)\"")
        }
    }

    /// On submit: every required question at this level is answered (conditional ones only when their option is chosen).
    private mutating func requireAnswers(in items: [JSONValue], schemas: [SchemaIndex.Classification], at path: String, parent: Parent?) {
        guard submitting else { return }
        if let parent, !parent.answered { return }
        for schema in schemas where schema.required {
            if let parent, let option = schema.parentOptionID, !parent.chosen.contains(option) { continue }
            let answered = items.contains { $0["schemaId"]?.stringValue == schema.schemaID && Self.isAnswered($0["answer"]) }
            if !answered { add(path, "required classification \"\(schema.title)\" (schemaId \(schema.schemaID)) is not answered") }
        }
    }

    /// Option schemaIds an answer chose; strings naming no option are kept as they are.
    private static func chosenOptions(_ answer: JSONValue?, schema: SchemaIndex.Classification) -> Set<String> {
        let texts = answer?.stringValue.map { [$0] } ?? (answer?.arrayValue ?? []).compactMap(\.stringValue)
        return Set(texts.map { schema.option(named: $0)?.schemaID ?? $0 })
    }

    /// The problems found so far, leaving the list empty (the regex cache is kept).
    mutating func takeProblems() -> [AnswerProblem] {
        defer { problems = [] }
        return problems
    }

    private mutating func add(_ path: String, _ message: String) {
        problems.append(AnswerProblem(path: path, message: message))
    }
}

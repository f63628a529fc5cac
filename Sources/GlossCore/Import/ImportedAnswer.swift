/// Makes an imported answer (label import or pre-labels on cloud items) into a stored one:
/// classes given by `title` get their `schemaId`, the answer is normalized (`objects` -> `tools`,
/// object ids), and checked against the schema like a save. Titles that several classes share
/// resolve to the first in schema order (Ango picks one at random; Gloss is deterministic).
public enum ImportedAnswer {
    /// The stored form of `answer`, or `DomainError.invalid` naming the first problem.
    public static func prepare(_ answer: JSONValue, schema: JSONValue, ids: any IDGenerator) throws -> JSONValue {
        let index = SchemaIndex(schema)
        var object = answer.objectValue ?? [:]
        for key in ["objects", "tools"] {
            guard let list = object[key]?.arrayValue else { continue }
            object[key] = .array(try list.enumerated().map { i, item in
                try withSchemaID(item, at: "\(key)[\(i)]", byTitle: { title in index.tools(titled: title).first?.schemaID },
                                 nested: { item in try nestedClassifications(item, index: index, at: "\(key)[\(i)]") })
            })
        }
        if let list = object["classifications"]?.arrayValue {
            object["classifications"] = .array(try classifications(list, in: index.classifications, index: index, at: "classifications"))
        }
        if let list = object["relations"]?.arrayValue {
            object["relations"] = .array(try list.enumerated().map { i, item in
                try withSchemaID(item, at: "relations[\(i)]", byTitle: { title in index.relations.first { r in r.title == title }?.schemaID },
                                 nested: { item in item })
            })
        }
        let normalized = try AnswerInput.normalize(.object(object), ids: ids)
        return try AnswerValidator.validated(normalized, schema: schema, submitting: false)
    }

    private static func nestedClassifications(_ item: JSONValue, index: SchemaIndex, at path: String) throws -> JSONValue {
        guard var object = item.objectValue, let list = object["classifications"]?.arrayValue else { return item }
        let scope = object["schemaId"]?.stringValue.flatMap { id in index.tool(id: id)?.classifications } ?? []
        object["classifications"] = .array(try classifications(list, in: scope, index: index, at: "\(path).classifications"))
        return .object(object)
    }

    /// Resolves titles among `scope` (the classes allowed at this level), recursing into children.
    private static func classifications(_ list: [JSONValue], in scope: [SchemaIndex.Classification], index: SchemaIndex,
                                        at path: String) throws -> [JSONValue] {
        try list.enumerated().map { i, item in
            var resolvedScope: [SchemaIndex.Classification] = []
            let resolved = try withSchemaID(item, at: "\(path)[\(i)]", byTitle: { title in scope.first { c in c.title == title }?.schemaID },
                                            nested: { item in item })
            let id = resolved["schemaId"]?.stringValue
            resolvedScope = scope.first { c in c.schemaID == id }?.children ?? []
            guard var object = resolved.objectValue, let children = object["classifications"]?.arrayValue else { return resolved }
            object["classifications"] = .array(try classifications(children, in: resolvedScope, index: index, at: "\(path)[\(i)].classifications"))
            return .object(object)
        }
    }

    private static func withSchemaID(_ item: JSONValue, at path: String, byTitle: (String) -> String?,
                                     nested: (JSONValue) throws -> JSONValue) throws -> JSONValue {
        guard var object = item.objectValue else { throw DomainError.invalid("\(path) must be an object") }
        if object["schemaId"]?.stringValue?.isEmpty ?? true {
            guard let title = object["title"]?.stringValue, !title.isEmpty else {
                throw DomainError.invalid("\(path) needs a schemaId or a title")
            }
            guard let id = byTitle(title) else { throw DomainError.invalid("\(path): no class titled \"\(title)\" in the schema") }
            object["schemaId"] = .string(id)
        }
        return try nested(.object(object))
    }
}

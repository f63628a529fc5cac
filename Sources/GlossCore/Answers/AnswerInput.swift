/// Turns an answer as clients send it into the stored shape `{tools, classifications, relations}`.
public enum AnswerInput {
    /// The lists besides `tools`, stored under their own names.
    private static let lists = ["classifications", "relations"]

    /// Normalizes a client answer (`/annotate`, task submit, plugin merges).
    ///
    /// - `objects` (what the Python SDK sends) is stored as `tools`; sending both is refused.
    /// - Missing or `null` lists become `[]`; every list must be an array of objects.
    /// - Tool objects without an `objectId` (missing, `null` or `""`) get one from `ids`.
    /// - Other top-level keys (e.g. `brushDataUrl`) are kept verbatim.
    /// Throws `DomainError.invalid` naming the first malformed path.
    public static func normalize(_ answer: JSONValue, ids: any IDGenerator) throws -> JSONValue {
        guard var object = answer.objectValue else { throw DomainError.invalid("answer must be an object") }
        // A `null` list counts as absent, so `{objects: [...], tools: null}` is not a conflict.
        let objects = object.removeValue(forKey: "objects")?.present
        let tools = object.removeValue(forKey: "tools")?.present
        if objects != nil && tools != nil {
            throw DomainError.invalid("answer has both objects and tools; send the tool objects under one of them")
        }
        // Errors name the key the client used, so they can find the item in their own payload.
        let toolKey = objects != nil ? "objects" : "tools"
        var toolList = try list(objects ?? tools, at: "answer.\(toolKey)")
        for index in toolList.indices {
            toolList[index] = try withObjectID(toolList[index], at: "answer.\(toolKey)[\(index)]", ids: ids)
        }
        object["tools"] = .array(toolList)
        for key in lists {
            object[key] = .array(try list(object[key], at: "answer.\(key)"))
        }
        return .object(object)
    }

    /// The items of a list that must be an array of objects (absent or `null` means empty).
    private static func list(_ value: JSONValue?, at path: String) throws -> [JSONValue] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw DomainError.invalid("\(path) must be an array") }
        for (index, item) in items.enumerated() where item.objectValue == nil {
            throw DomainError.invalid("\(path)[\(index)] must be an object")
        }
        return items
    }

    /// The tool object with an `objectId`, newly assigned when it has none.
    private static func withObjectID(_ tool: JSONValue, at path: String, ids: any IDGenerator) throws -> JSONValue {
        guard var object = tool.objectValue else { return tool }
        switch object["objectId"] {
        case nil, .null?, .string("")?:
            object["objectId"] = .string(ids.next())
        case .string?:
            break
        case let other?:
            throw DomainError.invalid("\(path).objectId must be a string, not a \(other.typeName)")
        }
        return .object(object)
    }
}

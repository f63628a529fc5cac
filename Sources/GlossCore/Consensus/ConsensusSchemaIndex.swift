/// What consensus needs from a category schema: each class's title, tool kind and answer options.
struct ConsensusSchemaIndex {
    /// One tool or classification class of the schema.
    struct Entry {
        var title: String?
        var tool: String?
        /// Option schemaId -> option value, to read legacy answers that stored the option id.
        var optionValues: [String: String] = [:]
    }

    private(set) var tools: [String: Entry] = [:]
    private(set) var classifications: [String: Entry] = [:]

    /// Indexes `schema.tools` and `schema.classifications`; anything malformed is skipped, since
    /// scoring must not fail on a schema the project accepted.
    init(_ schema: JSONValue) {
        tools = Self.entries(schema["tools"])
        classifications = Self.entries(schema["classifications"])
    }

    private static func entries(_ list: JSONValue?) -> [String: Entry] {
        var result: [String: Entry] = [:]
        for item in list?.arrayValue ?? [] {
            guard let id = schemaID(item["schemaId"]), result[id] == nil else { continue }
            var entry = Entry(title: item["title"]?.stringValue, tool: item["tool"]?.stringValue)
            for option in item["options"]?.arrayValue ?? [] {
                if let optionID = schemaID(option["schemaId"]), let value = option["value"]?.stringValue {
                    entry.optionValues[optionID] = value
                }
            }
            result[id] = entry
        }
        return result
    }

    /// A schemaId as text; integers are accepted because some clients send numeric ids.
    static func schemaID(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .int(let number)?: return String(number)
        default: return nil
        }
    }
}

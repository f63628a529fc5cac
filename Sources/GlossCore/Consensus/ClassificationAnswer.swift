import Foundation

/// Normal forms of classification answers, so that equal answers compare equal.
enum ClassificationAnswer {
    /// Classification kinds whose list answers are unordered sets of choices.
    static let setKinds: Set<String> = ["checkbox", "multi-dropdown", "tree-dropdown"]

    /// Whether an answer says nothing: null, blank text or an empty list. Such an answer counts as absent.
    static func isEmpty(_ answer: JSONValue) -> Bool {
        switch answer {
        case .null: return true
        case .string(let text): return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .array(let items): return items.isEmpty
        default: return false
        }
    }

    /// The comparable form of an answer: text trimmed, numbers as doubles (so 1 equals 1.0), a
    /// legacy option schemaId replaced by the option's value, and for `setKinds` the list
    /// de-duplicated and sorted.
    static func canonical(_ answer: JSONValue, kind: String?, optionValues: [String: String]) -> JSONValue {
        let knownValues = Set(optionValues.values)
        func normal(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                // Old answers stored the option's schemaId instead of its value; a real value wins.
                if !knownValues.contains(trimmed), let optionValue = optionValues[trimmed] { return .string(optionValue) }
                return .string(trimmed)
            case .int(let number): return .double(Double(number))
            case .array(let items): return .array(items.map(normal))
            case .object(let fields): return .object(fields.mapValues(normal))
            case .null, .bool, .double: return value
            }
        }
        let value = normal(answer)
        guard let kind, setKinds.contains(kind), case .array(let items) = value else { return value }
        let unique = Dictionary(items.map { ($0.jsonText(), $0) }, uniquingKeysWith: { first, _ in first })
        return .array(unique.keys.sorted().compactMap { unique[$0] })
    }
}

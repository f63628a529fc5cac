/// The project's error codes (`errorSchema` setting): categories, each with codes.
///
/// Stored shape (Ango Hub does not publish one): `{"categories": [{"name": "Wrong", "codes":
/// [{"name": "Wrong class", "key": "W1"}]}]}`. Without a stored schema the three categories of
/// Ango Hub v3 apply (Wrong, Missing, Unqualified), with free-text codes.
public struct ErrorSchema: Sendable, Hashable {
    /// One category.
    public struct Category: Sendable, Hashable {
        /// Its name.
        public var name: String
        /// Its codes; empty means any code name is accepted.
        public var codeList: [Code]
        /// One code: a name and an optional short key.
        public struct Code: Sendable, Hashable {
            /// Code name.
            public var name: String
            /// Short key.
            public var key: String?
        }
    }
    /// The categories.
    public var categories: [Category]

    /// Ango Hub v3's fixed categories.
    public static let defaultCategories = ["Wrong", "Missing", "Unqualified"]

    /// The schema of a project's settings (the default one when none is stored).
    public init(settings: ProjectSettings) {
        if let stored = settings.values["errorSchema"], let parsed = try? ErrorSchema.parse(stored) {
            self = parsed
        } else {
            categories = Self.defaultCategories.map { Category(name: $0, codeList: []) }
        }
    }

    init(categories: [Category]) { self.categories = categories }

    /// Parses and checks an `errorSchema` value (400 naming the first problem).
    public static func parse(_ value: JSONValue) throws -> ErrorSchema {
        guard let list = value["categories"]?.arrayValue else {
            throw DomainError.invalid("errorSchema must be an object with categories: [{name, codes: [{name, key?}]}]")
        }
        var names = Set<String>()
        let categories = try list.enumerated().map { index, item -> Category in
            guard let name = item["name"]?.stringValue?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw DomainError.invalid("errorSchema.categories[\(index)].name must be a non-empty string")
            }
            guard names.insert(name.lowercased()).inserted else { throw DomainError.invalid("errorSchema category \(name) appears twice") }
            var codeNames = Set<String>(), keys = Set<String>()
            let codes = try (item["codes"]?.arrayValue ?? []).enumerated().map { codeIndex, code -> Category.Code in
                let at = "errorSchema.categories[\(index)].codes[\(codeIndex)]"
                guard let codeName = code["name"]?.stringValue?.trimmingCharacters(in: .whitespaces), !codeName.isEmpty else {
                    throw DomainError.invalid("\(at).name must be a non-empty string")
                }
                guard codeNames.insert(codeName).inserted else { throw DomainError.invalid("\(at): code \(codeName) appears twice in \(name)") }
                var key: String?
                if let value = code["key"], !value.isNull {
                    guard let text = value.stringValue else { throw DomainError.invalid("\(at).key must be a string") }
                    if !text.isEmpty {
                        guard keys.insert(text).inserted else { throw DomainError.invalid("\(at): key \(text) appears twice in \(name)") }
                        key = text
                    }
                }
                return Category.Code(name: codeName, key: key)
            }
            return Category(name: name, codeList: codes)
        }
        return ErrorSchema(categories: categories)
    }

    /// Checks issue error codes against the schema: the category must exist and, when it lists
    /// codes, the code must be one of them (by name or key). Returns them with the schema's spelling.
    public func check(_ codes: [IssueErrorCode]) throws -> [IssueErrorCode] {
        try codes.map { code in
            guard let category = categories.first(where: { $0.name.lowercased() == code.category.lowercased() }) else {
                throw DomainError.invalid("error code category \(code.category) is not in this project's error schema (\(categories.map(\.name).joined(separator: ", ")))")
            }
            if category.codeList.isEmpty { return IssueErrorCode(category: category.name, name: code.name, key: code.key) }
            guard let match = category.codeList.first(where: { $0.name == code.name || (code.key != nil && $0.key == code.key) }) else {
                throw DomainError.invalid("error code \(code.name) is not a code of category \(category.name)")
            }
            return IssueErrorCode(category: category.name, name: match.name, key: match.key)
        }
    }
}


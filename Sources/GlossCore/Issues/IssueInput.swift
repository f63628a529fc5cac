/// Parsing of the issue routes' bodies. Every field is checked before anything is written.
public enum IssueInput {
    /// What `POST /issues` (and a Reject that opens an issue) asks for, before the task is known.
    public struct Draft: Sendable, Hashable {
        /// Task id (`labelTask`); a Reject body may leave it out.
        public var taskID: String?
        /// Text.
        public var content: String
        /// Where it points.
        public var location: IssueLocation
        /// Error codes as sent (checked against the project's schema later).
        public var errorCodes: [IssueErrorCode]
        /// Point-cloud details.
        public var pctDetails: JSONValue?
        /// Mentioned emails (lower-cased, checked against the organization later).
        public var mentions: [String]
    }

    /// What `POST /issues/{id}` changes; nil fields stay as they are.
    public struct Change: Sendable, Hashable {
        /// New text.
        public var content: String?
        /// New mentions (only with content, as the SDK sends them).
        public var mentions: [String]?
        /// New state.
        public var status: IssueStatus?
        /// New point-cloud details.
        public var pctDetails: JSONValue?
        /// New error codes.
        public var errorCodes: [IssueErrorCode]?
    }

    static let locationKeys = ["position", "page", "pageEnd", "dataIndex", "plane"]

    /// Parses a create body. `requireTask` is false for the issue inside a review's body.
    public static func draft(_ body: JSONValue, requireTask: Bool = true) throws -> Draft {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        var taskID: String?
        if let value = object["labelTask"], !value.isNull {
            guard let text = value.stringValue, !text.isEmpty else { throw DomainError.invalid("labelTask must be a task id string") }
            taskID = text
        } else if requireTask {
            throw DomainError.invalid("labelTask (the task id) is required")
        }
        let content = try requiredText(object["content"], field: "content")
        var location = IssueLocation()
        if let value = object["objectId"], !value.isNull {
            guard let text = value.stringValue, !text.isEmpty else { throw DomainError.invalid("objectId must be a non-empty string") }
            let given = locationKeys.filter { object[$0].map { !$0.isNull } ?? false }
            if !given.isEmpty {
                throw DomainError.invalid("objectId cannot be combined with a location (\(given.joined(separator: ", "))): an issue points at an object or at a place")
            }
            location.objectID = text
        }
        if let value = object["position"], !value.isNull {
            switch value {
            case .string(let text): location.position = text
            case .int, .double, .array: location.position = value.jsonText()
            default: throw DomainError.invalid("position must be a string such as \"[25, 15]\" or \"54\"")
            }
        }
        location.page = try index(object["page"], field: "page")
        location.pageEnd = try index(object["pageEnd"], field: "pageEnd")
        if let end = location.pageEnd {
            guard let page = location.page else { throw DomainError.invalid("pageEnd requires page") }
            guard end >= page else { throw DomainError.invalid("pageEnd (\(end)) must not be before page (\(page))") }
        }
        location.dataIndex = try index(object["dataIndex"], field: "dataIndex")
        if let value = object["plane"], !value.isNull {
            guard let text = value.stringValue, ["A", "S", "C"].contains(text) else {
                throw DomainError.invalid("plane must be A (axial), S (sagittal) or C (coronal)")
            }
            location.plane = text
        }
        return Draft(taskID: taskID, content: content, location: location, errorCodes: try errorCodes(object["errorCodes"]) ?? [],
                     pctDetails: try pctDetails(object["pctDetails"]), mentions: try mentions(object["contentMentions"]) ?? [])
    }

    /// Parses an update body; at least one field must be given.
    public static func change(_ body: JSONValue) throws -> Change {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        var change = Change()
        if let value = object["content"], !value.isNull { change.content = try requiredText(value, field: "content") }
        if let value = object["contentMentions"], !value.isNull {
            guard change.content != nil else { throw DomainError.invalid("contentMentions can only change together with content") }
            change.mentions = try mentions(value)
        }
        if let value = object["status"], !value.isNull {
            guard let text = value.stringValue, let status = IssueStatus(loose: text) else {
                throw DomainError.invalid("status must be one of Open, Resolved, Closed")
            }
            change.status = status
        }
        change.pctDetails = try pctDetails(object["pctDetails"])
        change.errorCodes = try errorCodes(object["errorCodes"])
        if change.content == nil && change.status == nil && change.pctDetails == nil && change.errorCodes == nil {
            throw DomainError.invalid("nothing to change: give content, status, errorCodes or pctDetails")
        }
        return change
    }

    /// Parses a comment body: `(content, mentions)`.
    public static func comment(_ body: JSONValue) throws -> (content: String, mentions: [String]) {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        return (try requiredText(object["content"], field: "content"), try mentions(object["contentMentions"]) ?? [])
    }

    static func requiredText(_ value: JSONValue?, field: String) throws -> String {
        guard let text = value?.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalid("\(field) is required and must be a non-empty string")
        }
        return text
    }

    static func index(_ value: JSONValue?, field: String) throws -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let number = value.intValue, number >= 0 else { throw DomainError.invalid("\(field) must be an integer, 0 or more") }
        return number
    }

    static func mentions(_ value: JSONValue?) throws -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let list = value.arrayValue else { throw DomainError.invalid("contentMentions must be an array of emails") }
        var seen = Set<String>()
        return try list.enumerated().compactMap { index, item in
            guard let text = item.stringValue else { throw DomainError.invalid("contentMentions[\(index)] must be an email string") }
            let email = try EmailAddress.validated(text, field: "contentMentions[\(index)]")
            return seen.insert(email).inserted ? email : nil
        }
    }

    static func errorCodes(_ value: JSONValue?) throws -> [IssueErrorCode]? {
        guard let value, !value.isNull else { return nil }
        guard let list = value.arrayValue else { throw DomainError.invalid("errorCodes must be an array of {category, name, key?}") }
        return try list.enumerated().map { index, item in
            guard let category = item["category"]?.stringValue, !category.isEmpty, let name = item["name"]?.stringValue, !name.isEmpty else {
                throw DomainError.invalid("errorCodes[\(index)] needs category and name strings")
            }
            if let key = item["key"], !key.isNull, key.stringValue == nil { throw DomainError.invalid("errorCodes[\(index)].key must be a string") }
            return IssueErrorCode(category: category, name: name, key: item["key"]?.stringValue)
        }
    }

    static func pctDetails(_ value: JSONValue?) throws -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        guard value.objectValue != nil else { throw DomainError.invalid("pctDetails must be an object") }
        return value
    }
}

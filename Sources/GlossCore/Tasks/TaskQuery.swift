import Foundation

/// One sort key: a whitelisted field and a direction.
public struct SortKey: Sendable, Hashable {
    /// The field.
    public var field: TaskField
    /// Descending when true.
    public var descending: Bool
    /// Creates a sort key.
    public init(_ field: TaskField, descending: Bool) { self.field = field; self.descending = descending }

    /// Parses `-createdAt,priority`: comma-separated fields, `-` for descending. Only scalar task
    /// fields sort (not `batches`).
    public static func parseList(_ text: String) throws -> [SortKey] {
        var keys: [SortKey] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let descending = part.hasPrefix("-")
            let name = descending || part.hasPrefix("+") ? String(part.dropFirst()) : part
            guard let field = TaskField(rawValue: name), field != .batches else { throw DomainError.invalid("cannot sort by \(name)") }
            keys.append(SortKey(field, descending: descending))
        }
        return keys
    }
}

/// A page request: 1-based page, limit 1...1000.
public struct PageRequest: Sendable, Hashable {
    /// 1-based page number.
    public var page: Int
    /// Rows per page.
    public var limit: Int
    /// The largest page size any list accepts.
    public static let maxLimit = 1000

    /// Checks page >= 1 and 1 <= limit <= 1000.
    public init(page: Int, limit: Int) throws {
        guard page >= 1 else { throw DomainError.invalid("page must be 1 or more") }
        guard (1...PageRequest.maxLimit).contains(limit) else { throw DomainError.invalid("limit must be from 1 to \(PageRequest.maxLimit)") }
        self.page = page; self.limit = limit
    }

    /// Rows to skip.
    public var offset: Int { (page - 1) * limit }
}

/// Everything `GET /project/{id}/tasks` asks for.
public struct TaskQuery: Sendable, Hashable {
    /// Project id.
    public var projectID: String
    /// Conditions.
    public var filter: TaskFilter
    /// Sort keys; empty means the default, newest first.
    public var sort: [SortKey]
    /// The page.
    public var page: PageRequest
    /// Whether to load answers.
    public var includeAnswer: Bool
    /// When set, only tasks this email holds or has completed a stage of (what a Labeler sees).
    public var visibleTo: String?

    /// Creates a query.
    public init(projectID: String, filter: TaskFilter = TaskFilter(), sort: [SortKey] = [], page: PageRequest, includeAnswer: Bool = false) {
        self.projectID = projectID; self.filter = filter; self.sort = sort; self.page = page; self.includeAnswer = includeAnswer
    }

    /// True when the order is the default (newest first) and nothing filters: the case the store
    /// answers by position seek instead of OFFSET.
    public var isDefaultOrderUnfiltered: Bool {
        filter.conditions.isEmpty && visibleTo == nil && (sort.isEmpty || sort == [SortKey(.createdAt, descending: true)])
    }
}

/// The `{taskIds, externalIds, assetIds, batches, fromStageIds}` selector of bulk task routes
/// (priority, requeue, delete). No keys means every task of the project; a key given with an
/// empty list matches nothing (a script whose computed id list came out empty must not touch the
/// whole project).
public struct TaskSelector: Sendable, Hashable {
    /// Task ids.
    public var taskIDs: [String] = []
    /// External ids.
    public var externalIDs: [String] = []
    /// Asset ids.
    public var assetIDs: [String] = []
    /// Batch ids.
    public var batches: [String] = []
    /// Stage ids the tasks must be in.
    public var fromStageIDs: [String] = []

    /// Set when a key was given with an empty list: the selector matches no task.
    public var matchesNothing = false

    /// An empty selector (all tasks).
    public init() {}

    /// Whether nothing narrows the selection.
    public var isEmpty: Bool {
        !matchesNothing && taskIDs.isEmpty && externalIDs.isEmpty && assetIDs.isEmpty && batches.isEmpty && fromStageIDs.isEmpty
    }

    /// Parses the selector object; every key must be an array of strings.
    public static func parse(_ value: JSONValue?) throws -> TaskSelector {
        var selector = TaskSelector()
        guard let value, !value.isNull else { return selector }
        guard let object = value.objectValue else { throw DomainError.invalid("filters must be an object") }
        for (key, raw) in object {
            if raw.isNull { continue }
            guard let list = raw.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw DomainError.invalid("filters.\(key) must be an array of strings")
            }
            let strings = list.compactMap(\.stringValue)
            if strings.isEmpty { selector.matchesNothing = true }
            switch key {
            case "taskIds": selector.taskIDs = strings
            case "externalIds": selector.externalIDs = strings
            case "assetIds": selector.assetIDs = strings
            case "batches": selector.batches = strings
            case "fromStageIds", "stageIds": selector.fromStageIDs = strings
            default: throw DomainError.invalid("unknown filters key: \(key)")
            }
        }
        return selector
    }
}

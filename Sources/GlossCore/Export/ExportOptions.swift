import Foundation

/// What `GET /export` (and `gloss export`) asks for, parsed and checked (spec §3.5, D3).
public struct ExportOptions: Sendable, Hashable {
    /// `task` exports tasks; `issue` exports the project's issues.
    public enum Kind: String, Sendable { case task, issue }

    /// Stage ids to export; nil means every stage.
    public var stageIDs: [String]?
    /// Batch ids or names (a task in any of them is exported); empty means every task.
    public var batches: [String]
    /// Task types to export.
    public var taskTypes: [TaskType]
    /// Output format.
    public var format: ExportFormat
    /// Tasks or issues.
    public var kind: Kind
    /// Whether exported assets carry `metadata`.
    public var includeMetadata: Bool
    /// Whether exported tasks carry `stageHistory`.
    public var includeHistory: Bool
    /// Whether exported tasks carry blur/idle durations.
    public var includeIdleBlurDurations: Bool
    /// Task creation time window.
    public var createdAt: TimeWindow
    /// Task update time window.
    public var updatedAt: TimeWindow
    /// Only these tasks (a Gloss extension for the web UI's "Export selected"); nil means no such
    /// limit. Selected tasks are exported from whatever stage they are in unless `stage` is given.
    public var taskIDs: [String]?
    /// Whether the requester gets an in-app notification when the export is ready
    /// (`doNotNotify=true` turns it off).
    public var notifies = true
    /// The most task ids one export may name.
    public static let maxTaskIDs = 1_000

    /// The defaults the SDK sends: Complete default tasks, JSON, with metadata and history.
    public init(stageIDs: [String]? = ["Complete"], batches: [String] = [], taskTypes: [TaskType] = [.default],
                format: ExportFormat = .json, kind: Kind = .task, includeMetadata: Bool = true, includeHistory: Bool = true,
                includeIdleBlurDurations: Bool = false, createdAt: TimeWindow = TimeWindow(), updatedAt: TimeWindow = TimeWindow()) {
        self.stageIDs = stageIDs; self.batches = batches; self.taskTypes = taskTypes; self.format = format; self.kind = kind
        self.includeMetadata = includeMetadata; self.includeHistory = includeHistory
        self.includeIdleBlurDurations = includeIdleBlurDurations; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Parses the query parameters the SDK's `ExportOptions.toDict` sends (all strings; lists and
    /// windows as JSON). `doNotNotify` suppresses the "export ready" notification; `sendEmail` and
    /// `includeOnlyKeyFrames` are accepted and have no effect (Gloss sends no email). Throws `DomainError.invalid` naming the bad parameter.
    public static func parse(_ query: [String: String]) throws -> ExportOptions {
        var options = ExportOptions(stageIDs: nil)
        if let text = query["format"] {
            guard let format = ExportFormat(rawValue: text.lowercased()) else {
                throw DomainError.invalid("format must be one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.format = format
        }
        if let text = query["type"] {
            guard let kind = Kind(rawValue: text) else { throw DomainError.invalid("type must be task or issue") }
            options.kind = kind
        }
        if let text = query["taskTypes"] {
            options.taskTypes = try stringList(text, name: "taskTypes").map { name in
                guard let type = TaskType(rawValue: name) else { throw DomainError.invalid("taskTypes: unknown task type \(name)") }
                return type
            }
            guard !options.taskTypes.isEmpty else { throw DomainError.invalid("taskTypes must name at least one type") }
        }
        if let text = query["doNotNotify"] { options.notifies = !["true", "1"].contains(text.lowercased()) }
        if let text = query["stage"] { options.stageIDs = try stringList(text, name: "stage") }
        if let text = query["taskIds"] {
            let ids = try stringList(text, name: "taskIds")
            guard !ids.isEmpty else { throw DomainError.invalid("taskIds must name at least one task") }
            guard ids.count <= maxTaskIDs else {
                throw DomainError.invalid("taskIds may name at most \(maxTaskIDs) tasks; export more by stage or batch")
            }
            if let bad = ids.first(where: { !ObjectID.isValid($0) }) { throw DomainError.invalid("taskIds: \(bad) is not a task id") }
            options.taskIDs = ids
        }
        // The SDK's rule: default-type exports without a stage take the Complete stage only
        // (selected tasks are taken from any stage).
        if options.stageIDs == nil && options.taskTypes == [.default] && options.taskIDs == nil { options.stageIDs = ["Complete"] }
        if let text = query["batches"] { options.batches = try stringList(text, name: "batches") }
        options.includeMetadata = try flag(query, "includeMetadata", default: true)
        options.includeHistory = try flag(query, "includeHistory", default: true)
        options.includeIdleBlurDurations = try flag(query, "includeIdleBlurDurations", default: false)
        if let text = query["createdAt"] { options.createdAt = try TimeWindow.parse(text, name: "createdAt") }
        if let text = query["updatedAt"] { options.updatedAt = try TimeWindow.parse(text, name: "updatedAt") }
        return options
    }

    /// A JSON list of strings, or (as the OpenAPI page documents for batches) a comma-separated list.
    static func stringList(_ text: String, name: String) throws -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("[") else {
            return trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        guard let items = (try? JSONParser.parse(trimmed))?.arrayValue else { throw DomainError.invalid("\(name) must be a JSON list of strings") }
        return try items.map { item in
            guard let string = item.stringValue else { throw DomainError.invalid("\(name) must be a JSON list of strings") }
            return string
        }
    }

    static func flag(_ query: [String: String], _ name: String, default value: Bool) throws -> Bool {
        guard let text = query[name] else { return value }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw DomainError.invalid("\(name) must be true or false")
        }
    }
}

/// A `{"$gt": iso, "$lt": iso}` window on a task time; either bound may be absent.
public struct TimeWindow: Sendable, Hashable {
    /// Exclusive lower bound, epoch ms.
    public var after: Int64?
    /// Exclusive upper bound, epoch ms.
    public var before: Int64?

    /// Creates a window.
    public init(after: Int64? = nil, before: Int64? = nil) { self.after = after; self.before = before }

    /// Whether a time falls inside.
    public func contains(_ millis: Int64) -> Bool {
        (after.map { millis > $0 } ?? true) && (before.map { millis < $0 } ?? true)
    }

    /// Parses the JSON object form; `$gte`/`$lte` are accepted as the same bounds.
    static func parse(_ text: String, name: String) throws -> TimeWindow {
        guard let object = (try? JSONParser.parse(text))?.objectValue else {
            throw DomainError.invalid("\(name) must be a JSON object like {\"$gt\": \"2024-01-01T00:00:00.000Z\"}")
        }
        var window = TimeWindow()
        for (key, value) in object {
            guard let string = value.stringValue, let millis = ISODate.parseMillis(string) else {
                throw DomainError.invalid("\(name).\(key) must be an ISO 8601 date")
            }
            switch key {
            case "$gt", "$gte": window.after = millis - (key == "$gte" ? 1 : 0)
            case "$lt", "$lte": window.before = millis + (key == "$lte" ? 1 : 0)
            default: throw DomainError.invalid("\(name): unknown operator \(key) (use $gt and $lt)")
            }
        }
        return window
    }
}

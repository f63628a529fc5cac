import Foundation
import GlossCore

/// The query string of `GET /project/{id}/tasks`, parsed: the SDK's `filter` JSON (or `filters`),
/// the legacy `status[eq]` / `stage` / `assignee` / `batches` parameters, sort, page, projection.
struct TaskListQuery {
    var query: TaskQuery
    var fields: Set<String>?

    static func parse(_ q: QueryParameters, projectID: String) throws -> TaskListQuery {
        var filter = TaskFilter()
        if let json = try q.json("filter") ?? q.json("filters") { filter = try TaskFilter.parse(json) }
        if let status = q["status[eq]"] ?? q["status"], !status.isEmpty {
            filter.conditions.append(FilterCondition(.status, .eq, .string(status)))
        }
        if let stage = q["stage"], !stage.isEmpty { filter.conditions.append(FilterCondition(.stage, .in, .strings(try list(stage)))) }
        if let assignee = q["assignee"], !assignee.isEmpty { filter.conditions.append(FilterCondition(.assignee, .eq, .string(assignee))) }
        if let batches = q["batches"], !batches.isEmpty {
            filter.conditions.append(FilterCondition(.batches, .in, .strings(try list(batches))))
        }
        let sort = try SortKey.parseList(q["sort"] ?? "")
        var fields: Set<String>?
        var includeAnswer = try q.bool("includeAnswer", default: false)
        if let text = q["fields"], !text.isEmpty {
            fields = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            if fields!.contains("answer") { includeAnswer = true }
        }
        let query = TaskQuery(projectID: projectID, filter: filter, sort: sort, page: try q.page(), includeAnswer: includeAnswer)
        return TaskListQuery(query: query, fields: fields)
    }

    /// A JSON list (`["a","b"]`) or a comma list (`a,b`) or one value.
    static func list(_ text: String) throws -> [String] {
        if text.hasPrefix("[") {
            guard let items = try JSONValue.parse(text, field: "list").arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw DomainError.invalid("expected a JSON array of strings: \(text)")
            }
            return items.compactMap(\.stringValue)
        }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

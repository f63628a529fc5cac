import GlossCore
import SQLKit

/// `IssueStore` on SQL.
///
/// `tasks.open_issues_count` moves by +1/−1 in the transaction that opens, closes or deletes an
/// issue. Increments are atomic on both engines, and a change to one issue holds that issue's row
/// (`FOR UPDATE` on PostgreSQL; SQLite has one writer), so the count stays exact under any
/// number of concurrent writers.
public struct SQLIssueStore: IssueStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    var lock: String { database.backend == .postgres ? " FOR UPDATE" : "" }

    static let columns = ["id", "organization_id", "project_id", "task_id", "asset_id", "stage_id", "status", "content", "created_by",
                          "created_at", "updated_by", "updated_at", "resolved_by", "resolved_at", "object_id", "position", "page",
                          "page_end", "data_index", "plane", "error_codes", "pct_details", "mentions", "comments"]

    public func create(_ issue: Issue, notifications: [AppNotification]) async throws {
        try await database.transaction { db in
            try await Self.insert([issue], on: db)
            try await SQLNotificationStore.insert(notifications, on: db)
        }
    }

    /// Inserts issues and counts the open ones on their tasks, inside the caller's transaction
    /// (a Reject that opens an issue writes it with the review).
    static func insert(_ issues: [Issue], on db: any SQLDatabase) async throws {
        for issue in issues where issue.status == .open {
            let touched = try await db.raw("""
                UPDATE tasks SET open_issues_count = open_issues_count + 1 WHERE id = \(bind: issue.taskID) RETURNING id
                """).all()
            guard !touched.isEmpty else { throw DomainError.notFound("task \(issue.taskID) not found") }
        }
        try await BulkInsert.run(db, table: "issues", columns: columns, rows: issues.map(values))
    }

    public func issue(id: String) async throws -> Issue? {
        try await database.read { db in try await db.raw("SELECT * FROM issues WHERE id = \(bind: id)").first().map(Self.decode) }
    }

    public func list(_ filter: IssueFilter, page: PageRequest) async throws -> (issues: [Issue], total: Int) {
        try await database.read { db in
            var sql: SQLQueryString = "FROM issues WHERE project_id = \(bind: filter.projectID)"
            if let v = filter.assetID { sql = sql + " AND asset_id = \(bind: v)" }
            if let v = filter.taskID { sql = sql + " AND task_id = \(bind: v)" }
            if let v = filter.stageID { sql = sql + " AND stage_id = \(bind: v)" }
            if let v = filter.createdBy { sql = sql + " AND created_by = \(bind: v)" }
            if let v = filter.status { sql = sql + " AND status = \(bind: v.rawValue)" }
            if let email = filter.involving {
                // Mentions are a JSON list of quoted emails; a LIKE on the quoted text finds them.
                // `_` and `%` in an email are literal here, not wildcards.
                let escaped = JSONValue.string(email).jsonText().replacingOccurrences(of: "!", with: "!!")
                    .replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
                let quoted = "%" + escaped + "%"
                sql = sql + " AND (created_by = \(bind: email) OR mentions LIKE \(bind: quoted) ESCAPE '!' OR comments LIKE \(bind: quoted) ESCAPE '!')"
            }
            let total = try await db.raw("SELECT COUNT(*) AS n " + sql).first()?.int("n") ?? 0
            let rows = try await db.raw("SELECT * " + sql + " ORDER BY created_at DESC, id DESC LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            var issues = try rows.map(Self.decode)
            if let email = filter.involving { issues = issues.filter { $0.involves(email) } }
            return (issues, total)
        }
    }

    public func change(issueID: String, _ change: (Issue) throws -> (Issue, [AppNotification])) async throws -> Issue? {
        try await database.transaction { db in
            guard let row = try await db.raw("SELECT * FROM issues WHERE id = \(bind: issueID)\(unsafeRaw: lock)").first() else { return nil }
            let before = try Self.decode(row)
            let (after, notifications) = try change(before)
            try await Self.adjustCount(taskID: before.taskID, by: Self.openDelta(before.status, after.status), on: db)
            try await db.raw("""
                UPDATE issues SET status = \(bind: after.status.rawValue), content = \(bind: after.content), updated_by = \(bind: after.updatedBy),
                  updated_at = \(bind: after.updatedAt), resolved_by = \(bind: after.resolvedBy), resolved_at = \(bind: after.resolvedAt),
                  error_codes = \(bind: Self.codesText(after.errorCodes)), pct_details = \(bind: after.pctDetails?.jsonText()),
                  mentions = \(bind: JSONText.of(after.mentions)), comments = \(bind: Self.commentsText(after.comments))
                WHERE id = \(bind: issueID)
                """).run()
            try await SQLNotificationStore.insert(notifications, on: db)
            return after
        }
    }

    public func delete(issueID: String, _ check: (Issue) throws -> Void) async throws -> Issue? {
        try await database.transaction { db in
            guard let row = try await db.raw("SELECT * FROM issues WHERE id = \(bind: issueID)\(unsafeRaw: lock)").first() else { return nil }
            let issue = try Self.decode(row)
            try check(issue)
            try await db.raw("DELETE FROM issues WHERE id = \(bind: issueID)").run()
            try await Self.adjustCount(taskID: issue.taskID, by: issue.status == .open ? -1 : 0, on: db)
            return issue
        }
    }

    public func all(projectID: String) async throws -> [Issue] {
        try await database.read { db in
            try await db.raw("SELECT * FROM issues WHERE project_id = \(bind: projectID) ORDER BY created_at, id").all().map(Self.decode)
        }
    }

    static func openDelta(_ before: IssueStatus, _ after: IssueStatus) -> Int64 {
        (after == .open ? 1 : 0) - (before == .open ? 1 : 0)
    }

    static func adjustCount(taskID: String, by delta: Int64, on db: any SQLDatabase) async throws {
        guard delta != 0 else { return }
        try await db.raw("UPDATE tasks SET open_issues_count = open_issues_count + \(bind: delta) WHERE id = \(bind: taskID)").run()
    }

    static func values(_ i: Issue) -> [SQLValue] {
        [.text(i.id), .text(i.organizationID), .text(i.projectID), .text(i.taskID), .text(i.assetID), .of(i.stageID), .text(i.status.rawValue),
         .text(i.content), .text(i.createdBy), .int(i.createdAt), .of(i.updatedBy), .int(i.updatedAt), .of(i.resolvedBy), .of(i.resolvedAt),
         .of(i.location.objectID), .of(i.location.position), .of(i.location.page.map(Int64.init)), .of(i.location.pageEnd.map(Int64.init)),
         .of(i.location.dataIndex.map(Int64.init)), .of(i.location.plane), .text(codesText(i.errorCodes)), .of(i.pctDetails?.jsonText()),
         .text(JSONText.of(i.mentions)), .text(commentsText(i.comments))]
    }

    static func codesText(_ codes: [IssueErrorCode]) -> String {
        JSONValue.array(codes.map { code in
            var object: [String: JSONValue] = ["category": .string(code.category), "name": .string(code.name)]
            if let key = code.key { object["key"] = .string(key) }
            return .object(object)
        }).jsonText()
    }

    static func commentsText(_ comments: [IssueComment]) -> String {
        JSONValue.array(comments.map { c in
            .object(["_id": .string(c.id), "content": .string(c.content), "createdBy": .string(c.createdBy), "createdAt": .int(c.createdAt),
                     "contentMentions": .array(c.mentions.map { .string($0) })])
        }).jsonText()
    }

    static func decode(_ row: any SQLRow) throws -> Issue {
        var location = IssueLocation()
        location.objectID = try row.optionalString("object_id")
        location.position = try row.optionalString("position")
        location.page = try row.optionalInt64("page").map(Int.init)
        location.pageEnd = try row.optionalInt64("page_end").map(Int.init)
        location.dataIndex = try row.optionalInt64("data_index").map(Int.init)
        location.plane = try row.optionalString("plane")
        let codes = try row.json("error_codes").arrayValue?.map { item in
            IssueErrorCode(category: item["category"]?.stringValue ?? "", name: item["name"]?.stringValue ?? "", key: item["key"]?.stringValue)
        } ?? []
        var issue = Issue(
            id: try row.string("id"), organizationID: try row.string("organization_id"), projectID: try row.string("project_id"),
            taskID: try row.string("task_id"), assetID: try row.string("asset_id"), stageID: try row.optionalString("stage_id"),
            status: IssueStatus(rawValue: try row.string("status")) ?? .open, content: try row.string("content"),
            createdBy: try row.string("created_by"), createdAt: try row.int64("created_at"), location: location, errorCodes: codes,
            pctDetails: try row.optionalString("pct_details").flatMap { try? JSONParser.parse($0) }, mentions: try row.stringList("mentions"))
        issue.updatedBy = try row.optionalString("updated_by")
        issue.updatedAt = try row.int64("updated_at")
        issue.resolvedBy = try row.optionalString("resolved_by")
        issue.resolvedAt = try row.optionalInt64("resolved_at")
        issue.comments = try row.json("comments").arrayValue?.map { c in
            IssueComment(id: c["_id"]?.stringValue ?? "", content: c["content"]?.stringValue ?? "", createdBy: c["createdBy"]?.stringValue ?? "",
                         createdAt: Int64(c["createdAt"]?.intValue ?? 0), mentions: c["contentMentions"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        } ?? []
        return issue
    }
}

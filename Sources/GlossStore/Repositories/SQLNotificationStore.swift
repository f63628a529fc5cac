import GlossCore
import SQLKit

/// `NotificationStore` on SQL.
public struct SQLNotificationStore: NotificationStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    static let columns = ["id", "organization_id", "user_id", "kind", "title", "message", "link", "sent_by", "created_at", "read_at"]

    public func create(_ notifications: [AppNotification]) async throws {
        guard !notifications.isEmpty else { return }
        try await database.transaction { db in try await Self.insert(notifications, on: db) }
    }

    /// Inserts inside the caller's transaction (issue mentions go with the issue).
    static func insert(_ notifications: [AppNotification], on db: any SQLDatabase) async throws {
        try await BulkInsert.run(db, table: "notifications", columns: columns, rows: notifications.map { n in
            [.text(n.id), .text(n.organizationID), .text(n.userID), .text(n.kind.rawValue), .of(n.title), .text(n.message), .of(n.link),
             .of(n.sentBy), .int(n.createdAt), .of(n.readAt)]
        })
    }

    public func list(userID: String, unreadOnly: Bool, page: PageRequest) async throws -> (items: [AppNotification], unread: Int) {
        try await database.read { db in
            let unread = try await db.raw("SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: userID) AND read_at IS NULL")
                .first()?.int("n") ?? 0
            let filter: SQLQueryString = unreadOnly ? " AND read_at IS NULL" : ""
            let rows = try await db.raw("SELECT * FROM notifications WHERE user_id = \(bind: userID)" + filter
                + " ORDER BY created_at DESC, id DESC LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            return (try rows.map(Self.decode), unread)
        }
    }

    public func markRead(userID: String, ids: [String]?, at: Int64) async throws -> Int {
        try await database.transaction { db in
            let scope: SQLQueryString = ids.map { " AND id IN (\(binds: $0))" } ?? ""
            return try await db.raw("UPDATE notifications SET read_at = \(bind: at) WHERE user_id = \(bind: userID) AND read_at IS NULL"
                + scope + " RETURNING id").all().count
        }
    }

    static func decode(_ row: any SQLRow) throws -> AppNotification {
        AppNotification(id: try row.string("id"), organizationID: try row.string("organization_id"), userID: try row.string("user_id"),
                        kind: AppNotification.Kind(rawValue: try row.string("kind")) ?? .message, title: try row.optionalString("title"),
                        message: try row.string("message"), link: try row.optionalString("link"), sentBy: try row.optionalString("sent_by"),
                        createdAt: try row.int64("created_at"), readAt: try row.optionalInt64("read_at"))
    }
}

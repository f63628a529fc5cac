import GlossCore
import Hummingbird

/// In-app notifications: send (`POST /notifications`, the SDK's send_notification), read one's own.
struct NotificationController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.sendNotification, use: send)
        group.on(.listNotifications, use: list)
        group.on(.readNotifications, use: markRead)
    }

    /// 201 `{sent: n}`.
    @Sendable func send(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let count = try await services.notifications.send(try await request.jsonBody(limit: maxJSONBytes), by: try context.requireUser())
        return JSONResponse.success(status: .created) { w in w.key("sent"); w.int(count) }
    }

    /// `?unread=true&page&limit` -> `{notifications: [...], unread}`.
    @Sendable func list(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let query = request.query
        let (items, unread) = try await services.notifications.list(for: try context.requireUser(), unreadOnly: try query.bool("unread", default: false),
                                                                    page: try query.page(defaultLimit: 20))
        return JSONResponse.success(capacity: 256 + items.count * 300) { w in
            w.key("notifications"); w.beginArray()
            for n in items {
                w.beginObject()
                w.key("_id"); w.string(n.id)
                w.key("kind"); w.string(n.kind.rawValue)
                w.key("title"); w.string(n.title)
                w.key("message"); w.string(n.message)
                w.key("clickableLink"); w.string(n.link)
                w.key("sentBy"); w.string(n.sentBy)
                w.key("createdAt"); w.date(millis: n.createdAt)
                w.key("readAt"); w.date(millis: n.readAt)
                w.endObject()
            }
            w.endArray()
            w.key("unread"); w.int(unread)
        }
    }

    /// `{ids: [...]}` or `{all: true}` -> `{read: n}`.
    @Sendable func markRead(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let count = try await services.notifications.markRead(try await request.jsonBody(limit: maxJSONBytes), by: try context.requireUser())
        return JSONResponse.success { w in w.key("read"); w.int(count) }
    }
}

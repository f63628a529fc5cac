import Foundation

/// In-app notifications: people and scripts send them (`POST /notifications`), the server sends
/// them on mentions, task assignment and finished exports; each user reads their own.
public struct NotificationService: Sendable {
    let store: any NotificationStore
    let identity: any IdentityStore
    let clock: any GlossClock
    let ids: any IDGenerator

    /// `POST /notifications {receivers, message, title?, clickableLink?}`: shown as sent by `user`.
    /// Every receiver must be a member of the caller's organization; nothing is sent otherwise.
    public func send(_ body: JSONValue, by user: User) async throws -> Int {
        try user.require(.member)
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        guard let list = object["receivers"]?.arrayValue, !list.isEmpty else {
            throw DomainError.invalid("receivers must be a non-empty array of member emails")
        }
        guard let message = object["message"]?.stringValue, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalid("message is required and must be a non-empty string")
        }
        var title: String?
        if let value = object["title"], !value.isNull {
            guard let text = value.stringValue else { throw DomainError.invalid("title must be a string") }
            title = text
        }
        var link: String?
        if let value = object["clickableLink"], !value.isNull {
            guard let text = value.stringValue, text.count <= 2048, let url = URL(string: text),
                  let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
                throw DomainError.invalid("clickableLink must be an absolute http(s) URL of at most 2048 characters")
            }
            link = text
        }
        var receivers: [User] = []
        for (index, item) in list.enumerated() {
            guard let text = item.stringValue else { throw DomainError.invalid("receivers[\(index)] must be an email string") }
            let email = try EmailAddress.validated(text, field: "receivers[\(index)]")
            guard let receiver = try await identity.user(email: email), receiver.organizationID == user.organizationID else {
                throw DomainError.invalid("receivers: \(email) is not a member of your organization")
            }
            if !receivers.contains(where: { $0.id == receiver.id }) { receivers.append(receiver) }
        }
        let now = ISODate.millis(clock.now())
        try await store.create(receivers.map {
            AppNotification(id: ids.next(), organizationID: user.organizationID, userID: $0.id, kind: .message, title: title,
                            message: message, link: link, sentBy: user.email, createdAt: now)
        })
        return receivers.count
    }

    /// A system notification to the user with `email` in `organizationID` (ignored when there is none).
    public func notify(email: String, organizationID: String, kind: AppNotification.Kind, title: String, message: String,
                       link: String?, sentBy: String?) async throws {
        guard let receiver = try await identity.user(email: email), receiver.organizationID == organizationID else { return }
        try await store.create([AppNotification(id: ids.next(), organizationID: organizationID, userID: receiver.id, kind: kind, title: title,
                                                message: message, link: link, sentBy: sentBy, createdAt: ISODate.millis(clock.now()))])
    }

    /// The caller's notifications, newest first, with the unread count.
    public func list(for user: User, unreadOnly: Bool, page: PageRequest) async throws -> (items: [AppNotification], unread: Int) {
        try await store.list(userID: user.id, unreadOnly: unreadOnly, page: page)
    }

    /// Marks the caller's notifications read: `{ids: [...]}` or `{all: true}`.
    public func markRead(_ body: JSONValue, by user: User) async throws -> Int {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        if object["all"]?.boolValue == true {
            return try await store.markRead(userID: user.id, ids: nil, at: ISODate.millis(clock.now()))
        }
        let ids = try TaskService.stringList(object["ids"], field: "ids")
        return try await store.markRead(userID: user.id, ids: ids, at: ISODate.millis(clock.now()))
    }
}

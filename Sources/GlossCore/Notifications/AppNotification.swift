/// An in-app notification for one user: the bell in the web UI and `GET /notifications`.
public struct AppNotification: Sendable, Hashable {
    /// Why it was sent.
    public enum Kind: String, Sendable, CaseIterable {
        /// Sent by a person or script (`POST /notifications`).
        case message
        /// The user was mentioned in an issue or a reply.
        case mention
        /// Tasks were assigned to the user.
        case taskAssigned
        /// An export the user started is ready.
        case exportReady
    }
    /// Notification id.
    public var id: String
    /// Organization id.
    public var organizationID: String
    /// The receiver's user id.
    public var userID: String
    /// Why.
    public var kind: Kind
    /// Short title.
    public var title: String?
    /// Text.
    public var message: String
    /// Absolute http(s) URL or an in-app link (`#/...`) to open.
    public var link: String?
    /// The sender's email (nil for the system).
    public var sentBy: String?
    /// Epoch ms.
    public var createdAt: Int64
    /// When the user read it, epoch ms.
    public var readAt: Int64?

    /// Creates a notification.
    public init(id: String, organizationID: String, userID: String, kind: Kind, title: String?, message: String, link: String?,
                sentBy: String?, createdAt: Int64, readAt: Int64? = nil) {
        self.id = id; self.organizationID = organizationID; self.userID = userID; self.kind = kind; self.title = title
        self.message = message; self.link = link; self.sentBy = sentBy; self.createdAt = createdAt; self.readAt = readAt
    }
}

/// Persistence of in-app notifications.
public protocol NotificationStore: Sendable {
    /// Stores notifications (one transaction).
    func create(_ notifications: [AppNotification]) async throws
    /// A user's notifications, newest first, and how many are unread.
    func list(userID: String, unreadOnly: Bool, page: PageRequest) async throws -> (items: [AppNotification], unread: Int)
    /// Marks the user's notifications read (all of them when `ids` is nil); returns how many changed.
    func markRead(userID: String, ids: [String]?, at: Int64) async throws -> Int
}

/// Persistence of issues. Every write keeps the task's `openIssuesCount` exact in the same
/// transaction, under concurrent writers on any number of servers.
public protocol IssueStore: Sendable {
    /// Inserts an issue (with notifications for the people it mentions); `DomainError.notFound`
    /// when the task is gone.
    func create(_ issue: Issue, notifications: [AppNotification]) async throws
    /// The issue with this id.
    func issue(id: String) async throws -> Issue?
    /// A page of issues, newest first, and the total.
    func list(_ filter: IssueFilter, page: PageRequest) async throws -> (issues: [Issue], total: Int)
    /// Reads the issue locked, lets `change` return its new state and the notifications to send,
    /// and writes both, all in one transaction. Unknown issue: nil.
    func change(issueID: String, _ change: (Issue) throws -> (Issue, [AppNotification])) async throws -> Issue?
    /// Deletes an issue after `check` accepts it; returns the deleted issue (nil when unknown).
    func delete(issueID: String, _ check: (Issue) throws -> Void) async throws -> Issue?
    /// Every issue of a project (issue export), oldest first.
    func all(projectID: String) async throws -> [Issue]
}

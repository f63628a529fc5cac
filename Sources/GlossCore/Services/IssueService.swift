/// Issues on tasks (`/issues`): raise, list, change, comment, delete.
///
/// Who may do what: anyone who can see a task may raise an issue on it; the author changes,
/// resolves and deletes their own issue, and Leads and above any issue (`manageIssues`). A
/// Labeler sees only the issues they opened or are mentioned in. Mentioned people get an in-app
/// notification, written in the issue's transaction.
public struct IssueService: Sendable {
    let projects: ProjectService
    let tasks: TaskService
    let store: any IssueStore
    let identity: any IdentityStore
    let clock: any GlossClock
    let ids: any IDGenerator

    /// `POST /issues`.
    public func create(_ body: JSONValue, by user: User) async throws -> Issue {
        let draft = try IssueInput.draft(body)
        let (task, project) = try await tasks.get(draft.taskID ?? "", by: user)
        try project.require(.raiseIssues, for: user)
        let issue = try await makeIssue(draft, task: task, project: project, by: user)
        try await store.create(issue, notifications: try await mentionNotices(issue.mentions, issue: issue, by: user, replied: false))
        return issue
    }

    /// Builds an issue on `task` from a draft: error codes checked against the project's error
    /// schema, mentions against the organization. Used by `create` and by a Reject that opens an issue.
    public func makeIssue(_ draft: IssueInput.Draft, task: LabelTask, project: Project, by user: User) async throws -> Issue {
        let codes = try checkedCodes(draft.errorCodes, project: project)
        try await checkMembers(draft.mentions, organizationID: project.organizationID)
        return Issue(id: ids.next(), organizationID: project.organizationID, projectID: project.id, taskID: task.id, assetID: task.assetID,
                     stageID: task.stage, status: .open, content: draft.content, createdBy: user.email, createdAt: ISODate.millis(clock.now()),
                     location: draft.location, errorCodes: codes, pctDetails: draft.pctDetails, mentions: draft.mentions)
    }

    /// The notifications for the people an issue or reply mentions (not the author).
    public func mentionNotices(_ emails: [String], issue: Issue, by user: User, replied: Bool) async throws -> [AppNotification] {
        var notices: [AppNotification] = []
        for email in emails where email != user.email {
            guard let receiver = try await identity.user(email: email), receiver.organizationID == issue.organizationID else { continue }
            notices.append(AppNotification(
                id: ids.next(), organizationID: issue.organizationID, userID: receiver.id, kind: .mention,
                title: "\(user.email) mentioned you", message: replied ? "In a reply on an issue: \(Self.excerpt(issue.comments.last?.content ?? ""))" : Self.excerpt(issue.content),
                link: "#/projects/\(issue.projectID)/issues/\(issue.id)", sentBy: user.email, createdAt: ISODate.millis(clock.now())))
        }
        return notices
    }

    static func excerpt(_ text: String) -> String { text.count > 200 ? String(text.prefix(200)) + "…" : text }

    func checkedCodes(_ codes: [IssueErrorCode], project: Project) throws -> [IssueErrorCode] {
        guard !codes.isEmpty else { return [] }
        guard project.settings.bool("errorCodesEnabled") else {
            throw DomainError.invalid("errorCodes need error codes turned on for this project (errorCodesEnabled)")
        }
        return try ErrorSchema(settings: project.settings).check(codes)
    }

    func checkMembers(_ emails: [String], organizationID: String) async throws {
        for email in emails {
            guard let member = try await identity.user(email: email), member.organizationID == organizationID else {
                throw DomainError.invalid("contentMentions: \(email) is not a member of this organization")
            }
        }
    }

    /// `GET /issues?project=&asset=&labelTask=&stage=&createdBy=&status=`.
    public func list(_ filter: IssueFilter, page: PageRequest, by user: User) async throws -> (issues: [Issue], total: Int) {
        let project = try await projects.require(filter.projectID, for: user, to: .view)
        var filter = filter
        // A Labeler sees the issues they opened or are mentioned in, and every issue of a task
        // they hold or worked on (why it came back to them).
        if project.role(of: user) == .labeler {
            let ownTask: Bool
            if let taskID = filter.taskID { ownTask = try await tasks.store.isVisible(taskID: taskID, to: user.email) } else { ownTask = false }
            if !ownTask { filter.involving = user.email }
        }
        return try await store.list(filter, page: page)
    }

    /// `GET /issues/{id}`: one issue the caller may see.
    public func get(_ issueID: String, by user: User) async throws -> Issue {
        try await visible(issueID, by: user).0
    }

    /// `POST /issues/{id}`: content (with mentions), status, error codes, point-cloud details.
    public func update(_ issueID: String, body: JSONValue, by user: User) async throws -> Issue {
        let (issue, project) = try await visible(issueID, by: user)
        try requireOwnOrManage(issue, project: project, user: user)
        let change = try IssueInput.change(body)
        let codes = try change.errorCodes.map { try checkedCodes($0, project: project) }
        if let mentions = change.mentions { try await checkMembers(mentions, organizationID: project.organizationID) }
        let now = ISODate.millis(clock.now())
        let newMentions = (change.mentions ?? []).filter { !issue.mentions.contains($0) }
        let notices = try await mentionNotices(newMentions, issue: issue, by: user, replied: false)
        guard let updated = try await store.change(issueID: issue.id, { stored in
            var next = stored
            if let content = change.content { next.content = content; next.mentions = change.mentions ?? stored.mentions }
            if let status = change.status, status != stored.status {
                next.status = status
                next.resolvedBy = status == .open ? nil : user.email
                next.resolvedAt = status == .open ? nil : now
            }
            if let codes { next.errorCodes = codes }
            if let details = change.pctDetails { next.pctDetails = details }
            next.updatedBy = user.email
            next.updatedAt = now
            return (next, notices)
        }) else { throw DomainError.notFound("issue \(issueID) not found") }
        return updated
    }

    /// `POST /issues/{id}/comment`: anyone who can see the issue may reply.
    public func comment(_ issueID: String, body: JSONValue, by user: User) async throws -> Issue {
        let (issue, project) = try await visible(issueID, by: user)
        try project.require(.raiseIssues, for: user, doing: "reply to issues")
        let (content, mentions) = try IssueInput.comment(body)
        try await checkMembers(mentions, organizationID: project.organizationID)
        let now = ISODate.millis(clock.now())
        let reply = IssueComment(id: ids.next(), content: content, createdBy: user.email, createdAt: now, mentions: mentions)
        var preview = issue
        preview.comments.append(reply)
        let notices = try await mentionNotices(mentions, issue: preview, by: user, replied: true)
        guard let updated = try await store.change(issueID: issue.id, { stored in
            var next = stored
            next.comments.append(reply)
            next.updatedAt = now
            next.updatedBy = user.email
            return (next, notices)
        }) else { throw DomainError.notFound("issue \(issueID) not found") }
        return updated
    }

    /// `DELETE /issues/{id}?project=`: the author or a Lead and above.
    public func delete(_ issueID: String, projectID: String?, by user: User) async throws -> Issue {
        let (issue, project) = try await visible(issueID, by: user)
        if let projectID, projectID != issue.projectID { throw DomainError.notFound("issue \(issueID) not found in project \(projectID)") }
        try requireOwnOrManage(issue, project: project, user: user)
        guard let deleted = try await store.delete(issueID: issue.id, { _ in }) else { throw DomainError.notFound("issue \(issueID) not found") }
        return deleted
    }

    /// Every issue of a project, for the issue export (Managers).
    public func exportAll(_ projectID: String, by user: User) async throws -> (issues: [Issue], project: Project) {
        let project = try await projects.require(projectID, for: user, to: .export)
        return (try await store.all(projectID: project.id), project)
    }

    /// The issue and its project when `user` may see it (404 otherwise).
    func visible(_ issueID: String, by user: User) async throws -> (Issue, Project) {
        guard let issue = try await store.issue(id: issueID), issue.organizationID == user.organizationID else {
            throw DomainError.notFound("issue \(issueID) not found")
        }
        let project: Project
        do { project = try await projects.require(issue.projectID, for: user) } catch DomainError.notFound {
            throw DomainError.notFound("issue \(issueID) not found")
        }
        if project.role(of: user) == .labeler, !issue.involves(user.email), try await !tasks.store.isVisible(taskID: issue.taskID, to: user.email) {
            throw DomainError.notFound("issue \(issueID) not found")
        }
        return (issue, project)
    }

    func requireOwnOrManage(_ issue: Issue, project: Project, user: User) throws {
        if issue.createdBy == user.email { try project.require(.raiseIssues, for: user) } else {
            try project.require(.manageIssues, for: user, doing: "change or delete issues other people opened")
        }
    }
}

/// What a user may do inside a project, each with the least project role allowed to do it.
///
/// This table is the one source of project permissions: services call `Project.require(_:for:)`
/// with an action, the API route catalogue names the action each route needs, and
/// docs/permissions.md is generated from both (`gloss permissions`). Roles are ordered
/// Labeler < Reviewer < Lead < Manager; org Owners and Admins act as Manager everywhere.
public enum ProjectAction: String, Sendable, CaseIterable {
    /// Read the project, its schema and workflow, tasks (Labelers: only their own), assets, history, metrics.
    case view
    /// Take tasks from a Label queue, save, submit and skip them.
    case label
    /// Raise issues, comment, and change or delete the issues one opened.
    case raiseIssues
    /// Take tasks from a Review queue and accept or reject them.
    case review
    /// Change, resolve or delete anyone's issue.
    case manageIssues
    /// Add data, requeue, reassign, prioritise and delete tasks; submit tasks held by others; batches.
    case manageTasks
    /// Mark and unmark benchmark tasks.
    case setBenchmarks
    /// Add members, change their project role.
    case manageMembers
    /// See every member's performance.
    case viewPerformance
    /// Export labels and issues.
    case export
    /// Change any project setting: schema, workflow, validation, general settings; clone, delete, purge;
    /// import labels; forward tasks; re-run webhooks and plugins.
    case editSettings

    /// The least project role that may do this.
    public var minimumRole: ProjectRole {
        switch self {
        case .view, .label, .raiseIssues: return .labeler
        case .review: return .reviewer
        case .manageIssues, .manageTasks, .setBenchmarks, .manageMembers, .viewPerformance: return .lead
        case .export, .editSettings: return .manager
        }
    }

    /// One line for people (docs/permissions.md, 403 messages).
    public var summary: String {
        switch self {
        case .view: return "see the project, its tasks (a Labeler: only their own), assets, history and metrics"
        case .label: return "label: take tasks from a Label queue, save, submit, skip"
        case .raiseIssues: return "raise issues, comment, change or delete their own issues"
        case .review: return "review: take tasks from a Review queue, accept, reject"
        case .manageIssues: return "change, resolve or delete anyone's issue"
        case .manageTasks: return "add data, requeue, reassign, prioritise and delete tasks, manage batches"
        case .setBenchmarks: return "mark tasks as benchmarks"
        case .manageMembers: return "add members and change their project role"
        case .viewPerformance: return "see every member's performance"
        case .export: return "export labels and issues"
        case .editSettings: return "change project settings, schema, workflow, validation; clone, delete, purge; import labels"
        }
    }

    /// Whether `role` may do this.
    public func allows(_ role: ProjectRole) -> Bool { role.covers(minimumRole) }
}

/// What a user may do at organization level, with the least organization role allowed.
public enum OrgAction: String, Sendable, CaseIterable {
    /// Create projects (the creator becomes their Manager), list members, send notifications, list storages.
    case member
    /// Invite, remove and re-role members; create and delete storages.
    case administer

    /// Whether `role` may do this.
    public func allows(_ role: OrgRole) -> Bool {
        switch self {
        case .member: return role != .guest
        case .administer: return role.isAdmin
        }
    }

    /// One line for people.
    public var summary: String {
        switch self {
        case .member: return "create projects, list members and storages, send notifications"
        case .administer: return "invite, remove and re-role members; create, delete and browse storages"
        }
    }
}

extension Project {
    /// Throws 403 unless the user's role here allows `action`. `doing` overrides the words of the
    /// message when the route does something more specific than the action's summary.
    public func require(_ action: ProjectAction, for user: User, doing: String? = nil) throws {
        guard let role = role(of: user), action.allows(role) else {
            throw DomainError.forbidden("only a project \(action.minimumRole.rawValue) or above may \(doing ?? action.summary)")
        }
    }

    /// Whether the user may do `action` here.
    public func allows(_ action: ProjectAction, for user: User) -> Bool {
        guard let role = role(of: user) else { return false }
        return action.allows(role)
    }
}

extension User {
    /// Throws 403 unless the user's organization role allows `action`.
    public func require(_ action: OrgAction) throws {
        guard action.allows(orgRole) else {
            throw DomainError.forbidden("only an organization \(action == .administer ? "Admin or Owner" : "member") may \(action.summary)")
        }
    }
}

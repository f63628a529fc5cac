/// An issue's state. Open issues count in the task's `openIssuesCount`.
public enum IssueStatus: String, Sendable, CaseIterable {
    case open = "Open", resolved = "Resolved", closed = "Closed"

    /// Parses a status case-insensitively ("open", "Open").
    public init?(loose text: String) {
        guard let status = IssueStatus.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = status
    }
}

/// One error code on an issue: a category of the project's error schema and a code in it.
public struct IssueErrorCode: Sendable, Hashable {
    /// Category name ("Wrong", "Missing", ...).
    public var category: String
    /// Code name.
    public var name: String
    /// The code's short key, when the schema gives one.
    public var key: String?
    /// Creates a code.
    public init(category: String, name: String, key: String?) { self.category = category; self.name = name; self.key = key }
}

/// A reply on an issue.
public struct IssueComment: Sendable, Hashable {
    /// Comment id.
    public var id: String
    /// Text.
    public var content: String
    /// Author's email.
    public var createdBy: String
    /// Epoch ms.
    public var createdAt: Int64
    /// Mentioned emails.
    public var mentions: [String]
    /// Creates a comment.
    public init(id: String, content: String, createdBy: String, createdAt: Int64, mentions: [String]) {
        self.id = id; self.content = content; self.createdBy = createdBy; self.createdAt = createdAt; self.mentions = mentions
    }
}

/// Where on the asset an issue points: an annotation (`objectID`) or a place (position, page
/// range, data index, medical plane). Never both.
public struct IssueLocation: Sendable, Hashable {
    /// The annotation the issue is about.
    public var objectID: String?
    /// `"[x, y]"` (image, video), `"54"` (text offset), `"[start, end]"` (audio): stored as sent.
    public var position: String?
    /// First page or frame, 0-based.
    public var page: Int?
    /// Last page or frame (needs `page`).
    public var pageEnd: Int?
    /// Item of a multi-data asset.
    public var dataIndex: Int?
    /// Medical plane A, S or C.
    public var plane: String?
    /// No location.
    public init() {}
}

/// An issue raised on a task (Ango Hub's Issue object).
public struct Issue: Sendable, Hashable {
    /// Issue id.
    public var id: String
    /// Organization id.
    public var organizationID: String
    /// Project id.
    public var projectID: String
    /// Task id (`labelTask`).
    public var taskID: String
    /// The task's asset.
    public var assetID: String
    /// The stage the task was in when the issue was raised.
    public var stageID: String?
    /// State.
    public var status: IssueStatus
    /// Text.
    public var content: String
    /// Author's email.
    public var createdBy: String
    /// Epoch ms.
    public var createdAt: Int64
    /// Last editor's email.
    public var updatedBy: String?
    /// Epoch ms.
    public var updatedAt: Int64
    /// Who resolved or closed it.
    public var resolvedBy: String?
    /// When it was resolved or closed, epoch ms.
    public var resolvedAt: Int64?
    /// Where it points.
    public var location: IssueLocation
    /// Error codes.
    public var errorCodes: [IssueErrorCode]
    /// Point-cloud details, kept verbatim.
    public var pctDetails: JSONValue?
    /// Mentioned emails.
    public var mentions: [String]
    /// Replies, oldest first.
    public var comments: [IssueComment]

    /// Creates an issue.
    public init(id: String, organizationID: String, projectID: String, taskID: String, assetID: String, stageID: String?,
                status: IssueStatus, content: String, createdBy: String, createdAt: Int64, location: IssueLocation,
                errorCodes: [IssueErrorCode], pctDetails: JSONValue?, mentions: [String]) {
        self.id = id; self.organizationID = organizationID; self.projectID = projectID; self.taskID = taskID; self.assetID = assetID
        self.stageID = stageID; self.status = status; self.content = content; self.createdBy = createdBy; self.createdAt = createdAt
        self.updatedAt = createdAt; self.location = location; self.errorCodes = errorCodes; self.pctDetails = pctDetails
        self.mentions = mentions; self.comments = []
    }

    /// Whether `email` opened the issue or is mentioned in it or a reply (what a Labeler sees).
    public func involves(_ email: String) -> Bool {
        createdBy == email || mentions.contains(email) || comments.contains { $0.createdBy == email || $0.mentions.contains(email) }
    }
}

/// Filters of `GET /issues`.
public struct IssueFilter: Sendable, Hashable {
    /// Project id (required).
    public var projectID: String
    /// Asset id.
    public var assetID: String?
    /// Task id.
    public var taskID: String?
    /// Stage id.
    public var stageID: String?
    /// Author email.
    public var createdBy: String?
    /// State.
    public var status: IssueStatus?
    /// Only issues this email opened or is mentioned in (a Labeler's view across the project).
    public var involving: String?
    /// Creates a filter on a project.
    public init(projectID: String) { self.projectID = projectID }
}

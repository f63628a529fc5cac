import Foundation

/// The kinds of project Ango Hub knows; `pct` projects refuse local file uploads.
public enum ProjectType: String, Sendable, Codable, CaseIterable {
    case ango, pct, iframe
}

/// A project role, as `POST /project/{id}/assigned` and `assignedTo` spell them.
public enum ProjectRole: String, Sendable, Codable, CaseIterable {
    case manager = "Manager", lead = "Lead", reviewer = "Reviewer", labeler = "Labeler"

    /// Parses a role case-insensitively ("labeler" and "Labeler" both work).
    public init?(loose text: String) {
        guard let role = ProjectRole.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = role
    }
}

/// A member of a project and their role there.
public struct ProjectMember: Sendable, Hashable, Codable {
    /// The member's email.
    public var assignee: String
    /// The member's role in this project.
    public var role: ProjectRole
    /// Creates a member entry.
    public init(assignee: String, role: ProjectRole) { self.assignee = assignee; self.role = role }
}

/// A named group of assets inside a project.
public struct Batch: Sendable, Hashable, Codable {
    /// The batch id (24 hex).
    public var id: String
    /// The batch name, unique within the project.
    public var name: String
    /// Optional free text.
    public var description: String?
    /// Optional `#RRGGBB` colour.
    public var color: String?
    /// Creates a batch.
    public init(id: String, name: String, description: String? = nil, color: String? = nil) {
        self.id = id; self.name = name; self.description = description; self.color = color
    }
}

/// A labeling project: its ontology, workflow, members, batches and settings.
public struct Project: Sendable, Hashable {
    /// The project id.
    public var id: String
    /// The owning organization's id.
    public var organizationID: String
    /// Display name (never empty).
    public var name: String
    /// Free text description.
    public var description: String
    /// Project kind.
    public var type: ProjectType
    /// Email of the user who created it.
    public var owner: String
    /// The category schema, stored verbatim (unknown keys kept).
    public var categorySchema: JSONValue
    /// The workflow graph.
    public var workflow: Workflow
    /// Project members with roles.
    public var members: [ProjectMember]
    /// Batches, in creation order.
    public var batches: [Batch]
    /// The general settings (idleTimeout, taskSkipEnabled, ...) as sent, merged over defaults.
    public var settings: ProjectSettings
    /// Soft-delete flag: a deleted project is invisible to every route.
    public var deleted: Bool
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Last update time, epoch ms.
    public var updatedAt: Int64
    /// Number of assets (a counter the store keeps; 0 for a project not yet stored).
    public var assetCount: Int = 0

    /// Creates a project value.
    public init(id: String, organizationID: String, name: String, description: String, type: ProjectType, owner: String,
                categorySchema: JSONValue, workflow: Workflow, members: [ProjectMember], batches: [Batch],
                settings: ProjectSettings, deleted: Bool, createdAt: Int64, updatedAt: Int64) {
        self.id = id; self.organizationID = organizationID; self.name = name; self.description = description
        self.type = type; self.owner = owner; self.categorySchema = categorySchema; self.workflow = workflow
        self.members = members; self.batches = batches; self.settings = settings; self.deleted = deleted
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The batch with this id or, failing that, this name.
    public func batch(idOrName key: String) -> Batch? {
        batches.first { $0.id == key } ?? batches.first { $0.name == key }
    }
}

/// The empty schema a new project starts with.
public enum CategorySchema {
    /// `{tools:[], classifications:[], relations:[]}`.
    public static let empty: JSONValue = .object(["tools": .array([]), "classifications": .array([]), "relations": .array([])])

    /// Checks the shape the editor and exports rely on: an object whose `tools`, `classifications`
    /// and `relations` (each optional) are arrays of objects. Missing lists are added empty; every
    /// other key is kept verbatim.
    public static func validated(_ value: JSONValue) throws -> JSONValue {
        guard var object = value.objectValue else { throw DomainError.invalid("categorySchema must be an object") }
        for key in ["tools", "classifications", "relations"] {
            guard let list = object[key], !list.isNull else { object[key] = .array([]); continue }
            guard let items = list.arrayValue else { throw DomainError.invalid("categorySchema.\(key) must be an array") }
            for (index, item) in items.enumerated() where item.objectValue == nil {
                throw DomainError.invalid("categorySchema.\(key)[\(index)] must be an object")
            }
        }
        return .object(object)
    }
}

extension ProjectRole {
    /// Labeler < Reviewer < Lead < Manager: each role may do what the ones below it may.
    public var rank: Int {
        switch self {
        case .labeler: return 0
        case .reviewer: return 1
        case .lead: return 2
        case .manager: return 3
        }
    }

    /// Whether this role includes everything `other` may do.
    public func covers(_ other: ProjectRole) -> Bool { rank >= other.rank }
}

extension Project {
    /// The user's role here: org admins act as Manager on every project; nil for non-members.
    public func role(of user: User) -> ProjectRole? {
        if user.orgRole.isAdmin { return .manager }
        return members.first { $0.assignee == user.email }?.role
    }
}

/// The list form of a project.
public struct ProjectSummary: Sendable, Hashable {
    /// Project id.
    public var id: String
    /// Name.
    public var name: String
    /// Description.
    public var description: String
    /// Organization id.
    public var organizationID: String
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// Creates a summary.
    public init(id: String, name: String, description: String, organizationID: String, createdAt: Int64) {
        self.id = id; self.name = name; self.description = description; self.organizationID = organizationID; self.createdAt = createdAt
    }
}

/// Persistence of projects, their members and batches.
public protocol ProjectStore: Sendable {
    /// Inserts a new project (with members and batches) in one transaction.
    func create(_ project: Project) async throws
    /// The project, unless missing or soft-deleted.
    func project(id: String) async throws -> Project?
    /// One page of the organization's live projects, newest first, and their total; `memberEmail`
    /// limits the list to projects that person is a member of.
    func list(organizationID: String, memberEmail: String?, page: PageRequest) async throws -> (projects: [ProjectSummary], total: Int)
    /// Writes name, description, schema, workflow, settings and updatedAt. When the workflow
    /// drops stages (`removedStageIDs`), refuses with 400 (nothing written) if tasks are still in
    /// any of them, checked in the same transaction.
    func update(_ project: Project, removedStageIDs: [String], clearingBenchmarks: Bool) async throws
    /// Replaces the batch list (ids kept for batches that stay). Asset links to removed batches go too.
    func replaceBatches(projectID: String, batches: [Batch], updatedAt: Int64) async throws
    /// Adds or updates members.
    func upsertMembers(projectID: String, members: [ProjectMember], newUsers: [User], updatedAt: Int64) async throws
    /// Removes the project and every row that belongs to it (one transaction).
    func purge(projectID: String) async throws
    /// Flags the project deleted.
    func softDelete(projectID: String, at: Int64) async throws
    /// Number of assets in the project.
    func assetCount(projectID: String) async throws -> Int
}

import Foundation

/// Projects: create, read, partial update, soft delete, batches and members.
public struct ProjectService: Sendable {
    let store: any ProjectStore
    let identity: any IdentityStore
    let clock: any GlossClock
    let ids: any IDGenerator

    /// The project if `user` may see it: same organization, and a member unless an org admin.
    /// Otherwise 404, so ids of other tenants are not even confirmed to exist.
    public func require(_ projectID: String, for user: User) async throws -> Project {
        guard let project = try await store.project(id: projectID), project.organizationID == user.organizationID,
              user.orgRole.isAdmin || project.members.contains(where: { $0.assignee == user.email }) else {
            throw DomainError.notFound("project \(projectID) not found")
        }
        return project
    }

    /// The project, if `user` may see it (else 404) and do `action` there (else 403).
    public func require(_ projectID: String, for user: User, to action: ProjectAction, doing: String? = nil) async throws -> Project {
        let project = try await require(projectID, for: user)
        try project.require(action, for: user, doing: doing)
        return project
    }

    /// Creates a project from the `POST /project` body. The creator becomes its Manager; the
    /// workflow is the default one unless `stages` is given (then validated).
    public func create(_ body: JSONValue, by user: User) async throws -> Project {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        guard let name = object["name"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
            throw DomainError.invalid("name is required and must be a non-empty string")
        }
        let now = ISODate.millis(clock.now())
        var project = Project(
            id: ids.next(), organizationID: user.organizationID, name: name, description: "", type: .ango, owner: user.email,
            categorySchema: CategorySchema.empty, workflow: .default, members: [ProjectMember(assignee: user.email, role: .manager)],
            batches: [], settings: ProjectSettings(), deleted: false, createdAt: now, updatedAt: now)
        try Self.apply(object, to: &project)
        try await store.create(project)
        return project
    }

    /// Applies a partial update (`POST /project/{id}`): any of name, description, type,
    /// categorySchema, stages and settings keys. All checks pass before anything is written.
    public func update(_ projectID: String, with body: JSONValue, by user: User) async throws -> Project {
        var project = try await require(projectID, for: user, to: .editSettings)
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        let before = Set(project.workflow.stages.map(\.id))
        let benchmarksWereOn = project.settings.bool("benchmarkEnabled")
        try Self.apply(object, to: &project)
        project.updatedAt = ISODate.millis(clock.now())
        let removed = before.subtracting(project.workflow.stages.map(\.id)).sorted()
        try await store.update(project, removedStageIDs: removed,
                               clearingBenchmarks: benchmarksWereOn && !project.settings.bool("benchmarkEnabled"))
        return project
    }

    static func apply(_ object: [String: JSONValue], to project: inout Project) throws {
        if let value = object["name"] {
            guard let name = value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
                throw DomainError.invalid("name must be a non-empty string")
            }
            project.name = name
        }
        if let value = object["description"], !value.isNull {
            guard let text = value.stringValue else { throw DomainError.invalid("description must be a string") }
            project.description = text
        }
        if let value = object["type"], !value.isNull {
            guard let text = value.stringValue, let type = ProjectType(rawValue: text) else {
                throw DomainError.invalid("type must be one of ango, pct, iframe")
            }
            project.type = type
        }
        if let value = object["categorySchema"], !value.isNull { project.categorySchema = try CategorySchema.validated(value) }
        if let value = object["stages"], !value.isNull { project.workflow = try Workflow.validated(value) }
        if let value = object["errorSchema"], !value.isNull { _ = try ErrorSchema.parse(value) }
        try project.settings.apply(object)
    }

    /// A page of the projects `user` can see, newest first.
    public func list(for user: User, page: PageRequest) async throws -> (projects: [ProjectSummary], total: Int) {
        try await store.list(organizationID: user.organizationID, memberEmail: user.orgRole.isAdmin ? nil : user.email, page: page)
    }

    /// Soft-deletes the project: it disappears from every route; rows stay in the database.
    public func delete(_ projectID: String, by user: User) async throws {
        _ = try await require(projectID, for: user, to: .editSettings, doing: "delete the project")
        try await store.softDelete(projectID: projectID, at: ISODate.millis(clock.now()))
    }

    /// `POST /batches/{projectId}`: `{name}` appends one batch and returns it; `{batches:[...]}`
    /// replaces the whole list (ids kept for entries that carry them) and returns nil.
    public func changeBatches(_ projectID: String, body: JSONValue, by user: User) async throws -> (project: Project, created: Batch?) {
        var project = try await require(projectID, for: user, to: .manageTasks, doing: "change batches")
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        var created: Batch?
        if let list = object["batches"] {
            guard let items = list.arrayValue else { throw DomainError.invalid("batches must be an array") }
            project.batches = try items.enumerated().map { index, item in try parseBatch(item, at: "batches[\(index)]", existing: project.batches) }
        } else if object["name"] != nil {
            let batch = try parseBatch(body, at: "body", existing: [])
            project.batches.append(batch)
            created = batch
        } else {
            throw DomainError.invalid("body needs name (one new batch) or batches (the whole list)")
        }
        var names = Set<String>()
        for batch in project.batches where !names.insert(batch.name).inserted {
            throw DomainError.invalid("batch name \(batch.name) is used twice")
        }
        var batchIDs = Set<String>()
        for batch in project.batches where !batchIDs.insert(batch.id).inserted {
            throw DomainError.invalid("batch id \(batch.id) is used twice")
        }
        project.updatedAt = ISODate.millis(clock.now())
        try await store.replaceBatches(projectID: project.id, batches: project.batches, updatedAt: project.updatedAt)
        return (project, created)
    }

    private func parseBatch(_ item: JSONValue, at path: String, existing: [Batch]) throws -> Batch {
        guard let object = item.objectValue else { throw DomainError.invalid("\(path) must be an object") }
        guard let name = object["name"]?.stringValue?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw DomainError.invalid("\(path).name is required and must be a non-empty string")
        }
        var id = ids.next()
        if let given = object["_id"], !given.isNull {
            guard let text = given.stringValue, ObjectID.isValid(text) else { throw DomainError.invalid("\(path)._id must be a 24-hex id") }
            id = text.lowercased()
        }
        for key in ["description", "color"] {
            if let v = object[key], !v.isNull, v.stringValue == nil { throw DomainError.invalid("\(path).\(key) must be a string") }
        }
        return Batch(id: id, name: name, description: object["description"]?.stringValue, color: object["color"]?.stringValue)
    }

    /// `POST /project/{id}/assigned`: adds (or re-roles) members.
    public func addMembers(_ projectID: String, body: JSONValue, by user: User) async throws -> Project {
        var project = try await require(projectID, for: user, to: .manageMembers)
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        guard let list = object["assignees"]?.arrayValue, !list.isEmpty else {
            throw DomainError.invalid("assignees must be a non-empty array of emails")
        }
        guard let roleText = object["role"]?.stringValue, let role = ProjectRole(loose: roleText) else {
            throw DomainError.invalid("role must be one of Manager, Lead, Reviewer, Labeler")
        }
        let emails = try list.enumerated().map { index, item -> String in
            guard let text = item.stringValue else { throw DomainError.invalid("assignees[\(index)] must be an email string") }
            return try EmailAddress.validated(text, field: "assignees[\(index)]")
        }
        if project.role(of: user) != .manager {
            // A Lead manages Labelers and Reviewers: they neither grant nor change Lead or Manager roles.
            if role.covers(.lead) { throw DomainError.forbidden("only a project Manager or an org admin may make someone a \(role.rawValue)") }
            if let target = project.members.first(where: { m in emails.contains(m.assignee) && m.role.covers(.lead) }) {
                throw DomainError.forbidden("only a project Manager or an org admin may change the role of \(target.assignee), a \(target.role.rawValue)")
            }
        }
        let members = emails.map { ProjectMember(assignee: $0, role: role) }
        project.updatedAt = ISODate.millis(clock.now())
        // Adding someone without an account makes them an organization member (spec: organizations).
        var newUsers: [User] = []
        for email in Set(emails).sorted() {
            if let existing = try await identity.user(email: email) {
                guard existing.organizationID == project.organizationID else {
                    throw DomainError.invalid("\(email) belongs to another organization")
                }
            } else {
                newUsers.append(User(id: ids.next(), organizationID: project.organizationID, email: email, name: email, orgRole: .member,
                                     createdAt: project.updatedAt))
            }
        }
        try await store.upsertMembers(projectID: project.id, members: members, newUsers: newUsers, updatedAt: project.updatedAt)
        for member in members {
            if let i = project.members.firstIndex(where: { $0.assignee == member.assignee }) { project.members[i] = member } else { project.members.append(member) }
        }
        return project
    }
}

/// Cloning a project's set-up, and purging a project for good.
extension ProjectService {
    /// `POST /project/{id}/clone`: a new project "{name} copy" in the same organization with the
    /// chosen sections copied (each flag defaults to true). Assets, tasks, labels and issues are
    /// never copied. The caller is the clone's Manager whatever the member list says.
    public func clone(_ projectID: String, body: JSONValue, by user: User) async throws -> Project {
        let source = try await require(projectID, for: user, to: .editSettings, doing: "clone the project")
        try user.require(.member)  // a clone is a new project
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        func flag(_ key: String) throws -> Bool {
            guard let value = object[key], !value.isNull else { return true }
            guard let bool = value.boolValue else { throw DomainError.invalid("\(key) must be a boolean") }
            return bool
        }
        let copySchema = try flag("categorySchema"), copyMembers = try flag("assignedTo"), copyBatches = try flag("batches")
        let copyWorkflow = try flag("workflow"), copyPlugins = try flag("pluginPresets"), copyGeneral = try flag("projectGeneralSettings")
        let now = ISODate.millis(clock.now())
        var settings = copyGeneral ? source.settings.values : ProjectSettings.defaults
        for key in ["pluginPresets", "projectPlugins"] {
            settings[key] = copyPlugins ? source.settings.values[key] : ProjectSettings.defaults[key]
        }
        var members = copyMembers ? source.members.filter { $0.assignee != user.email } : []
        members.append(ProjectMember(assignee: user.email, role: .manager))
        let clone = Project(
            id: ids.next(), organizationID: source.organizationID, name: "\(source.name) copy", description: source.description,
            type: source.type, owner: user.email, categorySchema: copySchema ? source.categorySchema : CategorySchema.empty,
            workflow: copyWorkflow ? source.workflow : .default, members: members, batches: copyBatches ? source.batches : [],
            settings: ProjectSettings(stored: settings.compactMapValues { $0 }), deleted: false, createdAt: now, updatedAt: now)
        try await store.create(clone)
        return clone
    }

    /// `POST /project/{id}/purge {confirmName}`: deletes the project and everything in it for good,
    /// once `confirmName` equals the project's name. The caller removes the project's files from
    /// Gloss's own storage; files in connected external storage are never touched.
    public func purge(_ projectID: String, body: JSONValue, by user: User) async throws -> Project {
        let project = try await require(projectID, for: user, to: .editSettings, doing: "purge the project")
        guard let name = body["confirmName"]?.stringValue else {
            throw DomainError.invalid("confirmName is required: type the project's name to confirm")
        }
        guard name == project.name else { throw DomainError.invalid("confirmName does not match the project name") }
        try await store.purge(projectID: project.id)
        return project
    }
}

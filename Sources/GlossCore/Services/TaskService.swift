/// Tasks: the Tasks table's listing and its bulk actions.
public struct TaskService: Sendable {
    let projects: ProjectService
    let store: any TaskStore
    let identity: any IdentityStore
    let clock: any GlossClock
    let notifications: NotificationService
    let projectOfTask = TaskProjectMemo()

    /// One page of tasks. Batch names in filters become ids and stage names become ids, so the
    /// Tasks table and the SDK may use either.
    public func list(_ query: TaskQuery, by user: User) async throws -> (tasks: [LabelTask], total: Int, project: Project) {
        let project = try await projects.require(query.projectID, for: user)
        var query = query
        if project.role(of: user) == .labeler { query.visibleTo = user.email }
        query.filter.conditions = query.filter.conditions.map { Self.resolveNames($0, in: project) }
        let (tasks, total) = try await store.list(query)
        return (tasks, total, project)
    }

    static func resolveNames(_ condition: FilterCondition, in project: Project) -> FilterCondition {
        let map: (String) -> String
        switch condition.field {
        case .batches: map = { key in project.batch(idOrName: key)?.id ?? key }
        case .stage: map = { key in project.workflow.stage(id: key) != nil ? key : (project.workflow.stages.first { $0.name == key }?.id ?? key) }
        default: return condition
        }
        var resolved = condition
        switch condition.value {
        case .string(let s) where condition.op != .regex: resolved.value = .string(map(s))
        case .strings(let list): resolved.value = .strings(list.map(map))
        default: break
        }
        return resolved
    }

    /// One task, with the project it belongs to (404 when the caller cannot see it).
    public func get(_ taskID: String, by user: User) async throws -> (task: LabelTask, project: Project) {
        guard let task = try await store.task(id: taskID) else { throw DomainError.notFound("task \(taskID) not found") }
        do {
            let project = try await projects.require(task.projectID, for: user)
            // A Labeler sees only the tasks they hold or have worked on.
            if project.role(of: user) == .labeler, task.assignee != user.email,
               try await !store.isVisible(taskID: task.id, to: user.email) {
                throw DomainError.notFound("task \(taskID) not found")
            }
            return (task, project)
        } catch DomainError.notFound { throw DomainError.notFound("task \(taskID) not found") }
    }

    /// `POST /task/assign`: assigns tasks (those in `stage`, when given) to an organization member.
    public func assign(_ body: JSONValue, by user: User) async throws -> Int {
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        guard let projectID = object["project"]?.stringValue else { throw DomainError.invalid("project is required") }
        let project = try await projects.require(projectID, for: user, to: .manageTasks, doing: "assign tasks")
        let taskIDs = try Self.stringList(object["tasks"], field: "tasks")
        guard let emailText = object["user"]?.stringValue ?? object["email"]?.stringValue else { throw DomainError.invalid("user (an email) is required") }
        let email = try EmailAddress.validated(emailText, field: "user")
        guard let assignee = try await identity.user(email: email), assignee.organizationID == project.organizationID else {
            throw DomainError.invalid("user \(email) is not a member of this organization")
        }
        var stageID: String?
        if let stage = object["stage"], !stage.isNull {
            guard let id = stage.stringValue, project.workflow.stage(id: id) != nil else {
                throw DomainError.invalid("stage \(stage.stringValue ?? stage.typeName) does not exist in this project")
            }
            stageID = id
        }
        let count = try await store.assign(projectID: project.id, taskIDs: taskIDs, stageID: stageID, assignee: email,
                                           at: ISODate.millis(clock.now()))
        if email != user.email {
            try await notifications.notify(email: email, organizationID: project.organizationID, kind: .taskAssigned, title: "Tasks assigned to you",
                                           message: "\(user.email) assigned you \(count) task\(count == 1 ? "" : "s") in \(project.name).",
                                           link: "#/projects/\(project.id)/tasks", sentBy: user.email)
        }
        return count
    }

    /// `POST /project/{id}/updatePriority`: sets priority on the selected tasks.
    public func setPriority(_ projectID: String, body: JSONValue, by user: User) async throws -> Int {
        let project = try await projects.require(projectID, for: user, to: .manageTasks, doing: "change priorities")
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        guard let priority = object["priority"]?.intValue, (-1000...1000).contains(priority) else {
            throw DomainError.invalid("priority must be an integer from -1000 to 1000")
        }
        var selector = try TaskSelector.parse(object["filters"])
        selector.batches = selector.batches.map { project.batch(idOrName: $0)?.id ?? $0 }
        return try await store.setPriority(projectID: project.id, selector: selector, priority: priority, at: ISODate.millis(clock.now()))
    }

    /// Deletes tasks for good (the Tasks tab's Delete). Every id must be a task of the project.
    public func delete(_ projectID: String, body: JSONValue, by user: User) async throws -> Int {
        let project = try await projects.require(projectID, for: user, to: .manageTasks, doing: "delete tasks")
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        let taskIDs = try Self.stringList(object["tasks"], field: "tasks")
        return try await store.delete(projectID: project.id, taskIDs: taskIDs)
    }

    /// `POST /project/{id}/benchmark-tasks {tasks, isBenchmark}`: marks or unmarks benchmark tasks.
    public func setBenchmark(_ projectID: String, body: JSONValue, by user: User) async throws -> Int {
        let project = try await projects.require(projectID, for: user, to: .setBenchmarks)
        guard let object = body.objectValue else { throw DomainError.invalid("body must be a JSON object") }
        let taskIDs = try Self.stringList(object["tasks"], field: "tasks")
        var flag = true
        if let value = object["isBenchmark"], !value.isNull {
            guard let bool = value.boolValue else { throw DomainError.invalid("isBenchmark must be a boolean") }
            flag = bool
        }
        return try await store.setBenchmark(projectID: project.id, taskIDs: taskIDs, isBenchmark: flag, at: ISODate.millis(clock.now()))
    }

    /// A task's stage history.
    public func history(_ taskID: String, by user: User) async throws -> [StageHistoryEntry] {
        _ = try await get(taskID, by: user)
        return try await store.history(taskID: taskID)
    }

    /// A non-empty array of strings, or a 400 naming `field`.
    public static func stringList(_ value: JSONValue?, field: String) throws -> [String] {
        guard let list = value?.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue != nil }) else {
            throw DomainError.invalid("\(field) must be a non-empty array of ids")
        }
        return list.compactMap(\.stringValue)
    }
}

extension TaskService {
    /// The project of a task the user can see (404 otherwise). A task never changes project, so
    /// the task -> project link is remembered: labeling routes then read only the project here and
    /// the task once, inside their transaction.
    public func project(ofTask taskID: String, by user: User) async throws -> Project {
        let projectID: String
        if let known = projectOfTask.lookup(taskID) {
            projectID = known
        } else {
            // Only the project id is needed: the index on the task id answers it without reading
            // (and decoding) the task row, which the step that follows reads anyway.
            guard let found = try await store.projectID(ofTask: taskID) else { throw DomainError.notFound("task \(taskID) not found") }
            projectOfTask.remember(taskID, found)
            projectID = found
        }
        let project: Project
        do { project = try await projects.require(projectID, for: user) } catch DomainError.notFound {
            throw DomainError.notFound("task \(taskID) not found")
        }
        if project.role(of: user) == .labeler, try await !store.isVisible(taskID: taskID, to: user.email) {
            throw DomainError.notFound("task \(taskID) not found")
        }
        return project
    }

    /// One stage-history entry, if its task is visible to `user`.
    public func historyEntry(_ id: String, by user: User) async throws -> StageHistoryEntry? {
        guard let entry = try await store.historyEntry(id: id) else { return nil }
        _ = try await get(entry.taskID, by: user)
        return entry
    }
}

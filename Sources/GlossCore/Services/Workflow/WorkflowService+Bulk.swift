/// Options of `POST /project/{id}/requeueTasks`.
public struct RequeueOptions: Sendable, Equatable {
    /// Clear the answer (irreversible).
    public var removeAnnotations = false
    /// Clear the assignee and every sticky stage assignee: the first user to reach it takes it.
    public var removeAssignee = false
    /// Delete the task's stage history.
    public var removeStageHistory = false

    /// Creates options.
    public init(removeAnnotations: Bool = false, removeAssignee: Bool = false, removeStageHistory: Bool = false) {
        self.removeAnnotations = removeAnnotations; self.removeAssignee = removeAssignee; self.removeStageHistory = removeStageHistory
    }

    /// Parses `options`, accepting the legacy names `resetAnswer` and `unassign`.
    public static func parse(_ value: JSONValue?) throws -> RequeueOptions {
        var options = RequeueOptions()
        guard let value, !value.isNull else { return options }
        guard let object = value.objectValue else { throw DomainError.invalid("options must be an object") }
        for (key, raw) in object {
            guard let flag = raw.boolValue else { throw DomainError.invalid("options.\(key) must be a boolean") }
            switch key {
            case "removeAnnotations", "resetAnswer": options.removeAnnotations = flag
            case "removeAssignee", "unassign": options.removeAssignee = flag
            case "removeStageHistory": options.removeStageHistory = flag
            default: throw DomainError.invalid("unknown options key: \(key)")
            }
        }
        return options
    }
}

extension WorkflowService {
    /// Requeue: moves the selected tasks to `toStageID` as they are, with no history entry but a
    /// requeue mark (`requeuedAt`, and later entries flagged `rework`). Into a Plugin stage the
    /// plugin is not run (Re-run does that); Logic and Webhook stages route on at once; a
    /// Consensus stage splits the task again. Consensus sub-tasks move only between the sub-stages
    /// of their own Consensus stage. Returns how many tasks moved.
    public func requeue(_ project: Project, toStageID: String, selector: TaskSelector, options: RequeueOptions,
                        by user: User) async throws -> Int {
        try project.require(.manageTasks, for: user, doing: "requeue tasks")
        guard let target = project.workflow.stage(id: toStageID) else { throw DomainError.invalid("stage \(toStageID) does not exist in this project") }
        let engine = engine(project)
        var moved = 0
        _ = try await store.workMany(projectID: project.id, selector: selector) { tasks in
            var changes = TaskChangeSet()
            for original in tasks {
                // Sub-tasks stay inside their consensus; other tasks never enter a sub-stage.
                let isSub = original.parentTaskID != nil
                let sameConsensus = target.consensusID != nil && project.workflow.stage(id: original.stage)?.consensusID == target.consensusID
                    || target.consensusID != nil && original.stage == target.consensusID
                guard isSub ? sameConsensus : target.consensusID == nil else { continue }
                var task = original
                if project.workflow.stage(id: task.stage)?.type == .consensus, !isSub { changes.replacedSubtaskParentIDs.append(task.id) }
                task.requeuedAt = engine.now
                if options.removeAnnotations { task.answer = Answer.empty; task.brushDataURL = nil; task.medicalBrushDataURL = nil }
                if options.removeAssignee { task.stageAssignees = [:] }
                if options.removeStageHistory { changes.clearedHistoryTaskIDs.append(task.id) }
                task = try engine.enter(task, stageID: target.id, context: RoutingContext(), changes: &changes, dispatchPlugins: false)
                changes.update(task)
                moved += 1
            }
            return changes
        }
        return moved
    }

    /// Manual forward out of a Start or Hold stage ("Next Stage"): every task there, or only those
    /// in `batches`, leaves by `next[0]` with a history entry.
    public func forward(_ project: Project, stageID: String, batches: [String], by user: User) async throws -> Int {
        try project.require(.editSettings, for: user, doing: "forward tasks")
        guard let stage = project.workflow.stage(id: stageID) else { throw DomainError.invalid("stage \(stageID) does not exist in this project") }
        guard stage.type == .start || stage.type == .hold else { throw DomainError.invalid("only Start and Hold stages are forwarded by hand") }
        var selector = TaskSelector()
        selector.fromStageIDs = [stageID]
        selector.batches = try batches.map { key in
            guard let batch = project.batch(idOrName: key) else { throw DomainError.invalid("batch \(key) does not exist in this project") }
            return batch.id
        }
        let engine = engine(project)
        let by: String? = stage.type == .hold ? user.email : nil
        return try await store.workMany(projectID: project.id, selector: selector) { tasks in
            var changes = TaskChangeSet()
            for task in tasks { changes.update(try engine.leave(task, output: 0, by: by, context: RoutingContext(), changes: &changes)) }
            return changes
        }
    }

    /// Re-run of a Plugin stage: dispatches every task in it to the plugin again.
    public func rerunPlugin(_ project: Project, stageID: String, by user: User) async throws -> Int {
        try project.require(.editSettings, for: user, doing: "re-run plugins")
        guard let stage = project.workflow.stage(id: stageID), stage.type == .plugin else {
            throw DomainError.invalid("stage \(stageID) is not a Plugin stage of this project")
        }
        var selector = TaskSelector()
        selector.fromStageIDs = [stageID]
        let engine = engine(project)
        return try await store.workMany(projectID: project.id, selector: selector) { tasks in
            var changes = TaskChangeSet()
            changes.outbox = tasks.map { engine.outbox(.plugin, stage: stage, task: $0) }
            return changes
        }
    }
}

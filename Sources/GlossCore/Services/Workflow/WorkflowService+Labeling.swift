extension WorkflowService {
    /// The editor's Save: stores the answer and time, marks the task a draft, keeps its stage.
    /// Allowed anywhere but in a read-only Review stage, including outside the queue.
    public func save(_ taskID: String, body: WorkBody, project: Project, by user: User) async throws -> LabelTask {
        let now = now()
        return try await step(taskID, project: project) { input, _, changes in
            var task = input.task
            try Self.checkEditable(task, in: project)
            try Self.checkMayEdit(task, project: project, user: user)
            try body.apply(to: &task, project: project, user: user, now: now, submitting: false)
            task.isDraft = true
            changes.update(task)
            return task
        }
    }

    /// The editor's Submit: only for the task's assignee who got it from the queue, only in a
    /// Label stage. Writes the stage-history snapshot and moves the task to `next[0]`.
    public func submit(_ taskID: String, body: WorkBody, project: Project, by user: User) async throws -> LabelTask {
        let now = now()
        return try await step(taskID, project: project) { input, engine, changes in
            var task = input.task
            guard task.assignee == user.email, task.openedAt != nil else {
                throw DomainError.forbidden("only the assignee who took this task from the queue may submit it; outside the queue, use Save")
            }
            try Self.checkSubmittable(task, in: project)
            try body.apply(to: &task, project: project, user: user, now: now, submitting: true)
            if task.type == .benchmark { return try Self.scoreBenchmark(task, gold: input.parent, project: project, ids: ids, now: now, changes: &changes) }
            return try Self.submitAndRoute(task, input: input, engine: engine, by: user.email, changes: &changes)
        }
    }

    /// Skip: the assignee passes the task over without submitting (no history entry). With
    /// `unassignSkippedTask` it goes back to the pool.
    public func skip(_ taskID: String, project: Project, by user: User) async throws -> LabelTask {
        guard project.settings.bool("taskSkipEnabled", default: true) else { throw DomainError.invalid("skipping is disabled in this project") }
        let now = now()
        return try await step(taskID, project: project) { input, _, changes in
            var task = input.task
            guard task.assignee == user.email else { throw DomainError.forbidden("only the task's assignee may skip it") }
            guard let type = project.workflow.stage(id: task.stage)?.type, type.isHuman else {
                throw DomainError.invalid("only tasks in Label or Review stages can be skipped")
            }
            task.isSkipped = true
            task.updatedAt = now
            // A benchmark copy stays with the person it was made for.
            if project.settings.bool("unassignSkippedTask"), task.type != .benchmark {
                task.assignee = nil
                task.stageAssignees[task.stage] = nil
                task.openedAt = nil
            }
            changes.update(task)
            return task
        }
    }

    /// `POST /annotate/{taskId}` (SDK, plugins): replaces the answer whatever the stage; with
    /// `nextStage` also submits it (Label, Plugin) or forwards it (Start). Hold refuses.
    public func annotate(_ taskID: String, body: WorkBody, nextStage: Bool, isPlugin: Bool, project: Project,
                         by user: User) async throws -> LabelTask {
        let now = now()
        return try await step(taskID, project: project) { input, engine, changes in
            var task = input.task
            let stage = project.workflow.stage(id: task.stage)
            if isPlugin, stage?.type != .plugin {
                throw DomainError.conflict("task \(task.id) is no longer in a Plugin stage")
            }
            if !isPlugin {
                try Self.checkEditable(task, in: project)
                try Self.checkMayEdit(task, project: project, user: user)
            }
            guard nextStage else {
                try body.apply(to: &task, project: project, user: user, now: now, submitting: false)
                changes.update(task)
                return task
            }
            if task.assignee != user.email, !isPlugin { try project.require(.manageTasks, for: user, doing: "submit tasks assigned to someone else") }
            if task.type == .benchmark {
                guard task.assignee == user.email else { throw DomainError.forbidden("a benchmark task is submitted by the person it was served to") }
                try body.apply(to: &task, project: project, user: user, now: now, submitting: true)
                return try Self.scoreBenchmark(task, gold: input.parent, project: project, ids: ids, now: now, changes: &changes)
            }
            switch stage?.type {
            case .label?, .plugin?:
                try body.apply(to: &task, project: project, user: user, now: now, submitting: !isPlugin)
                return try Self.submitAndRoute(task, input: input, engine: engine, by: isPlugin ? nil : user.email, changes: &changes)
            case .start?:
                // Pre-label, then send on: the usual import-script and plugin flow.
                try body.apply(to: &task, project: project, user: user, now: now, submitting: false)
                let moved = try engine.leave(task, output: 0, by: nil, context: Self.annotators(input.history, in: project), changes: &changes)
                changes.update(moved)
                return moved
            case .hold?:
                throw DomainError.invalid("tasks in a Hold stage can be saved, not submitted; forward the stage to move them")
            case .review?:
                throw DomainError.invalid("task \(task.id) is in a Review stage: use /review to accept or reject it")
            default:
                throw DomainError.invalid("tasks in stage \(stage?.name ?? task.stage) cannot be submitted")
            }
        }
    }

    /// Leaves the current stage by output 0 and, for a consensus sub-task, resolves the consensus
    /// once every judgement is in.
    static func submitAndRoute(_ task: LabelTask, input: TaskWorkInput, engine: WorkflowEngine, by email: String?,
                               changes: inout TaskChangeSet) throws -> LabelTask {
        let context = annotators(input.history, in: engine.project)
        let moved = try engine.leave(task, output: 0, by: email, context: context, changes: &changes)
        changes.update(moved)
        if let parent = input.parent {
            let judgements = input.siblings.map { $0.id == moved.id ? moved : $0 }
            if let resolved = try engine.resolveConsensus(parent: parent, subtasks: judgements, context: context, changes: &changes) {
                changes.update(resolved)
            }
        }
        return moved
    }

    /// A submitted benchmark copy: scored against its gold task, recorded, and deleted; the gold
    /// task and the workflow are untouched.
    static func scoreBenchmark(_ copy: LabelTask, gold: LabelTask?, project: Project, ids: any IDGenerator, now: Int64,
                               changes: inout TaskChangeSet) throws -> LabelTask {
        guard let gold, let email = copy.assignee else { throw DomainError.conflict("benchmark task \(copy.id) lost its gold task") }
        let score = Benchmarks.score(copy.answer, gold: gold.answer, schema: project.categorySchema)
        changes.benchmarkResults.append(BenchmarkResult(id: ids.next(), projectID: project.id, goldTaskID: gold.id, email: email, score: score,
                                                        answer: copy.answer, duration: copy.duration, createdAt: now))
        changes.deletedTaskIDs.append(copy.id)
        return copy
    }

    /// Who may change a task's answer outside Submit: its holder; while nobody holds it, anyone who
    /// labels in its Label stage (Reviewers and up in a Review stage); Leads and above always.
    static func checkMayEdit(_ task: LabelTask, project: Project, user: User) throws {
        if task.assignee == user.email || project.allows(.manageTasks, for: user) { return }
        let type = project.workflow.stage(id: task.stage)?.type
        if task.assignee == nil, type == .label { return }
        if task.assignee == nil, type == .review, project.allows(.review, for: user) { return }
        throw DomainError.forbidden("only the task's holder, or a project Lead or above, may change a task held by someone else or outside a Label or Review stage")
    }

    static func checkEditable(_ task: LabelTask, in project: Project) throws {
        let stage = project.workflow.stage(id: task.stage)
        if stage?.type == .review, stage?.raw["readOnly"]?.boolValue == true {
            throw DomainError.forbidden("stage \(stage?.name ?? task.stage) is read-only: reviewers may accept or reject, not edit")
        }
    }

    static func checkSubmittable(_ task: LabelTask, in project: Project) throws {
        guard let stage = project.workflow.stage(id: task.stage) else { throw DomainError.conflict("task \(task.id) is in an unknown stage") }
        switch stage.type {
        case .label?: return
        case .hold?: throw DomainError.invalid("tasks in a Hold stage can be saved, not submitted")
        case .review?: throw DomainError.invalid("tasks in a Review stage are accepted or rejected, not submitted")
        default: throw DomainError.invalid("tasks in stage \(stage.name) cannot be submitted")
        }
    }
}

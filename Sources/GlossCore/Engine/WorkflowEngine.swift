/// The workflow as pure transitions: given a task and what happened to it, the task's next state,
/// the history entries and the side effects (outbox items, consensus sub-tasks). Nothing here
/// touches storage; services run it inside a store transaction and write the change set.
public struct WorkflowEngine: Sendable {
    /// The project (workflow, schema, batches, settings).
    public let project: Project
    /// "Now", epoch ms.
    public let now: Int64
    /// Ids for history entries, sub-tasks and outbox items.
    public let ids: any IDGenerator
    /// Dice for RandomSample rules.
    public let random: any RandomSource

    /// Automatic stages (Logic, Webhook) a task may pass through in one step; a loop of them
    /// stops the task where the limit is reached instead of spinning.
    static let maxAutomaticHops = 32

    /// Creates an engine for one step.
    public init(project: Project, now: Int64, ids: any IDGenerator, random: any RandomSource) {
        self.project = project; self.now = now; self.ids = ids; self.random = random
    }

    var workflow: Workflow { project.workflow }

    /// The history snapshot of `task` as it leaves its current stage.
    public func snapshot(_ task: LabelTask, by email: String?, reviewStatus: String? = nil) -> StageHistoryEntry {
        var entry = StageHistoryEntry(id: ids.next(), taskID: task.id, projectID: task.projectID, assetID: task.assetID,
                                      stageID: task.stage, stageName: workflow.stage(id: task.stage)?.name ?? task.stage,
                                      answer: task.answer, duration: task.duration, completedAt: now, completedBy: email,
                                      reviewStatus: reviewStatus)
        entry.rework = task.requeuedAt != nil
        return entry
    }

    /// Moves `task` out of its current stage by output `output` (Submit: 0; Accept 0 / Reject 1;
    /// forward: 0), writing its history entry, then on through automatic stages.
    public func leave(_ task: LabelTask, output: Int, by email: String?, reviewStatus: String? = nil,
                      context: RoutingContext, changes: inout TaskChangeSet) throws -> LabelTask {
        guard let stage = workflow.stage(id: task.stage) else {
            throw DomainError.conflict("task \(task.id) is in stage \(task.stage), which is no longer in the workflow")
        }
        guard output < stage.next.count else { throw DomainError.invalid("stage \(stage.name) has no output \(output)") }
        changes.history.append(snapshot(task, by: email, reviewStatus: reviewStatus))
        var moved = task
        if let email { moved.updatedBy = email }
        var context = context
        if stage.type == .label, let email { context.annotators.append(email) }
        return try enter(moved, stageID: stage.next[output], context: context, changes: &changes)
    }

    /// Puts `task` into stage `stageID` (no history entry: requeues and routing use this) and
    /// follows automatic stages: Logic routes at once, Webhook queues a delivery and passes the
    /// task on, Plugin queues a dispatch and holds it, Consensus splits it into sub-tasks.
    /// `dispatchPlugins: false` (requeues) leaves a task requeued straight into a Plugin stage
    /// waiting for Re-run, as Ango Hub does.
    public func enter(_ task: LabelTask, stageID: String, context: RoutingContext, changes: inout TaskChangeSet,
                      dispatchPlugins: Bool = true) throws -> LabelTask {
        var task = task
        var target = stageID
        for hop in 0...Self.maxAutomaticHops {
            guard let stage = workflow.stage(id: target) else { throw DomainError.invalid("stage \(target) does not exist in this project") }
            arrive(&task, at: stage)
            switch stage.type {
            case .logic?:
                let rules = LogicRules(stage: stage)
                let output = rules.output(for: task, project: project, context: context, random: random, outputs: stage.next.count)
                guard output < stage.next.count else { return task }
                target = stage.next[output]
            case .webhook?:
                changes.outbox.append(outbox(.webhook, stage: stage, task: task))
                guard let next = stage.next.first else { return task }
                target = next
            case .plugin?:
                if dispatchPlugins || hop > 0 { changes.outbox.append(outbox(.plugin, stage: stage, task: task)) }
                return task
            case .consensus?:
                if task.parentTaskID != nil {
                    // A sub-task back at its Consensus stage is a finished judgement.
                    task.status = .completed; task.completedAt = now; task.assignee = nil
                    return task
                }
                task.assignee = nil
                try split(task, at: stage, context: context, changes: &changes)
                return task
            default:
                return task
            }
        }
        return task
    }

    /// A task arriving in a stage: a fresh stage pass (duration, draft and skip reset), the stage's
    /// sticky assignee, and the status the stage implies.
    func arrive(_ task: inout LabelTask, at stage: Stage) {
        task.stage = stage.id
        task.duration = 0; task.isDraft = false; task.isSkipped = false; task.openedAt = nil
        task.assignee = task.stageAssignees[stage.id]
        task.updatedAt = now
        if stage.type == .complete || stage.type == .archive {
            task.status = .completed; task.completedAt = now
        } else {
            task.status = .todo; task.completedAt = nil
        }
    }

    func outbox(_ kind: OutboxItem.Kind, stage: Stage, task: LabelTask) -> OutboxItem {
        OutboxItem(id: ids.next(), kind: kind, projectID: project.id, stageID: stage.id, taskID: task.id, createdAt: now)
    }

    /// One sub-task per sub-stage, each a copy of the task, entering its sub-stage.
    func split(_ task: LabelTask, at stage: Stage, context: RoutingContext, changes: inout TaskChangeSet) throws {
        changes.replacedSubtaskParentIDs.append(task.id)
        for sub in workflow.stages where sub.consensusID == stage.id {
            var copy = LabelTask(id: ids.next(), projectID: task.projectID, assetID: task.assetID, externalID: task.externalID,
                                 stage: stage.id, type: .consensus, batches: task.batches, priority: task.priority,
                                 answer: task.answer, brushDataURL: task.brushDataURL, medicalBrushDataURL: task.medicalBrushDataURL,
                                 isBenchmark: task.isBenchmark, createdBy: task.createdBy, updatedBy: nil,
                                 createdAt: now, updatedAt: now)
            copy.parentTaskID = task.id
            copy = try enter(copy, stageID: sub.id, context: context, changes: &changes)
            changes.inserted.append(copy)
        }
    }
}

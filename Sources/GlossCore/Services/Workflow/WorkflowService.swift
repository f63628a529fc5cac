/// Which queue the editor pulls from.
public enum QueueKind: String, Sendable, CaseIterable {
    /// Label stages (consensus Label sub-stages included).
    case label
    /// Review stages.
    case review
}

/// The labeling loop: queues, save / submit / skip, reviews, SDK annotations, requeues and manual
/// forwards. Every step reads the task inside a store transaction, asks the `WorkflowEngine` what
/// happens, and writes the result in that same transaction.
public struct WorkflowService: Sendable {
    let projects: ProjectService
    let store: any WorkflowStore
    let clock: any GlossClock
    let ids: any IDGenerator
    let random: any RandomSource

    /// Wires the service.
    public init(projects: ProjectService, store: any WorkflowStore, clock: any GlossClock, ids: any IDGenerator, random: any RandomSource) {
        self.projects = projects; self.store = store; self.clock = clock; self.ids = ids; self.random = random
    }

    func engine(_ project: Project) -> WorkflowEngine {
        WorkflowEngine(project: project, now: now(), ids: ids, random: random)
    }

    func now() -> Int64 { ISODate.millis(clock.now()) }

    /// `POST /project/{id}/queue/next`: the next task of a random queue that has work for the
    /// user, now assigned to them; nil when every queue is empty for them.
    public func next(_ projectID: String, kind: QueueKind, by user: User) async throws -> (task: LabelTask, project: Project)? {
        let project = try await projects.require(projectID, for: user)
        if kind == .review { try project.require(.review, for: user) }
        let type: StageType = kind == .label ? .label : .review
        let stages = project.workflow.stages.filter { stage in
            stage.type == type && (stage.assignedTo.isEmpty || stage.assignedTo.contains { $0.lowercased() == user.email })
        }
        guard !stages.isEmpty else { return nil }
        let exclusive = Set(stages.filter { stage in
            guard let parent = stage.consensusID.flatMap(project.workflow.stage(id:)) else { return false }
            return ConsensusOptions(stage: parent).autoAssign
        }.map(\.id))
        let order = random.shuffled(stages).map(\.id)
        // Benchmarks: each Label-queue request may serve a copy of a benchmark the user has not done.
        if kind == .label, Benchmarks.rolls(project, random: random),
           let copy = try await store.claimBenchmark(projectID: project.id, stageID: order[0], user: user.email, newID: ids.next(), now: now()) {
            return (copy, project)
        }
        let claim = QueueClaim(projectID: project.id, stageIDs: order, user: user.email,
                               exclusiveStageIDs: exclusive, now: now())
        return try await store.claim(claim).map { ($0, project) }
    }

    /// The emails that submitted the task in Label stages (the Logic Annotator rule).
    static func annotators(_ history: [StageHistoryEntry], in project: Project) -> RoutingContext {
        RoutingContext(annotators: history.compactMap { entry in
            project.workflow.stage(id: entry.stageID)?.type == .label ? entry.completedBy : nil
        })
    }

    /// Whether Logic stages anywhere in the workflow read who annotated (then history is loaded).
    static func needsHistory(_ project: Project) -> Bool {
        project.workflow.stages.contains { stage in
            stage.type == .logic && LogicRules(stage: stage).rules.contains { $0.conditions.contains { $0.type == "Annotator" } }
        }
    }

    /// Runs one step on a task of `project`; 404 when the task is not there.
    func step(_ taskID: String, project: Project,
              _ body: @Sendable (TaskWorkInput, WorkflowEngine, inout TaskChangeSet) throws -> LabelTask) async throws -> LabelTask {
        let engine = engine(project)
        let result = try await store.work(taskID: taskID, withHistory: Self.needsHistory(project)) { input -> (TaskChangeSet, LabelTask?) in
            guard input.task.projectID == project.id else { return (TaskChangeSet(), nil) }
            var changes = TaskChangeSet()
            let task = try body(input, engine, &changes)
            return (changes, task)
        }
        guard let task = result ?? nil else { throw DomainError.notFound("task \(taskID) not found") }
        return task
    }
}

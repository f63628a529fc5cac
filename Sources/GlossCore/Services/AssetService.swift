/// The answer of a cloud import.
public struct ImportSummary: Sendable, Equatable {
    /// Assets created.
    public var assetsCreated: Int
    /// Tasks created (one per asset).
    public var tasksCreated: Int
    /// Items that carried pre-labels.
    public var preLabelsCount: Int
    /// Pre-labels that were valid and applied.
    public var validPreLabelsCount: Int
    /// Creates a summary.
    public init(assetsCreated: Int, tasksCreated: Int, preLabelsCount: Int, validPreLabelsCount: Int) {
        self.assetsCreated = assetsCreated; self.tasksCreated = tasksCreated
        self.preLabelsCount = preLabelsCount; self.validPreLabelsCount = validPreLabelsCount
    }
}

/// Options of one import request, besides the items.
public struct ImportOptions: Sendable {
    /// Batch ids or names for every item (query `batches`).
    public var batches: [String] = []
    /// Request-level priority; when non-zero it overrides per-item priorities, as the Add Data
    /// dialog's "Priority Value" does in Ango Hub.
    public var priority: Int?
    /// Whether the files were uploaded to Gloss (the SDK's `uploadLocal: "true"`).
    public var uploadLocal = false
    /// Who imports (email), recorded as `createdBy`.
    public var createdBy: String?
    /// Creates options.
    public init(batches: [String] = [], priority: Int? = nil, uploadLocal: Bool = false, createdBy: String? = nil) {
        self.batches = batches; self.priority = priority; self.uploadLocal = uploadLocal; self.createdBy = createdBy
    }
}

/// Assets: import (one task per asset, same transaction), list, delete, batch assignment.
public struct AssetService: Sendable {
    let projects: ProjectService
    let store: any AssetStore
    let tasks: any TaskStore
    let clock: any GlossClock
    let ids: any IDGenerator
    let random: any RandomSource

    /// Imports assets all-or-nothing: every item is checked first, then assets, their tasks and
    /// Start history are written in one transaction. New tasks enter Start and, when it
    /// auto-forwards, move to its next stage at once, sweeping tasks already waiting in Start too.
    public func importAssets(_ projectID: String, items: [JSONValue], options: ImportOptions, by user: User) async throws -> ImportSummary {
        let project = try await projects.require(projectID, for: user, to: .manageTasks, doing: "add data")
        let inputs = try items.enumerated().map { try AssetInput.parse($1, index: $0) }
        return try await importInputs(project, inputs: inputs, options: options)
    }

    /// Imports already-parsed inputs (CLI and API share this path).
    public func importInputs(_ project: Project, inputs: [AssetInput], options: ImportOptions) async throws -> ImportSummary {
        guard !inputs.isEmpty else { throw DomainError.invalid("assets must be a non-empty array") }
        if options.uploadLocal && project.type == .pct { throw DomainError.invalid("local upload is not allowed for pct projects") }
        if let p = options.priority, !(-1000...1000).contains(p) { throw DomainError.invalid("priority must be from -1000 to 1000") }
        let commonBatches = try resolve(options.batches, in: project, at: "batches")
        guard let start = project.workflow.start else { throw DomainError.invalid("the project's workflow has no Start stage") }
        let now = ISODate.millis(clock.now())
        // One block of ids for the request (an asset, its task, its Start entry, and room for the
        // next stage's entry): the rows of one import stay together in the id-keyed tables
        // (assets, history) while other imports run, so exports and lists read them in one pass.
        let ids = self.ids.block(inputs.count * 4)
        let engine = WorkflowEngine(project: project, now: now, ids: ids, random: random)
        let forwards = start.autoForward && !start.next.isEmpty
        var assets: [Asset] = [], tasks: [LabelTask] = []
        assets.reserveCapacity(inputs.count); tasks.reserveCapacity(inputs.count)
        var changes = TaskChangeSet()
        var preLabels = 0, validPreLabels = 0
        for (index, input) in inputs.enumerated() {
            let batches = Self.union(commonBatches, try resolve(input.batches, in: project, at: "assets[\(index)].batches"))
            // Pre-labels riding on the item become the task's answer when they fit the schema;
            // ones that don't are left out (the asset still lands) and show in the counts.
            var preLabel: JSONValue? = nil
            if let labels = input.preLabels {
                preLabels += 1
                preLabel = try? ImportedAnswer.prepare(labels, schema: project.categorySchema, ids: ids)
                if preLabel != nil { validPreLabels += 1 }
            }
            let asset = Asset(id: ids.next(), projectID: project.id, externalID: input.externalID, data: input.data,
                              metadata: input.metadata, contextData: input.contextData, batches: batches, storage: input.storage,
                              attachments: input.attachments, isPreLabeled: preLabel != nil, createdAt: now, updatedAt: now)
            let priority = (options.priority ?? 0) != 0 ? options.priority! : (input.priority ?? 0)
            var task = LabelTask(id: ids.next(), projectID: project.id, assetID: asset.id, externalID: asset.externalID,
                                 stage: start.id, batches: batches, priority: priority, createdBy: options.createdBy,
                                 updatedBy: options.createdBy, createdAt: now, updatedAt: now)
            if let preLabel { task.answer = preLabel }
            if forwards { task = try engine.leave(task, output: 0, by: nil, context: RoutingContext(), changes: &changes) }
            assets.append(asset); tasks.append(task)
        }
        let history = changes.history
        changes.history = []
        let sweep = forwards ? StartSweep(fromStageID: start.id) { waiting in
            var moved = TaskChangeSet()
            for task in waiting { moved.update(try engine.leave(task, output: 0, by: nil, context: RoutingContext(), changes: &moved)) }
            return moved
        } : nil
        _ = try await store.apply(ImportPlan(projectID: project.id, assets: assets, tasks: tasks, history: history, changes: changes, sweep: sweep))
        return ImportSummary(assetsCreated: assets.count, tasksCreated: tasks.count, preLabelsCount: preLabels,
                             validPreLabelsCount: validPreLabels)
    }

    /// Maps batch ids or names to ids; an unknown one is a 400 naming it.
    func resolve(_ keys: [String], in project: Project, at path: String) throws -> [String] {
        try keys.map { key in
            guard let batch = project.batch(idOrName: key) else { throw DomainError.invalid("\(path): batch \(key) does not exist in this project") }
            return batch.id
        }
    }

    static func union(_ a: [String], _ b: [String]) -> [String] {
        var seen = Set<String>(); return (a + b).filter { seen.insert($0).inserted }
    }

    /// A page of assets with their tasks and stage history.
    public func list(_ projectID: String, filter: AssetFilter, page: PageRequest, by user: User) async throws -> (assets: [AssetWithTasks], total: Int, project: Project) {
        let project = try await projects.require(projectID, for: user, to: .view)
        var filter = filter
        filter.batches = try resolve(filter.batches, in: project, at: "filters.batches")
        let labeler = project.role(of: user) == .labeler
        // A Labeler has no Assets tab: they open the asset of a task they hold or worked on, by id.
        if labeler, filter.id == nil { throw DomainError.forbidden("a Labeler opens assets through their tasks: filter by the asset _id") }
        var (assets, total) = try await store.list(projectID: project.id, filter: filter, page: page)
        if labeler {
            for index in assets.indices {
                var visible: [LabelTask] = []
                for task in assets[index].tasks where try await tasks.isVisible(taskID: task.id, to: user.email) { visible.append(task) }
                assets[index].tasks = visible
                assets[index].history = assets[index].history.filter { id, _ in visible.contains { $0.id == id } }
            }
            assets.removeAll { $0.tasks.isEmpty }
            total = assets.count
        }
        return (assets, total, project)
    }

    /// Deletes assets and their tasks for good. Ids that are not assets of the project are a 400.
    public func delete(_ projectID: String, assetIDs: [String], by user: User) async throws -> Int {
        let project = try await projects.require(projectID, for: user, to: .manageTasks, doing: "delete assets")
        guard !assetIDs.isEmpty else { throw DomainError.invalid("assets must be a non-empty array of asset ids") }
        let found = try await store.existingAssetIDs(projectID: project.id, ids: assetIDs)
        if let missing = assetIDs.first(where: { !found.contains($0) }) { throw DomainError.invalid("asset \(missing) is not in this project") }
        return try await store.delete(projectID: project.id, assetIDs: assetIDs)
    }

    /// Adds batches (ids or names) to assets and their tasks.
    public func assignBatches(_ projectID: String, assetIDs: [String], batches: [String], by user: User) async throws -> Int {
        let project = try await projects.require(projectID, for: user, to: .manageTasks, doing: "assign batches")
        guard !assetIDs.isEmpty else { throw DomainError.invalid("assets must be a non-empty array of asset ids") }
        guard !batches.isEmpty else { throw DomainError.invalid("batches must be a non-empty array of batch ids or names") }
        let batchIDs = try resolve(batches, in: project, at: "batches")
        let found = try await store.existingAssetIDs(projectID: project.id, ids: assetIDs)
        if let missing = assetIDs.first(where: { !found.contains($0) }) { throw DomainError.invalid("asset \(missing) is not in this project") }
        return try await store.addBatches(projectID: project.id, assetIDs: assetIDs, batchIDs: batchIDs, at: ISODate.millis(clock.now()))
    }
}

/// Everything one import writes, decided by `AssetService`; the store writes it in ONE transaction.
public struct ImportPlan: Sendable {
    /// Project id.
    public var projectID: String
    /// New assets.
    public var assets: [Asset]
    /// One new task per asset, already in its entry stage (positions are assigned by the store).
    public var tasks: [LabelTask]
    /// History entries for tasks forwarded out of Start.
    public var history: [StageHistoryEntry]
    /// What routing the new tasks caused besides that: consensus sub-tasks, webhook and plugin
    /// outbox items.
    public var changes: TaskChangeSet
    /// When Start auto-forwards: also move tasks already waiting in Start (Ango Hub's quirk).
    public var sweep: StartSweep?

    /// Creates a plan.
    public init(projectID: String, assets: [Asset], tasks: [LabelTask], history: [StageHistoryEntry],
                changes: TaskChangeSet = TaskChangeSet(), sweep: StartSweep?) {
        self.projectID = projectID; self.assets = assets; self.tasks = tasks; self.history = history
        self.changes = changes; self.sweep = sweep
    }
}

/// Moves every task waiting in the Start stage on: the store reads them (in chunks) inside the
/// import's transaction and writes what `route` decides for them.
public struct StartSweep: Sendable {
    /// The Start stage id.
    public var fromStageID: String
    /// The workflow step for a chunk of waiting tasks (a forward with its history entry).
    public var route: @Sendable ([LabelTask]) throws -> TaskChangeSet
    /// Creates a sweep.
    public init(fromStageID: String, route: @escaping @Sendable ([LabelTask]) throws -> TaskChangeSet) {
        self.fromStageID = fromStageID; self.route = route
    }
}

/// An asset with its tasks and their stage history (the shape `GET /project/{id}/assets` returns).
public struct AssetWithTasks: Sendable {
    /// The asset.
    public var asset: Asset
    /// Its tasks.
    public var tasks: [LabelTask]
    /// History per task id.
    public var history: [String: [StageHistoryEntry]]
    /// Creates the value.
    public init(asset: Asset, tasks: [LabelTask], history: [String: [StageHistoryEntry]]) {
        self.asset = asset; self.tasks = tasks; self.history = history
    }
}

/// Persistence of assets.
public protocol AssetStore: Sendable {
    /// Writes an import plan atomically; returns how many tasks the sweep moved.
    func apply(_ plan: ImportPlan) async throws -> Int
    /// One page of assets (oldest first) with tasks, and the total matching.
    func list(projectID: String, filter: AssetFilter, page: PageRequest) async throws -> (assets: [AssetWithTasks], total: Int)
    /// Deletes the assets with their tasks and history; returns how many assets went.
    func delete(projectID: String, assetIDs: [String]) async throws -> Int
    /// One asset of the project.
    func asset(projectID: String, id: String) async throws -> Asset?
    /// Adds batches to assets (and their tasks); returns how many assets were updated.
    func addBatches(projectID: String, assetIDs: [String], batchIDs: [String], at: Int64) async throws -> Int
    /// The ids, among `ids`, that are assets of the project.
    func existingAssetIDs(projectID: String, ids: [String]) async throws -> Set<String>
    /// The default tasks of the assets matching any of the keys (label import targets).
    func labelTargets(projectID: String, externalIDs: [String], assetIDs: [String], dataURLs: [String]) async throws -> [LabelTarget]
}

/// A task a label import may write to, with the asset keys an import item can name.
public struct LabelTarget: Sendable, Hashable {
    /// Task id.
    public var taskID: String
    /// Asset id.
    public var assetID: String
    /// Asset external id.
    public var externalID: String
    /// Asset data URL.
    public var data: String

    /// Creates a target.
    public init(taskID: String, assetID: String, externalID: String, data: String) {
        self.taskID = taskID; self.assetID = assetID; self.externalID = externalID; self.data = data
    }
}

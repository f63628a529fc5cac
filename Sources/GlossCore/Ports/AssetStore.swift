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
    /// When Start auto-forwards: also move tasks already waiting in Start (Ango Hub's quirk).
    public var sweep: StartSweep?

    /// Creates a plan.
    public init(projectID: String, assets: [Asset], tasks: [LabelTask], history: [StageHistoryEntry], sweep: StartSweep?) {
        self.projectID = projectID; self.assets = assets; self.tasks = tasks; self.history = history; self.sweep = sweep
    }
}

/// Moves every task waiting in the Start stage on, recording a Start history entry for each.
public struct StartSweep: Sendable {
    /// The Start stage id.
    public var fromStageID: String
    /// Its name (for history).
    public var fromStageName: String
    /// The stage they move to.
    public var toStageID: String
    /// Whether `toStageID` is a Complete stage.
    public var toComplete: Bool
    /// When, epoch ms.
    public var at: Int64
    /// Creates a sweep.
    public init(fromStageID: String, fromStageName: String, toStageID: String, toComplete: Bool, at: Int64) {
        self.fromStageID = fromStageID; self.fromStageName = fromStageName; self.toStageID = toStageID
        self.toComplete = toComplete; self.at = at
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
    /// Adds batches to assets (and their tasks); returns how many assets were updated.
    func addBatches(projectID: String, assetIDs: [String], batchIDs: [String], at: Int64) async throws -> Int
    /// The ids, among `ids`, that are assets of the project.
    func existingAssetIDs(projectID: String, ids: [String]) async throws -> Set<String>
}

/// An outbox item a worker holds for a while.
public struct OutboxLease: Sendable, Hashable {
    /// The item.
    public var item: OutboxItem
    /// Attempts made before this one.
    public var attempts: Int
    /// Creates a lease.
    public init(item: OutboxItem, attempts: Int) { self.item = item; self.attempts = attempts }
}

/// One line of a Webhook or Plugin stage's log: `[date][status] external id`.
public struct StageLogEntry: Sendable, Hashable {
    /// Line id.
    public var id: String
    /// Project id.
    public var projectID: String
    /// Stage id.
    public var stageID: String
    /// Task id.
    public var taskID: String
    /// The task's external id.
    public var externalID: String
    /// When, epoch ms.
    public var at: Int64
    /// Whether the delivery or dispatch succeeded.
    public var ok: Bool
    /// HTTP status received, if any.
    public var statusCode: Int?
    /// What happened, in words.
    public var message: String
    /// Creates a line.
    public init(id: String, projectID: String, stageID: String, taskID: String, externalID: String, at: Int64, ok: Bool,
                statusCode: Int?, message: String) {
        self.id = id; self.projectID = projectID; self.stageID = stageID; self.taskID = taskID; self.externalID = externalID
        self.at = at; self.ok = ok; self.statusCode = statusCode; self.message = message
    }
}

/// Persistence of the outbox (webhook deliveries, plugin dispatches) and stage logs. Items are
/// leased so several servers can work one outbox; an expired lease makes an item due again.
public protocol OutboxStore: Sendable {
    /// Leases up to `limit` due items to `owner` until `until`.
    func lease(owner: String, now: Int64, until: Int64, limit: Int) async throws -> [OutboxLease]
    /// Marks an item done and writes its log line, in one transaction.
    func finish(id: String, now: Int64, log: StageLogEntry) async throws
    /// Counts a failed attempt, schedules the next at `retryAt`, writes the log line.
    func retry(id: String, retryAt: Int64, error: String, log: StageLogEntry) async throws
    /// Gives up on an item (state `failed`) and writes the log line.
    func giveUp(id: String, error: String, log: StageLogEntry) async throws
    /// Queues a new delivery of `kind` for every task that has one in the stage; returns how many.
    func resend(projectID: String, stageID: String, kind: OutboxItem.Kind, now: Int64, ids: any IDGenerator) async throws -> Int
    /// The stage's log, newest first.
    func logs(projectID: String, stageID: String, limit: Int) async throws -> [StageLogEntry]
    /// Items of a stage, newest first (for tests and the stage panel).
    func items(projectID: String, stageID: String) async throws -> [(item: OutboxItem, state: String, attempts: Int)]
}

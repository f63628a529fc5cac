import AsyncHTTPClient
import GlossCore
import GlossStore
import Logging
import ServiceLifecycle

/// Delivers the outbox: leases due items, POSTs each (webhook payload or plugin dispatch) and
/// records the outcome with a stage-log line. Leases let several servers share one outbox; an
/// item whose worker died becomes due again when its lease runs out. `runOnce` handles what is
/// due now (tests drive it with a fixed clock); `run` is the server's loop.
public struct OutboxWorker: Sendable {
    let services: GlossServices
    let projects: any ProjectStore
    let config: OutboxConfig
    let http: OutboxHTTP
    let tokens: PluginTokenSigner
    let signal: OutboxSignal
    let logger: Logger
    /// This worker's lease owner name, unique per instance.
    let owner: String

    /// Creates a worker over the runtime's stores; `client` defaults to the shared HTTP client.
    public init(runtime: GlossRuntime, config: OutboxConfig, signal: OutboxSignal = OutboxSignal(),
                client: HTTPClient = .shared, logger: Logger) {
        services = runtime.services
        projects = runtime.stores.projects
        self.config = config
        http = OutboxHTTP(client: client, timeout: config.requestTimeout)
        tokens = PluginTokenSigner(secret: runtime.signingSecret)
        self.signal = signal
        self.logger = logger
        owner = "worker-" + ObjectID.randomHex(bytes: 6)
    }

    var clock: any GlossClock { services.clock }
    func now() -> Int64 { ISODate.millis(clock.now()) }

    /// Handles every item due now, in rounds of `batchSize` handled concurrently, until none is
    /// due (failed webhooks are rescheduled into the future, so a round never sees them again).
    /// Returns how many items were handled.
    @discardableResult
    public func runOnce() async throws -> Int {
        var handled = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let now = now()
            let leases = try await services.outbox.lease(owner: owner, now: now, until: now + Int64(config.leaseDuration * 1000),
                                                         limit: config.batchSize)
            if leases.isEmpty { break }
            await withTaskGroup(of: Void.self) { group in
                for lease in leases { group.addTask { await handle(lease) } }
            }
            handled += leases.count
        }
        return handled
    }

    /// One item: attempt it, then record the result. A store error leaves the item leased; it
    /// becomes due again when the lease runs out.
    func handle(_ lease: OutboxLease) async {
        do {
            let result = try await attempt(lease)
            try await record(result, for: lease)
        } catch {
            logger.error("outbox item \(lease.item.id) (\(lease.item.kind.rawValue)) could not be recorded: \(String(reflecting: error))")
        }
    }

    /// Loads what the item refers to and sends it.
    func attempt(_ lease: OutboxLease) async throws -> AttemptResult {
        let item = lease.item
        guard let task = try await services.taskStore.task(id: item.taskID) else {
            return .final("not sent: task \(item.taskID) no longer exists", externalID: "")
        }
        let expected: StageType = item.kind == .webhook ? .webhook : .plugin
        guard let project = try await projects.project(id: item.projectID), let stage = project.workflow.stage(id: item.stageID),
              stage.type == expected else {
            return .final("not sent: stage \(item.stageID) is no longer a \(expected.rawValue) stage of the project", externalID: task.externalID)
        }
        guard let asset = try await services.assetStore.asset(projectID: project.id, id: task.assetID) else {
            return .final("not sent: asset \(task.assetID) no longer exists", externalID: task.externalID)
        }
        let target = Target(project: project, stage: stage, task: task, asset: asset)
        switch item.kind {
        case .webhook: return try await deliverWebhook(target, lease: lease)
        case .plugin: return await dispatchPlugin(target)
        }
    }

    /// Finishes, reschedules or gives up on the item, writing its log line in the same transaction.
    func record(_ result: AttemptResult, for lease: OutboxLease) async throws {
        let item = lease.item
        let now = now()
        func line(_ message: String) -> StageLogEntry {
            StageLogEntry(id: services.ids.next(), projectID: item.projectID, stageID: item.stageID, taskID: item.taskID,
                          externalID: result.externalID, at: now, ok: result.ok, statusCode: result.statusCode, message: message)
        }
        if result.ok {
            try await services.outbox.finish(id: item.id, now: now, log: line(result.message))
        } else if result.retryable, lease.attempts + 1 < config.maxAttempts {
            let retryAt = now + config.backoffMillis(afterAttempts: lease.attempts)
            let message = "\(result.message); next attempt at \(ISODate.format(millis: retryAt))"
            try await services.outbox.retry(id: item.id, retryAt: retryAt, error: result.message, log: line(message))
        } else {
            let message = result.retryable ? "\(result.message); gave up" : result.message
            try await services.outbox.giveUp(id: item.id, error: result.message, log: line(message))
            logger.warning("outbox item \(item.id) (\(item.kind.rawValue), task \(item.taskID)) failed: \(message)")
        }
    }
}

/// The records one item is about.
struct Target: Sendable {
    let project: Project
    let stage: Stage
    let task: LabelTask
    let asset: Asset
}

/// What one attempt came to: its log line's status, code and message, and whether a failure
/// may be tried again.
struct AttemptResult: Sendable {
    var ok: Bool
    var statusCode: Int?
    var message: String
    var retryable: Bool
    var externalID: String

    /// A failure that no retry can fix (missing URL, task gone).
    static func final(_ message: String, externalID: String) -> AttemptResult {
        AttemptResult(ok: false, statusCode: nil, message: message, retryable: false, externalID: externalID)
    }
}

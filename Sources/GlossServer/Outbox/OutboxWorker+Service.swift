import GlossCore
import Logging
import ServiceLifecycle

extension OutboxWorker: Service {
    /// The server's loop: a round of `runOnce`, then a wait for the poll interval or a wake-up.
    /// On graceful shutdown the round in progress finishes (no new items are leased) and the
    /// loop returns; an item left leased by a hard stop is picked up after its lease runs out.
    public func run() async throws {
        logger.info("outbox worker \(owner) started")
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let handled = try await runOnce()
                if handled > 0 { logger.debug("outbox worker handled \(handled) item(s)") }
            } catch {
                // The database may be briefly unreachable: log it and try again at the next poll.
                logger.error("outbox round failed: \(String(reflecting: error))")
            }
            await cancelWhenGracefulShutdown { [signal, config] in await signal.wait(upTo: config.pollInterval) }
        }
        logger.info("outbox worker \(owner) stopped")
    }
}

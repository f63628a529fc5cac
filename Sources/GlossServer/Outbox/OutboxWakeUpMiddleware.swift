import GlossStore
import Hummingbird

/// Pokes the outbox worker after a request during which this process wrote outbox rows (a
/// submit into a Webhook stage, a re-run...), so the delivery goes out at once. Requests that
/// queued nothing cost one atomic read.
struct OutboxWakeUpMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext
    let signal: OutboxSignal

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let before = OutboxJournal.count
        let response = try await next(request, context)
        if OutboxJournal.count != before { signal.poke() }
        return response
    }
}

import Hummingbird

/// Pokes the outbox worker after every successful write on the API, since a write may have
/// queued a webhook or plugin item (imports, submits, reviews, requeues, re-runs). A needless
/// poke costs one indexed query that finds nothing.
struct OutboxWakeUpMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext
    let signal: OutboxSignal

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if request.method != .get, request.method != .head, response.status.code < 400 { signal.poke() }
        return response
    }
}

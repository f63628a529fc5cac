import HTTPTypes
import Hummingbird

/// Headers that make the web UI harder to attack, on every response:
/// - a Content-Security-Policy: scripts only from this server and no `eval`, so injected markup
///   cannot run code; images, media and fetches may go anywhere, since assets live on any URL the
///   project imported. The one exception is the worker that runs the project's label-validation
///   function (spec §10, JavaScript a manager writes): it may compile code but has no network, so
///   that code cannot act with the labeler's session.
/// - no Referer: signed file URLs must not leak to the hosts of external assets.
/// - no framing (clickjacking) and no MIME sniffing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext

    static let policy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
        "img-src * data: blob:", "media-src * data: blob:", "connect-src *", "font-src 'self' data:",
        "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    /// The validation worker's own policy (a worker follows the policy of its script's response).
    static let validationWorkerPolicy = "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'"
    static let validationWorkerPath = "/editor/validation-worker.js"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            request.uri.path == Self.validationWorkerPath ? Self.validationWorkerPolicy : Self.policy
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        return response
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}

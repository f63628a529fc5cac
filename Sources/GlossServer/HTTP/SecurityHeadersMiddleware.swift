import HTTPTypes
import Hummingbird

/// Headers that make the web UI harder to attack, on every response:
/// - a Content-Security-Policy: scripts only from this server, so injected markup cannot run code.
///   `'unsafe-eval'` stays because the project's label-validation function (spec §10) is
///   JavaScript a manager writes and the editor runs; images, media and fetches may go anywhere,
///   since assets live on any URL the project imported.
/// - no Referer: signed file URLs must not leak to the hosts of external assets.
/// - no framing (clickjacking) and no MIME sniffing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext

    static let policy = [
        "default-src 'self'", "script-src 'self' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'",
        "img-src * data: blob:", "media-src * data: blob:", "connect-src *", "font-src 'self' data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
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

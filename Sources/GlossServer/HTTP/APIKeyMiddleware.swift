import GlossCore
import HTTPTypes
import Hummingbird

/// Resolves the `apikey` header to a user for every /v2 route; a missing or unknown key is a
/// 401 `Invalid API KEY`, as Ango Hub answers.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext
    let identity: IdentityService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.user = try await identity.authenticate(apiKey: request.headers[.apikey])
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    /// The Ango API key header.
    static let apikey = HTTPField.Name("apikey")!
}

import Foundation
import GlossCore
import HTTPTypes
import Hummingbird
import Synchronization

/// Resolves the `apikey` header to a user for every /v2 route; a missing or unknown key is a
/// 401 `Invalid API KEY`, as Ango Hub answers. A plugin's task-scoped key (`gpl_...`) works only
/// for `POST /v2/annotate/{its task}?isPlugin=true`; anywhere else it is a 401.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext
    let identity: IdentityService
    let pluginTokens: PluginTokenSigner
    let clock: any GlossClock
    let cache = APIKeyCache(lifetime: 5)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let key = request.headers[.apikey]
        if let key, key.hasPrefix(PluginToken.prefix) {
            context.user = try pluginUser(key, request: request)
        } else if let key, let user = cache.user(for: key) {
            context.user = user
        } else {
            let user = try await identity.authenticate(apiKey: key)
            if let key { cache.store(user, for: key) }
            context.user = user
        }
        return try await next(request, context)
    }

    /// The synthetic plugin user, when the token is valid and the request is the one it allows.
    func pluginUser(_ key: String, request: Request) throws -> User {
        guard let token = pluginTokens.verify(key, now: ISODate.millis(clock.now())) else {
            throw DomainError.unauthenticated("Invalid API KEY")
        }
        let isPlugin = (try? request.query.bool("isPlugin", default: false)) ?? false
        guard request.method == .post, request.uri.path == "/v2/annotate/\(token.taskID)", isPlugin else {
            throw DomainError.unauthenticated("this plugin key only allows POST /v2/annotate/\(token.taskID)?isPlugin=true")
        }
        return token.user
    }
}

/// Remembers recently seen keys for a few seconds, sparing the database a lookup on every request.
/// A key changed on another server keeps working here for at most `lifetime` seconds.
final class APIKeyCache: Sendable {
    private let entries = Mutex<[String: (user: User, expires: Date)]>([:])
    private let lifetime: TimeInterval
    private static let maxEntries = 10_000

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func user(for key: String) -> User? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if entry.expires < Date() { entries[key] = nil; return nil }
            return entry.user
        }
    }

    func store(_ user: User, for key: String) {
        entries.withLock { entries in
            if entries.count >= Self.maxEntries { entries.removeAll() }
            entries[key] = (user, Date().addingTimeInterval(lifetime))
        }
    }
}

extension HTTPField.Name {
    /// The Ango API key header.
    static let apikey = HTTPField.Name("apikey")!
}

import Foundation
import GlossCore
import HTTPTypes
import Hummingbird

/// Resolves the caller of every /v2 route (and the signed-in /auth routes):
/// - the `apikey` header (the SDK's way): a missing or unknown key is a 401 `Invalid API KEY`, as
///   Ango Hub answers. A plugin's task-scoped key (`gpl_...`) works only for
///   `POST /v2/annotate/{its task}?isPlugin=true`.
/// - else the web UI's session cookie. Writes with a cookie must echo the session's CSRF token in
///   `X-CSRF-Token`: another site can make the browser send the cookie, but cannot read the token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext
    let identity: IdentityService
    let pluginTokens: PluginTokenSigner
    let clock: any GlossClock
    let caches: AuthCaches

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let key = request.headers[.apikey] {
            context.user = try await apiKeyUser(key, request: request)
        } else if let token = request.cookies[SessionCookie.name]?.value {
            let session = try await session(token)
            if request.method != .get && request.method != .head {
                guard let sent = request.headers[.csrfToken], Self.same(sent, session.csrfToken) else {
                    throw DomainError.forbidden("missing or wrong X-CSRF-Token header (reload the page)")
                }
            }
            context.user = session.user
            context.session = session
            context.sessionToken = token
        } else {
            throw DomainError.unauthenticated("Invalid API KEY")
        }
        return try await next(request, context)
    }

    private func apiKeyUser(_ key: String, request: Request) async throws -> User {
        if key.hasPrefix(PluginToken.prefix) { return try pluginUser(key, request: request) }
        if let user = caches.keys.value(for: key) { return user }
        let user = try await identity.authenticate(apiKey: key)
        caches.keys.store(user, for: key)
        return user
    }

    private func session(_ token: String) async throws -> SignedInSession {
        if let session = caches.sessions.value(for: token), session.expiresAt > ISODate.millis(clock.now()) { return session }
        guard let session = try await identity.session(token: token) else {
            throw DomainError.unauthenticated("your session has ended: sign in again")
        }
        caches.sessions.store(session, for: token)
        return session
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

    /// Compares without stopping at the first difference.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The short-lived caches of the auth middleware, shared with the /auth routes so that signing
/// out or rotating a key takes effect on this server at once. Another server notices within the
/// caches' lifetime.
struct AuthCaches: Sendable {
    let keys = ExpiringCache<User>(lifetime: 5)
    let sessions = ExpiringCache<SignedInSession>(lifetime: 5)

    /// Forgets what is remembered of these people (removed, or their role changed), so this
    /// server sees the change at once; other servers within the caches' lifetime.
    func forget(emails: Set<String>) {
        guard !emails.isEmpty else { return }
        keys.removeAll { emails.contains($0.email) }
        sessions.removeAll { emails.contains($0.user.email) }
    }
}

extension HTTPField.Name {
    /// The Ango API key header.
    static let apikey = HTTPField.Name("apikey")!
    /// The web UI's CSRF token header.
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}

import GlossCore
import Hummingbird

/// The per-request context: Hummingbird's core storage plus the signed-in user, set by
/// `AuthMiddleware` on every /v2 route.
public struct GlossRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller; nil only on routes without auth (/health, signed file URLs).
    public var user: User?
    /// The browser session, when the caller came with the session cookie rather than an API key.
    public var session: SignedInSession?
    /// That session's cookie value (sign-out needs it).
    public var sessionToken: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        user = nil
        session = nil
        sessionToken = nil
    }

    // Uploads stream to disk with their own limit; JSON bodies are collected with `maxJSONBytes`.
    public var maxUploadSize: Int { 256 << 20 }

    /// The caller, for routes behind `AuthMiddleware`.
    public func requireUser() throws -> User {
        guard let user else { throw DomainError.unauthenticated("Invalid API KEY") }
        return user
    }
}

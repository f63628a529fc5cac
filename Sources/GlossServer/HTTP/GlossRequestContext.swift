import GlossCore
import Hummingbird

/// The per-request context: Hummingbird's core storage plus the signed-in user, set by
/// `APIKeyMiddleware` on every /v2 route.
public struct GlossRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller; nil only on routes without auth (/health, signed file URLs).
    public var user: User?

    public init(source: Source) {
        coreContext = .init(source: source)
        user = nil
    }

    // Uploads stream to disk with their own limit; JSON bodies are collected with `maxJSONBytes`.
    public var maxUploadSize: Int { 256 << 20 }

    /// The caller, for routes behind `APIKeyMiddleware`.
    public func requireUser() throws -> User {
        guard let user else { throw DomainError.unauthenticated("Invalid API KEY") }
        return user
    }
}

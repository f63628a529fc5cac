/// Every failure GlossCore reports. One middleware in GlossServer maps these to HTTP statuses and
/// the `{status:"fail", message}` body, so the message must name the problem for the API user.
public enum DomainError: Error, Sendable, Equatable {
    /// The request is malformed or breaks a rule (HTTP 400).
    case invalid(String)
    /// No API key, or an unknown one (HTTP 401).
    case unauthenticated(String)
    /// The caller is known but may not do this (HTTP 403).
    case forbidden(String)
    /// The addressed resource does not exist for this caller (HTTP 404).
    case notFound(String)
    /// The request conflicts with the current state (HTTP 409).
    case conflict(String)
    /// The body is larger than the route accepts (HTTP 413).
    case tooLarge(String)

    /// The human-readable message sent to the client.
    public var message: String {
        switch self {
        case .invalid(let m), .unauthenticated(let m), .forbidden(let m), .notFound(let m), .conflict(let m), .tooLarge(let m):
            return m
        }
    }
}

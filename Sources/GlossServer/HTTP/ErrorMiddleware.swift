import GlossCore
import Hummingbird
import Logging

/// Turns every error into the API's error body: `{"status":"fail","message":...}` with a 4xx for
/// domain and HTTP errors, `{"status":"error","message":"internal error"}` with 500 for anything
/// else (details logged, never echoed).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = GlossRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            return JSONResponse.fail(Self.status(error), error.message)
        } catch let error as HTTPError {
            let message = error.body ?? Self.defaultMessage(error.status)
            return JSONResponse.fail(error.status, message)
        } catch let error as any HTTPResponseError {
            return JSONResponse.fail(error.status, Self.defaultMessage(error.status))
        } catch {
            context.logger.error("unhandled error on \(request.method) \(request.uri.path): \(String(reflecting: error))")
            return JSONResponse.error(.internalServerError, "internal error")
        }
    }

    static func status(_ error: DomainError) -> HTTPResponse.Status {
        switch error {
        case .invalid: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .tooLarge: return .contentTooLarge
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: return "no such route"
        case .methodNotAllowed: return "method not allowed"
        case .contentTooLarge: return "request body too large"
        default: return status.reasonPhrase
        }
    }
}

import Foundation
import GlossCore
import Hummingbird

/// The web UI's session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites'
/// pages do not send it), Secure when the server is reached over HTTPS.
enum SessionCookie {
    static let name = "gloss_session"

    /// Sets the cookie of a session opened just now (it lives as long as a session does).
    static func set(_ token: String, secure: Bool, on response: inout Response) {
        let seconds = Int(IdentityService.sessionLifetimeMillis / 1000)
        response.setCookie(Cookie(name: name, value: token, maxAge: seconds, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    static func clear(secure: Bool, on response: inout Response) {
        response.setCookie(Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }
}

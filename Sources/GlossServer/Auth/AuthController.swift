import GlossCore
import Hummingbird

/// The web UI's sign-in: `POST /auth/login` (email + password, or an API key) sets the session
/// cookie; `GET /auth/me`, `POST /auth/logout`, `POST /auth/apikey` (rotate) and
/// `POST /auth/password` work for the signed-in caller. Invite links: `POST /auth/invites` (admins),
/// then `GET /auth/invites/{token}` and `POST /auth/invites/{token}/accept` without sign-in.
struct AuthController {
    let identity: IdentityService
    let caches: AuthCaches
    let config: ServerConfig
    /// Cookies get the Secure flag when the server's public URL is https.
    var secureCookies: Bool { config.publicURL?.hasPrefix("https://") ?? false }
    var maxJSONBytes: Int { config.maxJSONBytes }

    func addRoutes(open: RouterGroup<GlossRequestContext>, signedIn: RouterGroup<GlossRequestContext>) {
        open.post("login", use: login)
        signedIn.get("me", use: me)
        signedIn.post("logout", use: logout)
        signedIn.post("apikey", use: rotateKey)
        signedIn.post("password", use: changePassword)
        signedIn.post("invites", use: createInvite)
        open.get("invites/:token", use: inviteInfo)
        open.post("invites/:token/accept", use: acceptInvite)
    }

    @Sendable func login(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let body = try await request.jsonBody(limit: maxJSONBytes)
        let opened: IdentityService.NewSession
        if let key = body["apiKey"]?.stringValue {
            opened = try await identity.signIn(apiKey: key)
        } else {
            guard let email = body["email"]?.stringValue, !email.isEmpty else { throw DomainError.invalid("email is required") }
            guard let password = body["password"]?.stringValue, !password.isEmpty else { throw DomainError.invalid("password is required") }
            opened = try await identity.signIn(email: email, password: password)
        }
        var response = try await sessionResponse(opened.session)
        SessionCookie.set(opened.token, secure: secureCookies, on: &response)
        return response
    }

    @Sendable func me(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let session = context.session else {
            return try await sessionResponse(SignedInSession(user: user, csrfToken: "", expiresAt: 0))
        }
        return try await sessionResponse(session)
    }

    @Sendable func logout(_ request: Request, context: GlossRequestContext) async throws -> Response {
        if let token = context.sessionToken {
            try await identity.signOut(token: token)
            caches.sessions.remove(token)
        }
        var response = JSONResponse.success { $0.key("signedOut"); $0.bool(true) }
        SessionCookie.clear(secure: secureCookies, on: &response)
        return response
    }

    @Sendable func rotateKey(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let key = try await identity.rotateAPIKey(for: user)
        caches.keys.removeAll { $0.id == user.id }
        return JSONResponse.success { w in
            w.key("apiKey"); w.string(key)
            w.key("apiKeyHint"); w.string(String(key.suffix(4)))
        }
    }

    @Sendable func changePassword(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard let new = body["newPassword"]?.stringValue else { throw DomainError.invalid("newPassword is required") }
        let opened = try await identity.changePassword(for: user, current: body["currentPassword"]?.stringValue ?? "", new: new)
        // The store ended every other session of the user; forget them here too.
        caches.sessions.removeAll { $0.user.id == user.id }
        var response = try await sessionResponse(opened.session)
        SessionCookie.set(opened.token, secure: secureCookies, on: &response)
        return response
    }

    /// `{email, inviteUrl, expiresAt}`: the link to send; it opens the UI's accept page.
    @Sendable func createInvite(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard let email = body["email"]?.stringValue else { throw DomainError.invalid("email is required") }
        let roleText = body["orgRole"]?.stringValue ?? "Member"
        guard let role = OrgRole(loose: roleText) else { throw DomainError.invalid("orgRole must be Admin or Member, got \(roleText)") }
        let (token, invite) = try await identity.invite(email: email, role: role, by: user)
        return JSONResponse.success(status: .created) { w in
            w.key("email"); w.string(invite.email)
            w.key("orgRole"); w.string(invite.orgRole.rawValue)
            w.key("inviteUrl"); w.string(InviteLink.url(base: config.baseURL(for: request), token: token))
            w.key("expiresAt"); w.date(millis: invite.expiresAt)
        }
    }

    @Sendable func inviteInfo(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let invite = try await identity.openInvite(token: try context.pathParameter("token"))
        return JSONResponse.success { w in
            w.key("email"); w.string(invite.email)
            w.key("orgRole"); w.string(invite.orgRole.rawValue)
            w.key("expiresAt"); w.date(millis: invite.expiresAt)
        }
    }

    @Sendable func acceptInvite(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard let password = body["password"]?.stringValue else { throw DomainError.invalid("password is required") }
        let opened = try await identity.acceptInvite(token: try context.pathParameter("token"), password: password,
                                                     name: body["name"]?.stringValue)
        var response = try await sessionResponse(opened.session)
        SessionCookie.set(opened.token, secure: secureCookies, on: &response)
        return response
    }

    /// `{user, csrfToken, apiKeyHint, expiresAt}`.
    private func sessionResponse(_ session: SignedInSession) async throws -> Response {
        let hint = try await identity.apiKeyHint(for: session.user)
        return JSONResponse.success { w in
            w.key("user"); Self.write(session.user, to: &w)
            w.key("csrfToken"); w.string(session.csrfToken)
            w.key("apiKeyHint"); w.string(hint)
            w.key("expiresAt"); if session.expiresAt > 0 { w.date(millis: session.expiresAt) } else { w.null() }
        }
    }

    static func write(_ user: User, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(user.id)
        w.key("email"); w.string(user.email)
        w.key("name"); w.string(user.name)
        w.key("orgRole"); w.string(user.orgRole.rawValue)
        w.key("organizationId"); w.string(user.organizationID)
        w.endObject()
    }
}

import Foundation
import GlossCore
import GlossServer
import GlossTesting
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

/// A browser's view of one request: status, body, and the Set-Cookie it got.
struct BrowserResponse {
    let status: Int
    let json: JSONValue
    let setCookie: String?
    var data: JSONValue { json["data"] ?? .null }
    var message: String { json["message"]?.stringValue ?? "" }
    /// The session token the response set, if any.
    var sessionToken: String? {
        guard let setCookie, setCookie.hasPrefix("gloss_session=") else { return nil }
        let value = setCookie.dropFirst("gloss_session=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }
}

/// Sends a request as the web UI does: session cookie and (for writes) the CSRF header, no API key.
func browser(_ c: Client, _ method: HTTPRequest.Method, _ path: String, session: String? = nil, csrf: String? = nil,
             body: String? = nil) async throws -> BrowserResponse {
    var headers: HTTPFields = [.contentType: "application/json"]
    if let session { headers[.cookie] = "gloss_session=\(session)" }
    if let csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
    let response = try await c.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    let text = String(buffer: response.body)
    return BrowserResponse(status: Int(response.status.code), json: (try? JSONParser.parse(text)) ?? .null,
                           setCookie: response.headers[.setCookie])
}

private let password = "correct horse battery"

/// Creates a user with a password; returns their API key.
private func userWithPassword(_ runtime: GlossRuntime, email: String = "ann@example.com") async throws -> String {
    try await runtime.services.identity.createUser(email: email, role: .admin, password: password).apiKey
}

private func signIn(_ c: Client, email: String = "ann@example.com") async throws -> (token: String, csrf: String) {
    let r = try await browser(c, .post, "/auth/login", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
    #expect(r.status == 200, "\(r.message)")
    let token = try #require(r.sessionToken)
    let csrf = try #require(r.data["csrfToken"]?.stringValue)
    return (token, csrf)
}

@Suite("Web sign-in: sessions, CSRF, API-key rotation")
struct AuthRouteTests {
    @Test("password sign-in sets an HttpOnly SameSite=Strict cookie that opens /auth/me and the /v2 API")
    func passwordSignIn() async throws {
        try await withTestApp { client, _, runtime in
            _ = try await userWithPassword(runtime)
            let login = try await browser(client, .post, "/auth/login", body: #"{"email":"Ann@Example.com","password":"\#(password)"}"#)
            #expect(login.status == 200)
            let cookie = try #require(login.setCookie)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain-HTTP servers cannot set Secure cookies")
            #expect(login.data["user"]?["email"] == "ann@example.com")
            #expect(login.data["user"]?["orgRole"] == "Admin")
            let token = try #require(login.sessionToken)
            let me = try await browser(client, .get, "/auth/me", session: token)
            #expect(me.status == 200)
            #expect(me.data["user"]?["email"] == "ann@example.com")
            #expect(me.data["csrfToken"] == login.data["csrfToken"])
            let projects = try await browser(client, .get, "/v2/listProjects?page=1&limit=10", session: token)
            #expect(projects.status == 200)
        }
    }

    @Test("a cookie-authenticated write without the CSRF token is refused and writes nothing; with it, it works")
    func csrfOnWrites() async throws {
        try await withTestApp { client, _, runtime in
            _ = try await userWithPassword(runtime)
            let (token, csrf) = try await signIn(client)
            let body = #"{"name":"From the browser"}"#
            let forged = try await browser(client, .post, "/v2/project", session: token, body: body)
            #expect(forged.status == 403)
            #expect(forged.message.contains("X-CSRF-Token"))
            let wrong = try await browser(client, .post, "/v2/project", session: token, csrf: String(repeating: "0", count: csrf.count), body: body)
            #expect(wrong.status == 403)
            let listed = try await browser(client, .get, "/v2/listProjects?page=1&limit=10", session: token)
            #expect(listed.data["projects"]?.arrayValue?.isEmpty == true)
            let made = try await browser(client, .post, "/v2/project", session: token, csrf: csrf, body: body)
            #expect(made.status == 200 || made.status == 201, "\(made.message)")
            let after = try await browser(client, .get, "/v2/listProjects?page=1&limit=10", session: token)
            #expect(after.data["projects"]?.arrayValue?.count == 1)
        }
    }

    @Test("wrong password and unknown email get the same 401 and no cookie; missing fields are 400s")
    func failedSignIn() async throws {
        try await withTestApp { client, fixture, runtime in
            _ = try await userWithPassword(runtime)
            let wrong = try await browser(client, .post, "/auth/login", body: #"{"email":"ann@example.com","password":"not the password"}"#)
            let unknown = try await browser(client, .post, "/auth/login", body: #"{"email":"bob@example.com","password":"\#(password)"}"#)
            let noPassword = try await browser(client, .post, "/auth/login", body: #"{"email":"\#(fixture.admin.email)","password":"whatever123"}"#)
            for r in [wrong, unknown, noPassword] {
                #expect(r.status == 401)
                #expect(r.message == "wrong email or password")
                #expect(r.sessionToken == nil)
            }
            let missing = try await browser(client, .post, "/auth/login", body: #"{"email":"ann@example.com"}"#)
            #expect(missing.status == 400)
            #expect(missing.message == "password is required")
            let badKey = try await browser(client, .post, "/auth/login", body: #"{"apiKey":"nope"}"#)
            #expect(badKey.status == 401)
            #expect(try await browser(client, .get, "/auth/me").status == 401)
            #expect(try await browser(client, .get, "/auth/me", session: "made-up").status == 401)
        }
    }

    @Test("the API key printed at first start signs in; sign-out ends the session and clears the cookie")
    func apiKeySignInAndOut() async throws {
        try await withTestApp { client, fixture, _ in
            let login = try await browser(client, .post, "/auth/login", body: #"{"apiKey":"\#(fixture.adminKey)"}"#)
            #expect(login.status == 200)
            #expect(login.data["user"]?["email"]?.stringValue == fixture.admin.email)
            #expect(login.data["apiKeyHint"]?.stringValue == String(fixture.adminKey.suffix(4)))
            let token = try #require(login.sessionToken)
            let csrf = try #require(login.data["csrfToken"]?.stringValue)
            #expect(try await browser(client, .post, "/auth/logout", session: token).status == 403)
            let out = try await browser(client, .post, "/auth/logout", session: token, csrf: csrf)
            #expect(out.status == 200)
            #expect(out.setCookie?.contains("Max-Age=0") == true)
            #expect(try await browser(client, .get, "/auth/me", session: token).status == 401)
            #expect(try await browser(client, .get, "/v2/listProjects?page=1&limit=10", session: token).status == 401)
        }
    }

    @Test("rotating the API key returns a new key once; the old key stops working at once")
    func rotateKey() async throws {
        try await withTestApp { client, _, runtime in
            let oldKey = try await userWithPassword(runtime)
            #expect(try await listProjects(client, key: oldKey).status == 200)
            let (token, csrf) = try await signIn(client)
            let rotated = try await browser(client, .post, "/auth/apikey", session: token, csrf: csrf)
            #expect(rotated.status == 200)
            let newKey = try #require(rotated.data["apiKey"]?.stringValue)
            #expect(newKey != oldKey && newKey.count == 40)
            #expect(try await listProjects(client, key: oldKey).status == 401)
            #expect(try await listProjects(client, key: newKey).status == 200)
            let me = try await browser(client, .get, "/auth/me", session: token)
            #expect(me.data["apiKeyHint"]?.stringValue == String(newKey.suffix(4)))
            #expect(me.json.jsonText().contains(newKey) == false)
        }
    }

    @Test("passwords and session tokens are stored hashed")
    func storedHashed() async throws {
        try await withTestApp { client, _, runtime in
            _ = try await userWithPassword(runtime)
            let (token, _) = try await signIn(client)
            let (hash, sessions) = try await runtime.stores.database.read { db in
                let stored = try await db.raw("SELECT password_hash FROM users WHERE email = 'ann@example.com'").first()
                let hash = try stored?.decode(column: "password_hash", as: String.self) ?? ""
                let sessions = try await db.raw("SELECT token_hash FROM sessions").all().map { try $0.decode(column: "token_hash", as: String.self) }
                return (hash, sessions)
            }
            #expect(hash.hasPrefix("pbkdf2-sha256$"))
            #expect(!hash.contains(password))
            #expect(sessions.count == 1)
            #expect(!sessions.contains(token))
        }
    }

    @Test("a session ends after its lifetime")
    func sessionExpiry() async throws {
        try await withTestApp { client, fixture, runtime in
            _ = try await userWithPassword(runtime)
            let (token, _) = try await signIn(client)
            #expect(try await browser(client, .get, "/auth/me", session: token).status == 200)
            fixture.clock.advance(by: TimeInterval(IdentityService.sessionLifetimeMillis / 1000) + 1)
            let later = try await browser(client, .get, "/auth/me", session: token)
            #expect(later.status == 401)
            #expect(later.message.contains("sign in again"))
        }
    }

    @Test("changing the password checks the current one, signs out other sessions and keeps this one")
    func changePassword() async throws {
        try await withTestApp { client, _, runtime in
            _ = try await userWithPassword(runtime)
            let other = try await signIn(client)
            let (token, csrf) = try await signIn(client)
            let refused = try await browser(client, .post, "/auth/password", session: token, csrf: csrf,
                                            body: #"{"currentPassword":"guess","newPassword":"a brand new one"}"#)
            #expect(refused.status == 403)
            let short = try await browser(client, .post, "/auth/password", session: token, csrf: csrf,
                                          body: #"{"currentPassword":"\#(password)","newPassword":"short"}"#)
            #expect(short.status == 400)
            #expect(short.message == "newPassword must be at least 8 characters")
            let changed = try await browser(client, .post, "/auth/password", session: token, csrf: csrf,
                                            body: #"{"currentPassword":"\#(password)","newPassword":"a brand new one"}"#)
            #expect(changed.status == 200)
            let fresh = try #require(changed.sessionToken)
            #expect(try await browser(client, .get, "/auth/me", session: fresh).status == 200)
            #expect(try await browser(client, .get, "/auth/me", session: other.token).status == 401)
            let old = try await browser(client, .post, "/auth/login", body: #"{"email":"ann@example.com","password":"\#(password)"}"#)
            #expect(old.status == 401)
        }
    }
}

@Suite("Security headers")
struct SecurityHeaderTests {
    @Test("every response carries the CSP (no eval), no-referrer, nosniff and no-framing headers; the validation worker its own")
    func headers() async throws {
        try await withTestApp { client, fixture, _ in
            for path in ["/health", "/v2/listProjects?page=1&limit=10", "/auth/me"] {
                var headers: HTTPFields = [:]
                headers[HTTPField.Name("apikey")!] = fixture.adminKey
                let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
                let csp = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(csp.contains("script-src 'self';"), "\(path)")
                #expect(!csp.contains("unsafe-eval"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            }
            // The label-validation worker may compile the project's function but reach no network.
            let worker = try await client.execute(uri: "/editor/validation-worker.js", method: .get, headers: [:], body: nil)
            #expect(worker.headers[HTTPField.Name("Content-Security-Policy")!] == "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'none'")
        }
    }
}

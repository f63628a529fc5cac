import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

/// The token at the end of an invite link.
private func token(of link: String) throws -> String {
    let parts = link.components(separatedBy: "/#/invite/")
    return try #require(parts.count == 2 ? parts[1] : nil)
}

private func adminSession(_ c: Client, _ fixture: TestFixture) async throws -> (token: String, csrf: String) {
    let login = try await browser(c, .post, "/auth/login", body: #"{"apiKey":"\#(fixture.adminKey)"}"#)
    return (try #require(login.sessionToken), try #require(login.data["csrfToken"]?.stringValue))
}

@Suite("Invite links")
struct InviteRouteTests {
    @Test("an admin's invite link lets the invitee choose a password, signs them in, and works once")
    func inviteAndAccept() async throws {
        try await withTestApp { client, fixture, _ in
            let admin = try await adminSession(client, fixture)
            let made = try await browser(client, .post, "/auth/invites", session: admin.token, csrf: admin.csrf,
                                         body: #"{"email":"New.Person@Example.com","orgRole":"member"}"#)
            #expect(made.status == 201, "\(made.message)")
            let link = try #require(made.data["inviteUrl"]?.stringValue)
            #expect(link.contains("/#/invite/"))
            let t = try token(of: link)
            let info = try await browser(client, .get, "/auth/invites/\(t)")
            #expect(info.data["email"] == "new.person@example.com")
            #expect(info.data["orgRole"] == "Member")
            let short = try await browser(client, .post, "/auth/invites/\(t)/accept", body: #"{"password":"short"}"#)
            #expect(short.status == 400)
            let accepted = try await browser(client, .post, "/auth/invites/\(t)/accept", body: #"{"password":"a good password","name":"New Person"}"#)
            #expect(accepted.status == 200, "\(accepted.message)")
            #expect(accepted.data["user"]?["name"] == "New Person")
            #expect(accepted.data["user"]?["organizationId"]?.stringValue == fixture.admin.organizationID)
            let session = try #require(accepted.sessionToken)
            #expect(try await browser(client, .get, "/v2/listProjects?page=1&limit=10", session: session).status == 200)
            let again = try await browser(client, .post, "/auth/invites/\(t)/accept", body: #"{"password":"another password"}"#)
            #expect(again.status == 404)
            let login = try await browser(client, .post, "/auth/login", body: #"{"email":"new.person@example.com","password":"a good password"}"#)
            #expect(login.status == 200)
        }
    }

    @Test("only admins invite; links expire; a member with a password cannot be invited again; the newest link replaces older ones")
    func inviteRules() async throws {
        try await withTestApp { client, fixture, runtime in
            let memberKey = try await runtime.services.identity.createUser(email: "member@example.com", role: .member, password: "member password").apiKey
            let memberLogin = try await browser(client, .post, "/auth/login", body: #"{"apiKey":"\#(memberKey)"}"#)
            let member = (try #require(memberLogin.sessionToken), try #require(memberLogin.data["csrfToken"]?.stringValue))
            let refused = try await browser(client, .post, "/auth/invites", session: member.0, csrf: member.1, body: #"{"email":"x@example.com"}"#)
            #expect(refused.status == 403)
            let admin = try await adminSession(client, fixture)
            let taken = try await browser(client, .post, "/auth/invites", session: admin.token, csrf: admin.csrf, body: #"{"email":"member@example.com"}"#)
            #expect(taken.status == 409)
            let badRole = try await browser(client, .post, "/auth/invites", session: admin.token, csrf: admin.csrf,
                                            body: #"{"email":"x@example.com","orgRole":"Owner"}"#)
            #expect(badRole.status == 400)
            let first = try token(of: try #require(try await browser(client, .post, "/auth/invites", session: admin.token, csrf: admin.csrf,
                                                                     body: #"{"email":"x@example.com"}"#).data["inviteUrl"]?.stringValue))
            let second = try token(of: try #require(try await browser(client, .post, "/auth/invites", session: admin.token, csrf: admin.csrf,
                                                                      body: #"{"email":"x@example.com"}"#).data["inviteUrl"]?.stringValue))
            #expect(try await browser(client, .get, "/auth/invites/\(first)").status == 404)
            #expect(try await browser(client, .get, "/auth/invites/\(second)").status == 200)
            fixture.clock.advance(by: TimeInterval(IdentityService.inviteLifetimeMillis / 1000) + 1)
            let expired = try await browser(client, .post, "/auth/invites/\(second)/accept", body: #"{"password":"a good password"}"#)
            #expect(expired.status == 404)
            #expect(expired.message.contains("expired"))
        }
    }
}

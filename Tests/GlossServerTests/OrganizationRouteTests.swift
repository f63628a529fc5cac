import Foundation
import GlossCore
import GlossServer
import GlossTesting
import Testing

@Suite("Organization: members, roles, invites")
struct OrganizationRouteTests {
    func orgPath(_ fixture: TestFixture, _ tail: String) -> String { "/v2/organization/\(fixture.admin.organizationID)/\(tail)" }

    @Test("members are listed and searched; admins change roles; the owner's role never changes")
    func rolesAndListing() async throws {
        try await withTestApp { c, fixture, runtime in
            let memberKey = try await addOrgMember(runtime, fixture, email: "mia@org.test", role: .member)
            _ = try await addOrgMember(runtime, fixture, email: "ned@org.test", role: .member)
            let listed = try await c.api(.get, orgPath(fixture, "users"), key: memberKey)
            try requireStatus(listed, 200)
            #expect(listed.data["users"]?.strings("email") == ["admin@gloss.test", "mia@org.test", "ned@org.test"])
            #expect(listed.data["users"]?[0]?["organizationRole"] == "Owner")
            #expect(try await c.api(.get, orgPath(fixture, "users?search=NED"), key: memberKey).data["users"]?.strings("email") == ["ned@org.test"])

            expectFail(try await c.api(.post, orgPath(fixture, "users"), key: memberKey, body: #"{"users":[{"email":"ned@org.test","organizationRole":"admin"}]}"#), 403, "Admin")
            let changed = try await c.api(.post, orgPath(fixture, "users"), key: fixture.adminKey, body: #"""
                {"users":[{"email":"ned@org.test","organizationRole":"admin"},{"email":"admin@gloss.test","organizationRole":"member"},{"email":"ghost@org.test","organizationRole":"member"}]}
                """#)
            try requireStatus(changed, 200)
            #expect(changed.data["users"]?["updated"] == 1)
            #expect(changed.data["users"]?["failed"] == 2)
            let roles = try await c.api(.get, orgPath(fixture, "users"), key: memberKey).data["users"]
            #expect(roles?.strings("organizationRole") == ["Owner", "Member", "Admin"])
            expectFail(try await c.api(.post, orgPath(fixture, "users"), key: fixture.adminKey, body: #"{"users":[{"email":"ned@org.test","organizationRole":"owner"}]}"#), 400, "admin or member")
            // Another organization's id is not found, for anyone here; and org B cannot read org A.
            expectFail(try await c.api(.get, "/v2/organization/\(fixture.outsider.organizationID)/users", key: fixture.adminKey), 404, "not found")
            expectFail(try await c.api(.get, orgPath(fixture, "users"), key: fixture.outsiderKey), 404, "not found")
        }
    }

    @Test("removing a member ends their key and their project memberships; the owner and oneself stay")
    func removeMembers() async throws {
        try await withTestApp { c, fixture, runtime in
            let project = try await newProject(c, key: fixture.adminKey)
            let gone = try await addOrgMember(runtime, fixture, email: "gone@org.test", role: .member)
            let adminTwo = try await addOrgMember(runtime, fixture, email: "second@org.test", role: .admin)
            try requireStatus(try await assignMembers(c, key: fixture.adminKey, project, body: #"{"assignees":["gone@org.test"],"role":"Labeler"}"#), 200)
            try requireStatus(try await getProject(c, key: gone, project), 200)
            let removed = try await c.api(.delete, orgPath(fixture, "users"), key: adminTwo,
                                          body: #"{"users":["gone@org.test","admin@gloss.test","second@org.test"]}"#)
            try requireStatus(removed, 200)
            #expect(removed.data["deleted"] == 1)
            #expect(removed.data["failed"] == 2)
            #expect(try await getProject(c, key: gone, project).status == 401)
            let members = try await getProject(c, key: fixture.adminKey, project).data["project"]?["assignedTo"]
            #expect(members?.strings("assignee").contains("gone@org.test") == false)
        }
    }

    @Test("invites carry project assignments; accepting joins the projects; pending invites can be withdrawn")
    func invitesWithProjects() async throws {
        try await withTestApp { c, fixture, runtime in
            let project = try await newProject(c, key: fixture.adminKey)
            let invited = try await c.api(.post, orgPath(fixture, "invites"), key: fixture.adminKey, body: #"""
                {"to":["Newbie@org.test","later@org.test"],"organizationRole":"member","projectAssignments":[{"projectId":"\#(project)","projectRole":"Reviewer"}]}
                """#)
            try requireStatus(invited, 201)
            let links = invited.data["invites"]?.strings("link") ?? []
            #expect(links.count == 2)
            #expect(invited.data["invites"]?.strings("to") == ["newbie@org.test", "later@org.test"])
            let pending = try await c.api(.get, orgPath(fixture, "invites?status=pending"), key: fixture.adminKey)
            #expect(Set(pending.data["invites"]?.strings("to") ?? []) == ["newbie@org.test", "later@org.test"])
            #expect(pending.data["invites"]?[0]?["projectAssignments"]?[0]?["projectRole"] == "Reviewer")
            #expect(pending.data["invites"]?[0]?["link"] == nil)

            let token = try #require(links.first?.components(separatedBy: "#/invite/").last)
            let accepted = try await c.api(.post, "/auth/invites/\(token)/accept", key: nil, body: #"{"password":"a long enough password"}"#)
            try requireStatus(accepted, 200)
            let members = try await getProject(c, key: fixture.adminKey, project).data["project"]?["assignedTo"]?.arrayValue ?? []
            #expect(members.contains { $0["assignee"] == "newbie@org.test" && $0["role"] == "Reviewer" })

            let withdrawn = try await c.api(.delete, orgPath(fixture, "invites"), key: fixture.adminKey, body: #"{"invites":["later@org.test"]}"#)
            #expect(withdrawn.data["deleted"] == 1)
            #expect(try await c.api(.get, orgPath(fixture, "invites"), key: fixture.adminKey).data["invites"]?.arrayValue?.isEmpty == true)
            expectFail(try await c.api(.post, orgPath(fixture, "invites"), key: fixture.adminKey, body: #"{"to":["outsider@other.test"]}"#), 409, "another organization")
            expectFail(try await c.api(.post, orgPath(fixture, "invites"), key: fixture.adminKey,
                                       body: #"{"to":["x@org.test"],"projectAssignments":[{"projectId":"\#(unknownID)","projectRole":"Labeler"}]}"#), 400, "projectId")
        }
    }

    @Test("adding someone without an account to a project makes them an organization member")
    func projectInviteMakesMember() async throws {
        try await withTestApp { c, fixture, runtime in
            let project = try await newProject(c, key: fixture.adminKey)
            try requireStatus(try await assignMembers(c, key: fixture.adminKey, project, body: #"{"assignees":["fresh@org.test"],"role":"Labeler"}"#), 200)
            let listed = try await c.api(.get, orgPath(fixture, "users"), key: fixture.adminKey).data["users"]?.arrayValue ?? []
            #expect(listed.contains { $0["email"] == "fresh@org.test" && $0["organizationRole"] == "Member" })
            expectFail(try await assignMembers(c, key: fixture.adminKey, project, body: #"{"assignees":["outsider@other.test"],"role":"Labeler"}"#), 400, "another organization")
            // A Lead adds members but may not make a Manager.
            let lead = try await addOrgMember(runtime, fixture, email: "lead@org.test", role: .member)
            try requireStatus(try await assignMembers(c, key: fixture.adminKey, project, body: #"{"assignees":["lead@org.test"],"role":"Lead"}"#), 200)
            try requireStatus(try await assignMembers(c, key: lead, project, body: #"{"assignees":["fresh@org.test"],"role":"Reviewer"}"#), 200)
            expectFail(try await assignMembers(c, key: lead, project, body: #"{"assignees":["fresh@org.test"],"role":"Manager"}"#), 403, "Manager")
        }
    }
}

import GlossCore
import Hummingbird

/// Organization members and invites (`/organization/{orgId}/users`, `/organization/{orgId}/invites`).
struct OrganizationController {
    let services: GlossServices
    let config: ServerConfig
    let caches: AuthCaches

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.listMembers, use: members)
        group.on(.updateMembers, use: updateRoles)
        group.on(.removeMembers, use: remove)
        group.on(.listInvites, use: invites)
        group.on(.createInvites, use: invite)
        group.on(.deleteInvites, use: deleteInvites)
    }

    /// `?page&limit&search` -> `{users: [{_id, email, name, organizationRole, createdAt}], total}`.
    @Sendable func members(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let query = request.query
        let (users, total) = try await services.organization.list(try context.pathParameter("orgId"), search: query["search"],
                                                                   page: try query.page(defaultLimit: 100), by: user)
        return JSONResponse.success(capacity: 256 + users.count * 200) { w in
            w.key("users"); w.beginArray()
            for member in users {
                w.beginObject()
                w.key("_id"); w.string(member.id)
                w.key("email"); w.string(member.email)
                w.key("name"); w.string(member.name)
                w.key("organizationRole"); w.string(member.orgRole.rawValue)
                w.key("organization"); w.string(member.organizationID)
                w.key("createdAt"); w.date(millis: member.createdAt)
                w.endObject()
            }
            w.endArray()
            w.key("total"); w.int(total)
        }
    }

    /// `{users: {updated, failed, results: [{email, status}]}}`.
    @Sendable func updateRoles(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let outcomes = try await services.organization.updateRoles(try context.pathParameter("orgId"),
                                                                   body: try await request.jsonBody(limit: config.maxJSONBytes), by: user)
        caches.forget(emails: Set(outcomes.filter(\.ok).map(\.email)))
        return JSONResponse.success { w in
            w.key("users"); w.beginObject()
            Self.writeOutcomes(outcomes, okKey: "updated", to: &w)
            w.endObject()
        }
    }

    /// `{deleted, failed, results}`.
    @Sendable func remove(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let outcomes = try await services.organization.remove(try context.pathParameter("orgId"),
                                                              body: try await request.jsonBody(limit: config.maxJSONBytes), by: user)
        caches.forget(emails: Set(outcomes.filter(\.ok).map(\.email)))
        return JSONResponse.success { w in Self.writeOutcomes(outcomes, okKey: "deleted", to: &w) }
    }

    static func writeOutcomes(_ outcomes: [OrganizationService.Outcome], okKey: String, to w: inout JSONWriter) {
        w.key(okKey); w.int(outcomes.filter(\.ok).count)
        w.key("failed"); w.int(outcomes.filter { !$0.ok }.count)
        w.key("results"); w.beginArray()
        for outcome in outcomes {
            w.beginObject(); w.key("email"); w.string(outcome.email); w.key("status"); w.string(outcome.status); w.endObject()
        }
        w.endArray()
    }

    /// `{invites: [{_id, to, organizationRole, status, createdBy, createdAt, expiresAt, projectAssignments}]}`.
    @Sendable func invites(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let invites = try await services.organization.invites(try context.pathParameter("orgId"), by: user)
        return JSONResponse.success { w in
            w.key("invites"); w.beginArray()
            for invite in invites { Self.write(invite, link: nil, to: &w) }
            w.endArray()
        }
    }

    /// Creates the invites; each answer carries its one-time `link` (Gloss sends no email: the
    /// admin passes the link on). 201 `{invites: [...]}`.
    @Sendable func invite(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let made = try await services.organization.invite(try context.pathParameter("orgId"),
                                                          body: try await request.jsonBody(limit: config.maxJSONBytes), by: user)
        let base = config.baseURL(for: request)
        return JSONResponse.success(status: .created) { w in
            w.key("invites"); w.beginArray()
            for (token, invite) in made { Self.write(invite, link: InviteLink.url(base: base, token: token), to: &w) }
            w.endArray()
        }
    }

    @Sendable func deleteInvites(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let count = try await services.organization.deleteInvites(try context.pathParameter("orgId"),
                                                                  body: try await request.jsonBody(limit: config.maxJSONBytes), by: user)
        return JSONResponse.success { w in w.key("deleted"); w.int(count) }
    }

    static func write(_ invite: StoredInvite, link: String?, to w: inout JSONWriter) {
        w.beginObject()
        // The token is stored hashed; a prefix of the hash identifies the invite without revealing the link.
        w.key("_id"); w.string(String(invite.tokenHash.prefix(24)))
        w.key("to"); w.string(invite.email)
        w.key("organizationRole"); w.string(invite.orgRole.rawValue)
        w.key("status"); w.string(invite.acceptedAt == nil ? "Pending" : "Accepted")
        w.key("createdBy"); w.string(invite.invitedBy)
        w.key("createdAt"); w.date(millis: invite.createdAt)
        w.key("expiresAt"); w.date(millis: invite.expiresAt)
        w.key("projectAssignments"); w.beginArray()
        for a in invite.projectAssignments {
            w.beginObject(); w.key("projectId"); w.string(a.projectID); w.key("projectRole"); w.string(a.role.rawValue); w.endObject()
        }
        w.endArray()
        if let link { w.key("link"); w.string(link) }
        w.endObject()
    }
}

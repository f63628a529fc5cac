import GlossCore
import SQLKit

/// Invite links.
extension SQLIdentityStore: InviteStore {
    public func createInvite(_ invite: StoredInvite) async throws {
        try await database.transaction { db in
            try await db.raw("""
                DELETE FROM invites WHERE organization_id = \(bind: invite.organizationID) AND email = \(bind: invite.email)
                  AND accepted_at IS NULL
                """).run()
            try await db.raw("""
                INSERT INTO invites (token_hash, organization_id, email, org_role, invited_by, created_at, expires_at, project_assignments)
                VALUES (\(bind: invite.tokenHash), \(bind: invite.organizationID), \(bind: invite.email), \(bind: invite.orgRole.rawValue),
                        \(bind: invite.invitedBy), \(bind: invite.createdAt), \(bind: invite.expiresAt),
                        \(bind: Self.assignmentsText(invite.projectAssignments)))
                """).run()
        }
    }

    public func invite(tokenHash: String) async throws -> StoredInvite? {
        try await database.read { db in
            try await db.raw("SELECT * FROM invites WHERE token_hash = \(bind: tokenHash)").first().map(Self.decodeInvite)
        }
    }

    public func acceptInvite(tokenHash: String, at now: Int64, user: User, apiKey: StoredAPIKey, passwordHash: String) async throws -> User {
        try await database.transaction { db in
            // Claiming the row first makes a second use of the same link fail, even at the same moment.
            let claimed = try await db.raw("""
                UPDATE invites SET accepted_at = \(bind: now) WHERE token_hash = \(bind: tokenHash) AND accepted_at IS NULL RETURNING token_hash
                """).all()
            guard !claimed.isEmpty else { throw DomainError.conflict("this invite link was already used") }
            if let row = try await db.raw("SELECT * FROM invites WHERE token_hash = \(bind: tokenHash)").first() {
                for assignment in try Self.decodeInvite(row).projectAssignments {
                    try await SQLProjectStore.upsertMembers(projectID: assignment.projectID, members: [ProjectMember(assignee: user.email, role: assignment.role)],
                                                            updatedAt: now, on: db)
                }
            }
            if let row = try await db.raw("SELECT * FROM users WHERE email = \(bind: user.email)").first() {
                let existing = try Self.decode(row)
                guard existing.organizationID == user.organizationID else {
                    throw DomainError.conflict("\(user.email) belongs to another organization")
                }
                try await db.raw("UPDATE users SET password_hash = \(bind: passwordHash) WHERE id = \(bind: existing.id)").run()
                return existing
            }
            try await insert(user, apiKey: apiKey, passwordHash: passwordHash, on: db)
            return user
        }
    }

    static func assignmentsText(_ list: [InviteProjectAssignment]) -> String? {
        list.isEmpty ? nil : JSONValue.array(list.map { .object(["projectId": .string($0.projectID), "role": .string($0.role.rawValue)]) }).jsonText()
    }

    static func decodeInvite(_ row: any SQLRow) throws -> StoredInvite {
        var invite = StoredInvite(tokenHash: try row.string("token_hash"), organizationID: try row.string("organization_id"), email: try row.string("email"),
                     orgRole: OrgRole(rawValue: try row.string("org_role")) ?? .member, invitedBy: try row.string("invited_by"),
                     createdAt: try row.int64("created_at"), expiresAt: try row.int64("expires_at"), acceptedAt: try row.optionalInt64("accepted_at"))
        if let text = try row.optionalString("project_assignments"), let list = try JSONParser.parse(text).arrayValue {
            invite.projectAssignments = list.compactMap { item in
                guard let id = item["projectId"]?.stringValue, let role = item["role"]?.stringValue.flatMap(ProjectRole.init(rawValue:)) else { return nil }
                return InviteProjectAssignment(projectID: id, role: role)
            }
        }
        return invite
    }
}

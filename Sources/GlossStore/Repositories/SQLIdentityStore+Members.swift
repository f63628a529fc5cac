import GlossCore
import SQLKit

/// Organization members and pending invites.
extension SQLIdentityStore: MemberStore {
    public func members(organizationID: String, search: String?, page: PageRequest) async throws -> (users: [User], total: Int) {
        try await database.read { db in
            var sql: SQLQueryString = "FROM users WHERE organization_id = \(bind: organizationID)"
            if let search, !search.isEmpty {
                let pattern = "%" + search.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                sql = sql + " AND (LOWER(email) LIKE \(bind: pattern) OR LOWER(name) LIKE \(bind: pattern))"
            }
            let total = try await db.raw("SELECT COUNT(*) AS n " + sql).first()?.int("n") ?? 0
            let users = try await db.raw("SELECT * " + sql + " ORDER BY email LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
                .map(Self.decode)
            return (users, total)
        }
    }

    public func setOrgRole(userID: String, role: OrgRole) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE users SET org_role = \(bind: role.rawValue) WHERE id = \(bind: userID)").run()
        }
    }

    public func removeUser(_ user: User, at now: Int64) async throws {
        try await database.transaction { db in
            let projects = try await db.raw("SELECT project_id FROM project_members WHERE email = \(bind: user.email)").all()
                .map { try $0.string("project_id") }
            try await db.raw("DELETE FROM project_members WHERE email = \(bind: user.email)").run()
            for projectID in projects {
                try await SQLProjectStore.rewriteMembersColumn(projectID: projectID, updatedAt: now, on: db)
            }
            try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: user.id)").run()
            try await db.raw("DELETE FROM notifications WHERE user_id = \(bind: user.id)").run()
            try await db.raw("DELETE FROM invites WHERE email = \(bind: user.email)").run()
            try await db.raw("DELETE FROM users WHERE id = \(bind: user.id)").run()
        }
    }

    public func pendingInvites(organizationID: String, now: Int64) async throws -> [StoredInvite] {
        try await database.read { db in
            try await db.raw("""
                SELECT * FROM invites WHERE organization_id = \(bind: organizationID) AND accepted_at IS NULL AND expires_at > \(bind: now)
                ORDER BY created_at DESC
                """).all().map(Self.decodeInvite)
        }
    }

    public func deleteInvites(organizationID: String, emails: [String]) async throws -> Int {
        try await database.transaction { db in
            try await db.raw("""
                DELETE FROM invites WHERE organization_id = \(bind: organizationID) AND accepted_at IS NULL AND email IN (\(binds: emails))
                RETURNING token_hash
                """).all().count
        }
    }
}

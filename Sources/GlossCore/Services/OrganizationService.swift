/// The organization's members and invites (`/organization/{orgId}/users`, `/invites`).
/// Listing members is open to every member; everything else to Owners and Admins (checked by the
/// route catalogue, and again here). The Owner's role never changes and the Owner cannot be removed.
public struct OrganizationService: Sendable {
    let identity: IdentityService
    let users: any IdentityStore
    let members: any MemberStore
    let projects: any ProjectStore
    let clock: any GlossClock

    /// 404 unless `orgID` is the caller's organization (other tenants are not confirmed to exist).
    func requireOwn(_ orgID: String, user: User) throws {
        guard orgID == user.organizationID else { throw DomainError.notFound("organization \(orgID) not found") }
    }

    /// A page of members; `search` matches email or name.
    public func list(_ orgID: String, search: String?, page: PageRequest, by user: User) async throws -> (users: [User], total: Int) {
        try requireOwn(orgID, user: user)
        try user.require(.member)
        return try await members.members(organizationID: orgID, search: search, page: page)
    }

    /// One line of a bulk change's answer.
    public struct Outcome: Sendable, Hashable {
        /// The email concerned.
        public var email: String
        /// `updated`, `deleted`, or why not.
        public var status: String
        /// Whether it happened.
        public var ok: Bool
    }

    /// `POST .../users {users: [{email, organizationRole}]}`: per-member outcomes.
    public func updateRoles(_ orgID: String, body: JSONValue, by user: User) async throws -> [Outcome] {
        try requireOwn(orgID, user: user)
        try user.require(.administer)
        guard let list = body["users"]?.arrayValue, !list.isEmpty else {
            throw DomainError.invalid("users must be a non-empty array of {email, organizationRole}")
        }
        // Check every entry before changing any.
        let changes = try list.enumerated().map { index, item -> (String, OrgRole) in
            guard let text = item["email"]?.stringValue else { throw DomainError.invalid("users[\(index)].email is required") }
            let email = try EmailAddress.validated(text, field: "users[\(index)].email")
            guard let roleText = (item["organizationRole"] ?? item["role"])?.stringValue, let role = OrgRole(loose: roleText),
                  role == .admin || role == .member else {
                throw DomainError.invalid("users[\(index)].organizationRole must be admin or member")
            }
            return (email, role)
        }
        var outcomes: [Outcome] = []
        for (email, role) in changes {
            guard let member = try await users.user(email: email), member.organizationID == orgID else {
                outcomes.append(Outcome(email: email, status: "not a member of this organization", ok: false)); continue
            }
            guard member.orgRole != .owner else {
                outcomes.append(Outcome(email: email, status: "the owner's role cannot change", ok: false)); continue
            }
            try await members.setOrgRole(userID: member.id, role: role)
            outcomes.append(Outcome(email: email, status: "updated", ok: true))
        }
        return outcomes
    }

    /// `DELETE .../users {users: [emails]}`: removes members (not the Owner, not oneself).
    public func remove(_ orgID: String, body: JSONValue, by user: User) async throws -> [Outcome] {
        try requireOwn(orgID, user: user)
        try user.require(.administer)
        let emails = try emailList(body["users"], field: "users")
        var outcomes: [Outcome] = []
        for email in emails {
            guard let member = try await users.user(email: email), member.organizationID == orgID else {
                outcomes.append(Outcome(email: email, status: "not a member of this organization", ok: false)); continue
            }
            guard member.orgRole != .owner else { outcomes.append(Outcome(email: email, status: "the owner cannot be removed", ok: false)); continue }
            guard member.id != user.id else { outcomes.append(Outcome(email: email, status: "you cannot remove yourself", ok: false)); continue }
            try await members.removeUser(member, at: ISODate.millis(clock.now()))
            outcomes.append(Outcome(email: email, status: "deleted", ok: true))
        }
        return outcomes
    }

    /// Pending invites, newest first.
    public func invites(_ orgID: String, by user: User) async throws -> [StoredInvite] {
        try requireOwn(orgID, user: user)
        try user.require(.administer)
        return try await members.pendingInvites(organizationID: orgID, now: ISODate.millis(clock.now()))
    }

    /// `POST .../invites {to: [emails], organizationRole, projectAssignments?: [{projectId, projectRole}]}`:
    /// one invite (and link token) per email; all are checked before any is written.
    public func invite(_ orgID: String, body: JSONValue, by user: User) async throws -> [(token: String, invite: StoredInvite)] {
        try requireOwn(orgID, user: user)
        try user.require(.administer)
        let emails = try emailList(body["to"], field: "to")
        let roleText = body["organizationRole"]?.stringValue ?? "member"
        guard let role = OrgRole(loose: roleText), role == .admin || role == .member else {
            throw DomainError.invalid("organizationRole must be admin or member")
        }
        var assignments: [InviteProjectAssignment] = []
        if let value = body["projectAssignments"], !value.isNull {
            guard let list = value.arrayValue else { throw DomainError.invalid("projectAssignments must be an array of {projectId, projectRole}") }
            for (index, item) in list.enumerated() {
                guard let projectID = item["projectId"]?.stringValue, let project = try await projects.project(id: projectID),
                      project.organizationID == orgID else {
                    throw DomainError.invalid("projectAssignments[\(index)].projectId is not a project of this organization")
                }
                guard let text = item["projectRole"]?.stringValue, let projectRole = ProjectRole(loose: text) else {
                    throw DomainError.invalid("projectAssignments[\(index)].projectRole must be one of Manager, Lead, Reviewer, Labeler")
                }
                assignments.append(InviteProjectAssignment(projectID: project.id, role: projectRole))
            }
        }
        for email in emails {
            if let existing = try await users.user(email: email), existing.organizationID != orgID {
                throw DomainError.conflict("\(email) belongs to another organization")
            }
        }
        var made: [(token: String, invite: StoredInvite)] = []
        for email in emails { made.append(try await identity.invite(email: email, role: role, by: user, projects: assignments)) }
        return made
    }

    /// `DELETE .../invites {invites: [emails]}`: withdraws pending invites; returns how many.
    public func deleteInvites(_ orgID: String, body: JSONValue, by user: User) async throws -> Int {
        try requireOwn(orgID, user: user)
        try user.require(.administer)
        return try await members.deleteInvites(organizationID: orgID, emails: try emailList(body["invites"], field: "invites"))
    }

    func emailList(_ value: JSONValue?, field: String) throws -> [String] {
        guard let list = value?.arrayValue, !list.isEmpty else { throw DomainError.invalid("\(field) must be a non-empty array of emails") }
        return try list.enumerated().map { index, item in
            guard let text = item.stringValue else { throw DomainError.invalid("\(field)[\(index)] must be an email string") }
            return try EmailAddress.validated(text, field: "\(field)[\(index)]")
        }
    }
}

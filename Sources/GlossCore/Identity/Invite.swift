/// An invitation to join an organization, as stored: the link's token only ever stored hashed.
public struct StoredInvite: Sendable, Hashable {
    /// Hash of the token in the invite link.
    public var tokenHash: String
    /// The organization the invitee joins.
    public var organizationID: String
    /// Who is invited (lower case).
    public var email: String
    /// Their organization role once they accept.
    public var orgRole: OrgRole
    /// The admin who invited them.
    public var invitedBy: String
    /// Creation time, epoch ms.
    public var createdAt: Int64
    /// End of validity, epoch ms.
    public var expiresAt: Int64
    /// When the link was used; a link works once.
    public var acceptedAt: Int64?
    /// Projects the person joins, with a role, when they accept.
    public var projectAssignments: [InviteProjectAssignment] = []
    /// Creates the value.
    public init(tokenHash: String, organizationID: String, email: String, orgRole: OrgRole, invitedBy: String,
                createdAt: Int64, expiresAt: Int64, acceptedAt: Int64? = nil) {
        self.tokenHash = tokenHash; self.organizationID = organizationID; self.email = email; self.orgRole = orgRole
        self.invitedBy = invitedBy; self.createdAt = createdAt; self.expiresAt = expiresAt; self.acceptedAt = acceptedAt
    }
}

/// Persistence of invitations.
public protocol InviteStore: Sendable {
    /// Stores an invite. An open invite for the same email in the same organization is replaced,
    /// so only the newest link works.
    func createInvite(_ invite: StoredInvite) async throws
    /// The invite with this token hash (used or not).
    func invite(tokenHash: String) async throws -> StoredInvite?
    /// In one transaction: marks the invite used and gives `user` (created when new, otherwise
    /// their password replaced) the password. Fails with `conflict` when the invite was used
    /// meanwhile. Returns the user as stored.
    func acceptInvite(tokenHash: String, at now: Int64, user: User, apiKey: StoredAPIKey, passwordHash: String) async throws -> User
}

/// A project an invited person joins on accepting, and their role there.
public struct InviteProjectAssignment: Sendable, Hashable {
    /// Project id.
    public var projectID: String
    /// Role in it.
    public var role: ProjectRole
    /// Creates an assignment.
    public init(projectID: String, role: ProjectRole) { self.projectID = projectID; self.role = role }
}

/// Organization membership: members, their roles, removal, pending invites.
public protocol MemberStore: Sendable {
    /// A page of the organization's users (email or name containing `search`), by email.
    func members(organizationID: String, search: String?, page: PageRequest) async throws -> (users: [User], total: Int)
    /// Changes a user's organization role.
    func setOrgRole(userID: String, role: OrgRole) async throws
    /// Removes a user: their key, sessions, notifications and project memberships go with them (one transaction).
    func removeUser(_ user: User, at now: Int64) async throws
    /// Invites not yet accepted nor expired, newest first.
    func pendingInvites(organizationID: String, now: Int64) async throws -> [StoredInvite]
    /// Deletes the pending invites of these emails; returns how many.
    func deleteInvites(organizationID: String, emails: [String]) async throws -> Int
}

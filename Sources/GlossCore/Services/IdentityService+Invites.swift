import Foundation

/// Invite links: an admin invites an email; the link lets that person choose a password and signs
/// them in. The link's token is random, stored hashed, expires, and works once.
extension IdentityService {
    /// How long an invite link works (7 days).
    public static let inviteLifetimeMillis: Int64 = 7 * 24 * 3600 * 1000

    /// Invites `email` into the caller's organization; returns the token for the link and the invite.
    public func invite(email: String, role: OrgRole, by inviter: User,
                       projects: [InviteProjectAssignment] = []) async throws -> (token: String, invite: StoredInvite) {
        guard inviter.orgRole.isAdmin else { throw DomainError.forbidden("only organization admins can invite people") }
        return try await invite(email: email, role: role, organizationID: inviter.organizationID, invitedBy: inviter.id, projects: projects)
    }

    /// Invites `email` into the first organization on behalf of the operator (`gloss users invite`).
    public func inviteAsOperator(email: String, role: OrgRole) async throws -> (token: String, invite: StoredInvite) {
        guard let org = try await store.firstOrganization() else {
            throw DomainError.conflict("the database has no organization yet: start `gloss serve` once first")
        }
        return try await invite(email: email, role: role, organizationID: org.id, invitedBy: "operator")
    }

    private func invite(email rawEmail: String, role: OrgRole, organizationID: String, invitedBy: String,
                        projects: [InviteProjectAssignment] = []) async throws -> (token: String, invite: StoredInvite) {
        guard role == .admin || role == .member else { throw DomainError.invalid("orgRole must be Admin or Member") }
        let email = try EmailAddress.validated(rawEmail)
        if let existing = try await store.credentials(email: email) {
            guard existing.user.organizationID == organizationID else {
                throw DomainError.conflict("\(email) belongs to another organization")
            }
            guard existing.passwordHash == nil else { throw DomainError.conflict("\(email) is already a member with a password") }
            // An admin's link must not let them take over an account that is already in use (the
            // Owner's, or anyone's with a working API key); the operator (CLI) may.
            if invitedBy != "operator" {
                let hint = try await store.apiKeyHint(userID: existing.user.id) ?? ""
                guard existing.user.orgRole != .owner, hint.isEmpty else {
                    throw DomainError.conflict("\(email) already has an account with an API key; an operator can set a password with `gloss users set-password`")
                }
            }
        }
        let token = ObjectID.randomHex(bytes: 32)
        let now = ISODate.millis(clock.now())
        var invite = StoredInvite(tokenHash: hasher.hash(token), organizationID: organizationID, email: email, orgRole: role,
                                  invitedBy: invitedBy, createdAt: now, expiresAt: now + Self.inviteLifetimeMillis)
        invite.projectAssignments = projects
        try await invites.createInvite(invite)
        return (token, invite)
    }

    /// The open invite behind a link, or a 404 when unknown, used or expired.
    public func openInvite(token: String) async throws -> StoredInvite {
        guard !token.isEmpty, token.utf8.count <= 128, let invite = try await invites.invite(tokenHash: hasher.hash(token)),
              invite.acceptedAt == nil, invite.expiresAt > ISODate.millis(clock.now()) else {
            throw DomainError.notFound("this invite link is unknown, used or expired: ask for a new one")
        }
        return invite
    }

    /// Accepts an invite: sets the password (creating the user when new) and opens a session.
    public func acceptInvite(token: String, password: String, name: String?) async throws -> NewSession {
        let invite = try await openInvite(token: token)
        let checked = try PasswordRules.validated(password)
        let now = ISODate.millis(clock.now())
        let displayName = name.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } ?? invite.email
        let user = User(id: ids.next(), organizationID: invite.organizationID, email: invite.email, name: displayName,
                        orgRole: invite.orgRole, createdAt: now)
        let stored = try await invites.acceptInvite(tokenHash: invite.tokenHash, at: now, user: user, apiKey: stored(Self.newAPIKey()),
                                                    passwordHash: passwords.hash(checked))
        return try await openSession(for: stored)
    }
}

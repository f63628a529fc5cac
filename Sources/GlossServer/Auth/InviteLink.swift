/// Where an invite link points: the web UI's accept page, which asks for a password.
public enum InviteLink {
    /// The link for `token` on the server reached at `base` (no trailing slash).
    public static func url(base: String, token: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(trimmed)/#/invite/\(token)"
    }
}

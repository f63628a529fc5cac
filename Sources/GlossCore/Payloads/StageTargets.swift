/// Where a Webhook stage delivers and how it authenticates. Ango Hub does not publish the stage's
/// JSON field names, so Gloss reads a nested `webhook: {url, authType, secret, token}` object
/// and, for each key it lacks, the same key at the stage's top level (`url`, `authType`,
/// `secret`, `token` or `bearerToken`).
public struct WebhookTarget: Sendable, Hashable {
    /// How the request proves where it comes from.
    public enum Auth: Sendable, Hashable {
        /// A plain POST.
        case none
        /// `X-Hub-Signature: <hex HMAC-SHA1(secret, raw body)>`.
        case secret(String)
        /// `Authorization: Bearer <token>`.
        case bearer(String)
    }

    /// The http(s) URL to POST to.
    public var url: String
    /// The authentication.
    public var auth: Auth

    /// Creates a target.
    public init(url: String, auth: Auth) { self.url = url; self.auth = auth }

    /// Reads the stage's settings; a missing or non-http URL, an unknown auth type, or a secret or
    /// bearer auth without its value is `DomainError.invalid` naming what to set.
    public static func from(_ stage: Stage) throws -> WebhookTarget {
        let settings = StageSettings(stage: stage, nested: "webhook")
        let url = try settings.url(keys: ["url", "webhookUrl"], what: "webhook.url")
        let secret = settings.string(["secret"])
        let token = settings.string(["token", "bearerToken"])
        // Without an explicit type, a secret alone means signing (the legacy UI had just URL + Secret).
        let type = settings.string(["authType"]).map(normalized) ?? (secret != nil ? "secret" : token != nil ? "bearer" : "none")
        switch type {
        case "none", "noauth":
            return WebhookTarget(url: url, auth: .none)
        case "secret":
            guard let secret else { throw DomainError.invalid("webhook stage \(stage.name): authType secret needs webhook.secret") }
            return WebhookTarget(url: url, auth: .secret(secret))
        case "bearer", "bearertoken", "token":
            guard let token else { throw DomainError.invalid("webhook stage \(stage.name): authType bearer needs webhook.token") }
            return WebhookTarget(url: url, auth: .bearer(token))
        default:
            throw DomainError.invalid("webhook stage \(stage.name): authType must be none, secret or bearer")
        }
    }

    /// "No Auth" -> "noauth", "Bearer Token" -> "bearertoken": the UI's labels and the API's words alike.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter })
    }
}

/// Where a Plugin stage dispatches: `pluginId`, plus a nested `plugin: {url, secret}` object or
/// the top-level `pluginUrl` (or `url`) and `secret`. Gloss speaks the REST connector: it POSTs
/// the task to the URL with a `Secret` header.
public struct PluginTarget: Sendable, Hashable {
    /// The plugin's id, when the stage names one.
    public var pluginID: String?
    /// The http(s) URL to POST to.
    public var url: String
    /// Sent as the `Secret` header when set.
    public var secret: String?

    /// Creates a target.
    public init(pluginID: String?, url: String, secret: String?) { self.pluginID = pluginID; self.url = url; self.secret = secret }

    /// Reads the stage's settings; a missing or non-http URL is `DomainError.invalid`.
    public static func from(_ stage: Stage) throws -> PluginTarget {
        let settings = StageSettings(stage: stage, nested: "plugin")
        let url = try settings.url(keys: ["pluginUrl", "url"], what: "plugin.url")
        return PluginTarget(pluginID: stage.raw["pluginId"]?.stringValue, url: url, secret: settings.string(["secret"]))
    }

    /// The stage's plugin configuration as the text plugins receive (`configJSON` is a string in
    /// Ango's protocol): `configJSON` or `config`, kept verbatim when a string, else serialized;
    /// `{}` when neither is set.
    public static func configText(of stage: Stage) -> String {
        for key in ["configJSON", "config"] {
            guard let value = stage.raw[key], !value.isNull else { continue }
            return value.stringValue ?? value.jsonText()
        }
        return "{}"
    }

    /// The stage's `overwrite` flag (default true: the plugin's answer replaces the task's).
    public static func overwrite(of stage: Stage) -> Bool { stage.raw["overwrite"]?.boolValue ?? true }
}

/// Reads a stage setting from a nested object first, then from the stage's top level.
struct StageSettings {
    let stage: Stage
    let nested: String

    /// The first non-empty string among `keys`, nested object before top level.
    func string(_ keys: [String]) -> String? {
        let scopes = [stage.raw[nested]?.objectValue ?? [:], stage.raw]
        for scope in scopes {
            for key in keys { if let text = scope[key]?.stringValue, !text.isEmpty { return text } }
        }
        return nil
    }

    /// An http(s) URL among `keys`, or a 400 naming `what`.
    func url(keys: [String], what: String) throws -> String {
        guard let url = string(keys) else { throw DomainError.invalid("\(stage.type?.rawValue ?? "") stage \(stage.name) has no URL: set \(what)") }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw DomainError.invalid("\(stage.type?.rawValue ?? "") stage \(stage.name): \(what) must start with http:// or https://, got \(url)")
        }
        return url
    }
}

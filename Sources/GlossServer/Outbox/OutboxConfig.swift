import Foundation

/// How the outbox worker delivers webhooks and dispatches plugins. Times are in seconds.
/// Defaults: 10 s request timeout; webhook retries after 10 s, 20 s, 40 s... (capped at 1 h), 8
/// attempts in all (about 21 minutes); a 1 s poll.
public struct OutboxConfig: Sendable, Equatable {
    /// Whether `buildApplication` runs the worker loop (off in router tests, which call `runOnce`).
    public var runsWorker: Bool
    /// Time allowed for one POST, connection to last byte.
    public var requestTimeout: Double
    /// Delay after the first failed webhook attempt; each further failure doubles it.
    public var baseBackoff: Double
    /// Longest delay between two webhook attempts.
    public var maxBackoff: Double
    /// Webhook attempts before giving up (the first included).
    public var maxAttempts: Int
    /// How often the worker looks for due items when nothing wakes it.
    public var pollInterval: Double
    /// How long a leased item is reserved for its worker; past it another worker may take it
    /// (a crash mid-delivery only delays the item by this much).
    public var leaseDuration: Double
    /// Items leased per round.
    public var batchSize: Int
    /// Lifetime of the task-scoped API key sent to plugins.
    public var pluginKeyLifetime: Double

    /// Creates a config; `validate()` checks it.
    public init(runsWorker: Bool = true, requestTimeout: Double = 10, baseBackoff: Double = 10, maxBackoff: Double = 3600,
                maxAttempts: Int = 8, pollInterval: Double = 1, leaseDuration: Double = 60, batchSize: Int = 16,
                pluginKeyLifetime: Double = 3600) {
        self.runsWorker = runsWorker; self.requestTimeout = requestTimeout; self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff; self.maxAttempts = maxAttempts; self.pollInterval = pollInterval
        self.leaseDuration = leaseDuration; self.batchSize = batchSize; self.pluginKeyLifetime = pluginKeyLifetime
    }

    /// The defaults overridden by GLOSS_WEBHOOK_TIMEOUT, GLOSS_WEBHOOK_BACKOFF,
    /// GLOSS_WEBHOOK_MAX_BACKOFF, GLOSS_WEBHOOK_MAX_ATTEMPTS and GLOSS_OUTBOX_POLL_INTERVAL.
    public static func from(environment env: [String: String]) throws -> OutboxConfig {
        var config = OutboxConfig()
        func number(_ name: String) throws -> Double? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Double(text) else { throw ConfigError("\(name) must be a number of seconds, got \(text)") }
            return value
        }
        if let v = try number("GLOSS_WEBHOOK_TIMEOUT") { config.requestTimeout = v }
        if let v = try number("GLOSS_WEBHOOK_BACKOFF") { config.baseBackoff = v }
        if let v = try number("GLOSS_WEBHOOK_MAX_BACKOFF") { config.maxBackoff = v }
        if let v = try number("GLOSS_OUTBOX_POLL_INTERVAL") { config.pollInterval = v }
        if let text = env["GLOSS_WEBHOOK_MAX_ATTEMPTS"], !text.isEmpty {
            guard let n = Int(text) else { throw ConfigError("GLOSS_WEBHOOK_MAX_ATTEMPTS must be an integer, got \(text)") }
            config.maxAttempts = n
        }
        // A lease must outlive the slowest request it covers.
        config.leaseDuration = max(config.leaseDuration, config.requestTimeout * 2 + 10)
        try config.validate()
        return config
    }

    /// Checks ranges.
    public func validate() throws {
        guard requestTimeout > 0, pollInterval > 0, pluginKeyLifetime > 0 else {
            throw ConfigError("webhook timeout, poll interval and plugin key lifetime must be positive")
        }
        // A zero backoff would make a failed item due again within the same round.
        guard baseBackoff > 0, maxBackoff >= baseBackoff else { throw ConfigError("webhook backoff must be positive and at most its maximum") }
        guard (1...100).contains(maxAttempts) else { throw ConfigError("GLOSS_WEBHOOK_MAX_ATTEMPTS must be from 1 to 100") }
        guard leaseDuration > requestTimeout, batchSize > 0 else { throw ConfigError("the outbox lease must outlast the request timeout") }
    }

    /// Milliseconds to wait after a failed attempt when `attempts` attempts came before it:
    /// base × 2^attempts, capped.
    func backoffMillis(afterAttempts attempts: Int) -> Int64 {
        let delay = min(maxBackoff, baseBackoff * pow(2, Double(min(attempts, 40))))
        return max(1, Int64((delay * 1000).rounded()))
    }
}

import GlossCore
import GlossStore
import Logging

/// The opened database, stores and domain services one server process (or one test) uses.
public struct GlossRuntime: Sendable {
    /// SQL stores.
    public let stores: GlossStores
    /// Domain services over them.
    public let services: GlossServices
    /// The shared key that signs file URLs.
    public let signingSecret: String
    /// Time source.
    public let clock: any GlossClock

    /// Opens and migrates the database, then wires services.
    public static func open(_ location: DatabaseLocation, clock: any GlossClock = SystemClock(),
                            ids: any IDGenerator = ObjectIDGenerator(), random: any RandomSource = SystemRandomSource(),
                            passwordRounds: Int = PBKDF2PasswordHasher.defaultRounds, secretKey: [UInt8]? = nil,
                            logger: Logger) async throws -> GlossRuntime {
        let stores = try await GlossStores.open(location, logger: logger)
        let secret = try await stores.settings.value("url-signing-key") { ObjectID.randomHex(bytes: 32) }
        let services = GlossServices(identityStore: stores.identity, inviteStore: stores.identity, memberStore: stores.identity, projectStore: stores.projects,
                                     assetStore: stores.assets,
                                     taskStore: stores.tasks, workflowStore: stores.workflow, outboxStore: stores.outbox, exportStore: stores.exports,
                                     issueStore: stores.issues, notificationStore: stores.notifications, metricsStore: stores.metrics,
                                     storageStore: stores.storages, secrets: AESSecretBox(key: secretKey),
                                     hasher: SHA256Hasher(), passwords: PBKDF2PasswordHasher(rounds: passwordRounds), clock: clock, ids: ids, random: random)
        return GlossRuntime(stores: stores, services: services, signingSecret: secret, clock: clock)
    }

    /// Closes the database.
    public func shutdown() async { await stores.database.shutdown() }
}

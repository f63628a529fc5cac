import Foundation
import GlossCore
import GlossServer
import GlossStore

/// Two organizations with known keys, for tests that need callers.
public struct TestFixture: Sendable {
    /// The first organization's owner.
    public let admin: User
    /// The owner's API key.
    public let adminKey: String
    /// An owner of a second organization (cross-tenant checks).
    public let outsider: User
    /// The outsider's API key.
    public let outsiderKey: String
    /// The clock the runtime uses.
    public let clock: FixedClock
}

/// Opens a migrated runtime on a fresh database of `backend`, creates the two organizations, and
/// runs `body`; the database is removed afterwards. Dice are seeded, so Logic RandomSample rules
/// and queue choices repeat from run to run.
public func withTestRuntime<T: Sendable>(
    _ backend: TestBackend = .sqlite, ids: any IDGenerator = ObjectIDGenerator(),
    random: any RandomSource = SeededRandomSource(seed: 7),
    _ body: (GlossRuntime, TestFixture, String) async throws -> T
) async throws -> T {
    try await TestDatabases.withFreshLocation(backend) { location, directory in
        let clock = FixedClock(Date(timeIntervalSince1970: 1_750_000_000))
        let runtime = try await GlossRuntime.open(location, clock: clock, ids: ids, random: random, passwordRounds: 1_000,
                                                  secretKey: Array(repeating: 7, count: 32),
                                                  logger: TestDatabases.logger)
        do {
            let fixture = try await makeFixture(runtime, clock: clock)
            let result = try await body(runtime, fixture, directory)
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            throw error
        }
    }
}

func makeFixture(_ runtime: GlossRuntime, clock: FixedClock) async throws -> TestFixture {
    let adminKey = "admin-key-0123456789abcdef"
    guard case .created = try await runtime.services.identity.bootstrap(adminEmail: "admin@gloss.test", apiKey: adminKey) else {
        throw DomainError.conflict("fresh database was not empty")
    }
    let admin = try await runtime.services.identity.authenticate(apiKey: adminKey)
    let outsiderKey = "outsider-key-0123456789abcdef"
    let now = ISODate.millis(clock.now())
    let org = Organization(id: ObjectIDGenerator().next(), name: "Other org", createdAt: now)
    let outsider = User(id: ObjectIDGenerator().next(), organizationID: org.id, email: "outsider@other.test", name: "Outsider",
                        orgRole: .owner, createdAt: now)
    try await runtime.stores.identity.createOrganization(org, owner: outsider, apiKey: StoredAPIKey(hash: SHA256Hasher().hash(outsiderKey), hint: String(outsiderKey.suffix(4))))
    return TestFixture(admin: admin, adminKey: adminKey, outsider: outsider, outsiderKey: outsiderKey, clock: clock)
}

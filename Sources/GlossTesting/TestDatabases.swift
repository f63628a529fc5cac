import SQLKit
import Foundation
import GlossCore
import GlossStore
import Logging

/// The database engines a test can run on: SQLite always, PostgreSQL when
/// `GLOSS_TEST_POSTGRES_URL` names a server (scripts/test starts one).
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }

    /// The engines available in this run.
    public static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    static var postgresURL: PostgresURL? {
        ProcessInfo.processInfo.environment["GLOSS_TEST_POSTGRES_URL"].flatMap(PostgresURL.init)
    }
}

/// Fresh, empty databases for tests: a new SQLite file in a temp directory, or a new PostgreSQL
/// database on the test server, dropped afterwards.
public enum TestDatabases {
    /// A quiet logger for tests.
    public static let logger: Logger = { var l = Logger(label: "gloss-test"); l.logLevel = .warning; return l }()

    /// Runs `body` with the location of a fresh database on `backend`.
    public static func withFreshLocation<T: Sendable>(_ backend: TestBackend, _ body: (DatabaseLocation, String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-test-\(ObjectID.randomHex(bytes: 6))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        switch backend {
        case .sqlite:
            return try await body(.sqlite(path: directory + "/gloss.sqlite"), directory)
        case .postgres:
            guard let base = TestBackend.postgresURL else { throw DomainError.invalid("GLOSS_TEST_POSTGRES_URL is not set") }
            let name = "gloss_t_\(ObjectID.randomHex(bytes: 6))"
            let admin = try await PostgresGlossDatabase.open(base, logger: logger)
            _ = try await admin.read { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").all() }
            var url = base
            url.database = name
            do {
                let result = try await body(.postgres(url), directory)
                _ = try? await admin.read { try await $0.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").all() }
                await admin.shutdown()
                return result
            } catch {
                _ = try? await admin.read { try await $0.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").all() }
                await admin.shutdown()
                throw error
            }
        }
    }
}

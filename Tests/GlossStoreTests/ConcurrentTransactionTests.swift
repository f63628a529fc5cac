import GlossCore
import GlossStore
import GlossTesting
import Logging
import SQLKit
import Testing

@Suite("Concurrent write transactions")
struct ConcurrentTransactionTests {
    struct Planned: Error {}

    @Test("of 60 concurrent transactions, the failing ones leave nothing and every other one is committed when it returns",
          arguments: TestBackend.available)
    func failuresStayIsolated(backend: TestBackend) async throws {
        try await TestDatabases.withFreshLocation(backend) { location, _ in
            let stores = try await GlossStores.open(location, logger: TestDatabases.logger)
            let database = stores.database
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool, Bool).self) { group in
                for i in 0..<60 {
                    group.addTask {
                        do {
                            try await database.transaction { db in
                                try await db.raw("INSERT INTO server_settings (key, value) VALUES (\(bind: "k\(i)"), \(bind: "a"))").run()
                                try await db.raw("INSERT INTO server_settings (key, value) VALUES (\(bind: "k\(i)-b"), \(bind: "b"))").run()
                                if i % 3 == 0 { throw Planned() }
                            }
                            // Committed means visible to readers as soon as the call returns.
                            let seen = try await database.read { db in
                                try await db.raw("SELECT COUNT(*) AS n FROM server_settings WHERE key IN (\(bind: "k\(i)"), \(bind: "k\(i)-b"))").first()?.decode(column: "n", as: Int.self)
                            }
                            return (i, true, seen == 2)
                        } catch is Planned {
                            return (i, false, true)
                        }
                    }
                }
                var all: [(Int, Bool, Bool)] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.allSatisfy { item in item.2 }, "a transaction returned before its rows were visible")
            #expect(outcomes.filter(\.1).map(\.0).sorted() == (0..<60).filter { item in item % 3 != 0 })
            let keys = try await database.read { db in
                try await db.raw("SELECT key FROM server_settings WHERE key LIKE 'k%' ORDER BY key").all().map { try $0.decode(column: "key", as: String.self) }
            }
            let expected = (0..<60).filter { $0 % 3 != 0 }.flatMap { ["k\($0)", "k\($0)-b"] }.sorted()
            #expect(keys == expected)
            await database.shutdown()
        }
    }
}

import Foundation
import GlossCore
import GlossStore
import Logging
import VaporCSQLite

/// The physical limit: the same asset, task and history rows as an HTTP import, inserted with
/// the SQLite C API and reused prepared statements into a database with Gloss's schema and
/// indexes, one transaction per 5,000 assets. No HTTP, JSON or validation.
enum RawSQLite {
    /// Waits until the server's WAL is fully checkpointed (helping with PASSIVE checkpoints of
    /// its own): after a large import the server's background checkpointer copies hundreds of MB,
    /// which would otherwise compete with whatever the bench measures next.
    static func settle(databasePath path: String) throws {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else { throw BenchError("open failed") }
        defer { sqlite_nio_sqlite3_close(db) }
        sqlite_nio_sqlite3_busy_timeout(db, 5000)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            var statement: OpaquePointer?
            guard sqlite_nio_sqlite3_prepare_v2(db, "PRAGMA wal_checkpoint(PASSIVE)", -1, &statement, nil) == SQLITE_OK else { throw BenchError("prepare failed") }
            defer { sqlite_nio_sqlite3_finalize(statement) }
            guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW else { continue }
            let log = sqlite_nio_sqlite3_column_int64(statement, 1), done = sqlite_nio_sqlite3_column_int64(statement, 2)
            if log <= done { return }
        }
        throw BenchError("the WAL did not settle within 2 minutes")
    }

    static func insertRate(assets total: Int, chunk: Int, directory: String) async throws -> Double {
        let path = directory + "/raw.sqlite"
        let logger = Logger(label: "bench")
        let stores = try await GlossStores.open(.sqlite(path: path), logger: logger)
        await stores.database.shutdown()

        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else { throw BenchError("open failed") }
        defer { sqlite_nio_sqlite3_close(db) }
        // The server's own settings (SQLiteGlossDatabase: checkpoints run on another thread), so the two rates are comparable.
        exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=0")
        exec(db, "INSERT INTO projects VALUES ('p','o','raw','','ango','o','{}','[]','{}',0,0,0,0,0,0,'[]','[]')")
        let asset = prepare(db, "INSERT INTO assets (id, project_id, external_id, data, metadata, context_data, batches, storage, attachments, is_prelabeled, created_at, updated_at) VALUES (?,?,?,?,?,?,?,NULL,?,0,?,?)")
        let task = prepare(db, "INSERT INTO tasks (id, project_id, asset_id, external_id, stage, status, type, batches, priority, answer, duration, total_duration, open_issues_count, is_draft, is_skipped, is_benchmark, created_by, updated_by, created_at, updated_at, position) VALUES (?,?,?,?,'Label','TODO','default',?,0,?,0,0,0,0,0,0,?,?,?,?,?)")
        let history = prepare(db, "INSERT INTO task_history (id, task_id, project_id, asset_id, stage_id, stage_name, answer, duration, completed_at) VALUES (?,?,?,?,'Start','Start',?,0,?)")
        let link = prepare(db, "INSERT INTO task_batches (project_id, batch_id, stage, position, task_id) VALUES (?,?,?,?,?)")
        defer { for s in [asset, task, history, link] { sqlite_nio_sqlite3_finalize(s) } }

        let answer = #"{"classifications":[],"relations":[],"tools":[]}"#
        let now: Int64 = 1_750_000_000_000
        let started = nowMS()
        var n = 0
        while n < total {
            exec(db, "BEGIN IMMEDIATE")
            for i in n..<min(total, n + chunk) {
                let hex = String(i, radix: 16)
                let pad = String(repeating: "0", count: 23 - hex.count) + hex
                let aid = "a" + pad, tid = "t" + pad, hid = "h" + pad
                let batch = "batch\(i % 10)"
                let batches = "[\"\(batch)\"]"
                step(asset, [.text(aid), .text("p"), .text("img_\(i).jpg"), .text("https://example.test/img_\(i).jpg"),
                             .text(#"{"height":768,"width":1024}"#), .text("{}"), .text(batches), .text("[]"), .int(now), .int(now)])
                step(link, [.text("p"), .text(batch), .text("Label"), .int(Int64(i)), .text(tid)])
                step(task, [.text(tid), .text("p"), .text(aid), .text("img_\(i).jpg"), .text(batches), .text(answer),
                            .text("bench@gloss.test"), .text("bench@gloss.test"), .int(now), .int(now), .int(Int64(i))])
                step(history, [.text(hid), .text(tid), .text("p"), .text(aid), .text(answer), .int(now)])
            }
            exec(db, "COMMIT")
            n += chunk
        }
        return Double(total) / ((nowMS() - started) / 1000)
    }

    enum Value { case text(String), int(Int64) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func exec(_ db: OpaquePointer?, _ sql: String) {
        if sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil) != SQLITE_OK {
            fatalError("sqlite: \(String(cString: sqlite_nio_sqlite3_errmsg(db)))")
        }
    }

    private static func prepare(_ db: OpaquePointer?, _ sql: String) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            fatalError("sqlite prepare: \(String(cString: sqlite_nio_sqlite3_errmsg(db)))")
        }
        return statement
    }

    private static func step(_ statement: OpaquePointer?, _ values: [Value]) {
        for (i, value) in values.enumerated() {
            switch value {
            case .text(let s): sqlite_nio_sqlite3_bind_text(statement, Int32(i + 1), s, -1, transient)
            case .int(let v): sqlite_nio_sqlite3_bind_int64(statement, Int32(i + 1), v)
            }
        }
        guard sqlite_nio_sqlite3_step(statement) == SQLITE_DONE else { fatalError("sqlite step failed") }
        sqlite_nio_sqlite3_reset(statement)
    }
}

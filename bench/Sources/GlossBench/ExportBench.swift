import AsyncHTTPClient
import Foundation
import GlossCore
import NIOCore
import VaporCSQLite

/// Export figures: projects of completed tasks with history, exported the way the SDK does it
/// (GET /export, then download the signed URL at once), timed from the client, with the server's
/// resident memory sampled during the run.
struct ExportBench {
    let http: BenchHTTP
    let server: ServerProcess

    /// One export run.
    struct Run {
        let tasks: Int
        /// From GET /export to the first byte of the zip.
        let firstByteMS: Double
        /// From GET /export to the last byte of the finished zip.
        let totalMS: Double
        let bytes: Int
        /// Peak server RSS during the run minus RSS before it, MB.
        let rssGrowthMB: Double
        var tasksPerSecond: Double { Double(tasks) / (totalMS / 1000) }
    }

    /// An answer as a labeler leaves it: two boxes (one with a nested radio) and a checkbox.
    static let answer = #"{"tools":[{"schemaId":"car","objectId":"o1","title":"Car","bounding-box":{"x":12,"y":40,"width":230,"height":118},"classifications":[{"schemaId":"color","title":"Color","tool":"radio","answer":"red","classifications":[]}]},{"schemaId":"car","objectId":"o2","title":"Car","bounding-box":{"x":301,"y":52,"width":96,"height":61},"classifications":[]}],"classifications":[{"schemaId":"weather","title":"Weather","tool":"checkbox","answer":["sunny","dry"],"classifications":[]}],"relations":[]}"#

    /// Turns every task of the project into a completed one with a Label history entry, straight
    /// in SQLite while the server is stopped: the rows a Start -> Label -> Complete run leaves
    /// (the Start entries are there from the import), without labeling a million tasks by hand.
    static func seedCompleted(databasePath: String, projectID: String) throws {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(databasePath, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else { throw BenchError("open failed") }
        defer { sqlite_nio_sqlite3_close(db) }
        let answer = Self.answer.replacingOccurrences(of: "'", with: "''")
        let statements = [
            "BEGIN IMMEDIATE",
            """
            INSERT INTO task_history (id, task_id, project_id, asset_id, stage_id, stage_name, answer, duration, completed_at, completed_by, rework)
            SELECT 'l' || substr(id, 2), id, project_id, asset_id, 'Label', 'Label', '\(answer)', 41000, created_at + 60000, 'labeler@bench.test', 0
            FROM tasks WHERE project_id = '\(projectID)'
            """,
            """
            UPDATE tasks SET stage = 'Complete', status = 'Completed', answer = '\(answer)', updated_by = 'labeler@bench.test',
              updated_at = created_at + 60000, completed_at = created_at + 60000, total_duration = 41000 WHERE project_id = '\(projectID)'
            """,
            "UPDATE task_batches SET stage = 'Complete' WHERE project_id = '\(projectID)'",
            "COMMIT",
            "PRAGMA wal_checkpoint(TRUNCATE)",
        ]
        for sql in statements {
            var error: UnsafeMutablePointer<CChar>?
            guard sqlite_nio_sqlite3_exec(db, sql, nil, nil, &error) == SQLITE_OK else {
                throw BenchError("seed failed: \(error.map { String(cString: $0) } ?? "?")")
            }
        }
    }

    /// Exports the project's Complete tasks as the SDK would and times it.
    func export(projectID: String, format: String = "json") async throws -> Run {
        let before = server.rssMB()
        let sampler = RSSSampler(server: server)
        sampler.start()
        let started = nowMS()
        let reply = try await http.send(.GET, server.baseURL + "/v2/export?project=\(projectID)&format=\(format)", key: server.apiKey)
        let data = try JSONParser.parse(reply)["data"]
        guard let url = data?["exportPath"]?.stringValue, let id = data?["exportId"]?.stringValue else { throw BenchError("no exportPath") }
        let response = try await http.client.execute(HTTPClientRequest(url: url), timeout: .seconds(3600))
        guard response.status == .ok else { throw BenchError("download -> \(response.status.code)") }
        var firstByte = 0.0, bytes = 0
        for try await chunk in response.body {
            if bytes == 0 { firstByte = nowMS() - started }
            bytes += chunk.readableBytes
        }
        let total = nowMS() - started
        let peak = sampler.stop()
        let status = try JSONParser.parse(try await http.send(.GET, server.baseURL + "/v2/exports/\(id)", key: server.apiKey))
        guard status["data"]?["export"]?["state"] == "done", let tasks = status["data"]?["export"]?["done"]?.doubleValue else {
            throw BenchError("export \(id) did not finish: \(status)")
        }
        return Run(tasks: Int(tasks), firstByteMS: firstByte, totalMS: total, bytes: bytes, rssGrowthMB: max(0, peak - before))
    }
}

/// Samples a process's RSS every 2 ms on its own thread; `stop` returns the peak.
final class RSSSampler: @unchecked Sendable {
    private let server: ServerProcess
    private let lock = NSLock()
    private var running = true
    private var peak = 0.0

    init(server: ServerProcess) { self.server = server }

    func start() {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                let rss = server.rssMB()
                lock.withLock { peak = max(peak, rss) }
                usleep(2000)
            }
        }
    }

    func stop() -> Double {
        lock.withLock { running = false; return peak }
    }
}

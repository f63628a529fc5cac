import GlossCore
import SQLKit

/// `MetricsStore` on SQL: counts and sums are grouped by the database; only answers (for the
/// answer distribution) are streamed, a page at a time.
public struct SQLMetricsStore: MetricsStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func tasksPerStage(projectID: String) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for row in try await db.raw("SELECT stage, COUNT(*) AS n FROM tasks WHERE project_id = \(bind: projectID) AND type <> 'benchmark' GROUP BY stage").all() {
                counts[try row.string("stage")] = try row.int("n")
            }
            return counts
        }
    }

    public func stageDurations(projectID: String) async throws -> [(stageID: String, count: Int, total: Int64, median: Int64)] {
        try await database.read { db in
            // Durations come sorted per stage, so the median is the middle one.
            let rows = try await db.raw("""
                SELECT stage_id, duration FROM task_history WHERE project_id = \(bind: projectID) AND completed_by IS NOT NULL
                ORDER BY stage_id, duration
                """).all()
            var byStage: [(String, [Int64])] = []
            for row in rows {
                let stage = try row.string("stage_id"), duration = try row.int64("duration")
                if byStage.last?.0 == stage { byStage[byStage.count - 1].1.append(duration) } else { byStage.append((stage, [duration])) }
            }
            return byStage.map { stage, durations in (stage, durations.count, durations.reduce(0, +), durations[durations.count / 2]) }
        }
    }

    public func statusCounts(projectID: String) async throws -> [String: Int] {
        try await database.read { db in
            let row = try await db.raw("""
                SELECT COUNT(*) AS total,
                  COALESCE(SUM(CASE WHEN status = 'Completed' THEN 1 ELSE 0 END), 0) AS completed,
                  COALESCE(SUM(CASE WHEN status = 'TODO' THEN 1 ELSE 0 END), 0) AS todo,
                  COALESCE(SUM(CASE WHEN is_draft THEN 1 ELSE 0 END), 0) AS drafts,
                  COALESCE(SUM(CASE WHEN is_skipped THEN 1 ELSE 0 END), 0) AS skipped,
                  COALESCE(SUM(CASE WHEN is_benchmark THEN 1 ELSE 0 END), 0) AS benchmarks,
                  COALESCE(SUM(CASE WHEN open_issues_count > 0 THEN 1 ELSE 0 END), 0) AS "withOpenIssues"
                FROM tasks WHERE project_id = \(bind: projectID) AND type <> 'benchmark'
                """).first()
            var counts: [String: Int] = [:]
            for key in ["total", "completed", "todo", "drafts", "skipped", "benchmarks", "withOpenIssues"] {
                counts[key] = try row?.int(key) ?? 0
            }
            return counts
        }
    }

    public func eachAnswer(projectID: String, _ body: (JSONValue) throws -> Void) async throws {
        var after = Int64.min
        while true {
            let page = try await database.read { db in
                try await db.raw("""
                    SELECT position, answer FROM tasks WHERE project_id = \(bind: projectID) AND position > \(bind: after) AND type <> 'benchmark'
                    ORDER BY position LIMIT 1000
                    """).all().map { (try $0.int64("position"), try $0.string("answer")) }
            }
            for (_, text) in page { try body((try? JSONParser.parse(text)) ?? .null) }
            guard let last = page.last, page.count == 1000 else { return }
            after = last.0
        }
    }

    public func consensusScores(projectID: String) async throws -> [Double] {
        try await database.read { db in
            try await db.raw("SELECT consensus_score FROM tasks WHERE project_id = \(bind: projectID) AND consensus_score IS NOT NULL").all()
                .compactMap { try $0.decode(column: "consensus_score", as: Double?.self) }
        }
    }

    public func assetMetadata(projectID: String) async throws -> [JSONValue] {
        try await database.read { db in
            try await db.raw("SELECT metadata FROM assets WHERE project_id = \(bind: projectID)").all()
                .map { (try? JSONParser.parse(try $0.string("metadata"))) ?? .null }
        }
    }

    /// ` AND <alias>.completed_at >= from AND ... AND the task is in one of the batches`.
    static func scopeSQL(_ scope: PerformanceScope, alias: String, projectID: String, timeColumn: String = "completed_at") -> SQLQueryString {
        var sql: SQLQueryString = ""
        if let from = scope.from { sql = sql + " AND \(unsafeRaw: alias).\(unsafeRaw: timeColumn) >= \(bind: from)" }
        if let to = scope.to { sql = sql + " AND \(unsafeRaw: alias).\(unsafeRaw: timeColumn) <= \(bind: to)" }
        if !scope.batchIDs.isEmpty {
            sql = sql + " AND EXISTS (SELECT 1 FROM task_batches b WHERE b.project_id = \(bind: projectID) AND b.batch_id IN (\(binds: scope.batchIDs)) AND b.task_id = \(unsafeRaw: alias).task_id)"
        }
        return sql
    }

    public func historyTallies(projectID: String, scope: PerformanceScope) async throws -> [HistoryTally] {
        try await database.read { db in
            try await db.raw("SELECT h.completed_by, h.stage_id, h.review_status, COUNT(*) AS n, CAST(COALESCE(SUM(h.duration), 0) AS BIGINT) AS ms FROM task_history h "
                + "WHERE h.project_id = \(bind: projectID) AND h.completed_by IS NOT NULL" + Self.scopeSQL(scope, alias: "h", projectID: projectID)
                + " GROUP BY h.completed_by, h.stage_id, h.review_status").all().map { row in
                HistoryTally(email: try row.string("completed_by"), stageID: try row.string("stage_id"), reviewStatus: try row.optionalString("review_status"),
                             count: try row.int("n"), millis: try row.int64("ms"))
            }
        }
    }

    public func reviewOutcomes(projectID: String, labelStageIDs: [String], reviewStageIDs: [String],
                               scope: PerformanceScope) async throws -> [(email: String, status: String, count: Int)] {
        try await database.read { db in
            // Each review decision goes to whoever last submitted the task in a Label stage before it.
            let rows = try await db.raw("""
                SELECT labeler, review_status, COUNT(*) AS n FROM (
                  SELECT r.review_status,
                    (SELECT l.completed_by FROM task_history l WHERE l.task_id = r.task_id AND l.completed_at <= r.completed_at
                       AND l.stage_id IN (\(binds: labelStageIDs)) ORDER BY l.completed_at DESC LIMIT 1) AS labeler
                  FROM task_history r
                  WHERE r.project_id = \(bind: projectID) AND r.stage_id IN (\(binds: reviewStageIDs))
                    AND r.review_status IN ('Accepted', 'Rejected')
                """ + Self.scopeSQL(scope, alias: "r", projectID: projectID) + """
                ) decisions WHERE labeler IS NOT NULL GROUP BY labeler, review_status
                """).all()
            return try rows.map { (try $0.string("labeler"), try $0.string("review_status"), try $0.int("n")) }
        }
    }

    public func benchmarkScores(projectID: String, scope: PerformanceScope) async throws -> [String: (mean: Double, count: Int)] {
        try await database.read { db in
            var scores: [String: (mean: Double, count: Int)] = [:]
            // Results belong to the gold task; batches and time narrow by it and by the attempt's time.
            var sql: SQLQueryString = "SELECT b.user_email, AVG(b.score) AS mean, COUNT(*) AS n FROM benchmark_results b WHERE b.project_id = \(bind: projectID)"
            if let from = scope.from { sql = sql + " AND b.created_at >= \(bind: from)" }
            if let to = scope.to { sql = sql + " AND b.created_at <= \(bind: to)" }
            if !scope.batchIDs.isEmpty {
                sql = sql + " AND EXISTS (SELECT 1 FROM task_batches t WHERE t.project_id = \(bind: projectID) AND t.batch_id IN (\(binds: scope.batchIDs)) AND t.task_id = b.gold_task_id)"
            }
            for row in try await db.raw(sql + " GROUP BY b.user_email").all() {
                scores[try row.string("user_email")] = (try row.decode(column: "mean", as: Double.self), try row.int("n"))
            }
            return scores
        }
    }

    public func issuesOpened(projectID: String, scope: PerformanceScope) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            let rows = try await db.raw("SELECT i.created_by, COUNT(*) AS n FROM issues i WHERE i.project_id = \(bind: projectID)"
                + Self.scopeSQL(scope, alias: "i", projectID: projectID, timeColumn: "created_at") + " GROUP BY i.created_by").all()
            for row in rows { counts[try row.string("created_by")] = try row.int("n") }
            return counts
        }
    }
}

import GlossCore
import SQLKit

/// `ExportStore` on SQL: keyset pages over `tasks` in position order (the clustered key on
/// SQLite), joined to their assets, with the page's stage history read in one more query.
public struct SQLExportStore: ExportStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    public func exportCount(_ selection: ExportSelection) async throws -> Int {
        try await database.read { db in
            try await db.readRows("SELECT COUNT(*) AS n FROM tasks t WHERE " + Self.conditions(selection)).first?.int("n") ?? 0
        }
    }

    public func exportPage(_ selection: ExportSelection, after cursor: Int64, limit: Int) async throws -> (records: [ExportRecord], last: Int64?) {
        let span = try await read(selection, "t.position > \(bind: cursor)", limit: limit)
        return (span.records, span.last)
    }

    public func exportRange(_ selection: ExportSelection, positions: ClosedRange<Int64>) async throws -> [ExportRecord] {
        try await read(selection, "t.position >= \(bind: positions.lowerBound) AND t.position <= \(bind: positions.upperBound)", limit: nil)
            .records
    }

    public func exportBounds(_ selection: ExportSelection) async throws -> ClosedRange<Int64>? {
        // The project's whole position range, from the primary key in two seeks. MIN/MAX under the
        // selection's conditions would scan every task; spans without a match just come back empty.
        // Two subqueries, because SQLite seeks for a lone MIN or MAX only: `SELECT MIN(..), MAX(..)`
        // scans the project (a quarter of a second at a million tasks).
        try await database.read { db in
            let project = selection.projectID
            var sql: SQLQueryString = """
                SELECT (SELECT MIN(position) FROM tasks WHERE project_id = \(bind: project)) AS lo,
                  (SELECT MAX(position) FROM tasks WHERE project_id = \(bind: project)) AS hi
                """
            // Selected tasks: the span of their positions only (an id lookup each).
            if let ids = selection.taskIDs {
                sql = "SELECT MIN(position) AS lo, MAX(position) AS hi FROM tasks WHERE project_id = \(bind: project) AND id IN (\(binds: ids))"
            }
            guard let row = try await db.readRows(sql).first,
                  let lo = try row.optionalInt64("lo"), let hi = try row.optionalInt64("hi") else { return nil }
            return lo...hi
        }
    }

    /// The task query's columns; `ExportRecordRow` reads SQLite rows by these positions.
    static let taskColumns = """
        t.position, t.id, t.stage, t.type, t.batches, t.created_at, t.updated_at, t.updated_by, t.answer,
        t.brush_data_url, t.medical_brush_data_url, t.duration, t.total_duration, t.consensus_score,
        t.consensus_details, a.id AS asset_id, a.data, a.external_id, a.metadata, a.context_data
        """

    /// Records read in position order, with the first and last position (records are kept apart
    /// from positions so handing them on copies nothing).
    struct Span {
        var records: [ExportRecord] = []
        var first: Int64?
        var last: Int64?
        mutating func append(_ decoded: (ExportRecord, Int64)) {
            records.append(decoded.0)
            if first == nil { first = decoded.1 }
            last = decoded.1
        }
    }

    /// Tasks joined to their assets where `range` holds, in position order, with their history.
    private func read(_ selection: ExportSelection, _ range: SQLQueryString, limit: Int?) async throws -> Span {
        try await database.read { db in
            var sql = Self.taskQuery(selection, range)
            if let limit { sql += " LIMIT \(bind: limit)" }
            let mapper = ExportRecordRow(selection: selection)
            if limit == nil, selection.includeHistory, let direct = db as? DirectSQLDatabase {
                return try Self.readWithHistory(selection, range, mapper: mapper, on: direct)
            }
            var span = Span()
            if let direct = db as? DirectSQLDatabase {
                try direct.forEachRow(sql) { cursor in span.append(try mapper.decode(cursor)) }
            } else {
                for row in try await db.readRows(sql) { span.append(try mapper.decode(row)) }
            }
            guard selection.includeHistory, let first = span.first, let last = span.last else { return span }
            // History of the same tasks in the same (position) order: each task's entries are the
            // next run of rows, so they pair up without a lookup table.
            let positions: SQLQueryString = "t.position >= \(bind: first) AND t.position <= \(bind: last) AND "
            let historySQL: SQLQueryString = """
                SELECT h.task_id, h.stage_id, h.stage_name, h.duration, h.completed_at, h.completed_by, h.answer
                FROM tasks t JOIN task_history h ON h.task_id = t.id WHERE
                """ + " " + positions + Self.conditions(selection) + " ORDER BY t.position, h.completed_at, h.id"
            var index = 0
            func attach(_ taskID: String, _ entry: ExportHistoryRecord) {
                while index < span.records.count, span.records[index].taskID != taskID { index += 1 }
                if index < span.records.count { span.records[index].history.append(entry) }
            }
            if let direct = db as? DirectSQLDatabase {
                try direct.forEachRow(historySQL) { cursor in let (id, entry) = mapper.history(cursor); attach(id, entry) }
            } else {
                for row in try await db.readRows(historySQL) { let (id, entry) = try ExportRecordRow.history(row); attach(id, entry) }
            }
            return span
        }
    }

    /// SQLite, a span with history: one pass, tasks LEFT JOIN their history in (position,
    /// completedAt) order; a task's columns are read from its first row only.
    private static func readWithHistory(_ selection: ExportSelection, _ range: SQLQueryString, mapper: ExportRecordRow,
                                        on db: DirectSQLDatabase) throws -> Span {
        var span = Span()
        try db.forEachRow(historyQuery(selection, range)) { cursor in
            if span.last != cursor.int64(0) { span.append(try mapper.decode(cursor)) }
            if !cursor.isNull(20) {
                let last = span.records.count - 1
                span.records[last].history.append(mapper.history(cursor, from: 21, taskAnswer: span.records[last].answerJSON))
            }
        }
        return span
    }

    /// Selected tasks joined to their assets where `range` holds, in position order (`taskColumns`).
    static func taskQuery(_ selection: ExportSelection, _ range: SQLQueryString) -> SQLQueryString {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: taskColumns) FROM tasks t JOIN assets a ON a.project_id = t.project_id AND a.id = t.asset_id WHERE "
        sql += range + " AND " + conditions(selection) + " ORDER BY t.position"
        return sql
    }

    /// `taskQuery` LEFT JOIN the tasks' history, a row per entry in (position, completedAt)
    /// order: `taskColumns`, then the entry's task id (column 20, NULL for a task without
    /// history), stage id, stage name, duration, completed at, completed by and answer.
    static func historyQuery(_ selection: ExportSelection, _ range: SQLQueryString) -> SQLQueryString {
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: taskColumns), h.task_id AS h_task_id, h.stage_id, h.stage_name, h.duration AS h_duration,
              h.completed_at, h.completed_by, h.answer AS h_answer
            FROM tasks t JOIN assets a ON a.project_id = t.project_id AND a.id = t.asset_id
            LEFT JOIN task_history h ON h.task_id = t.id WHERE
            """
        sql += " " + range + " AND " + conditions(selection) + " ORDER BY t.position, h.completed_at, h.id"
        return sql
    }

    public func exportAngoPiece(_ selection: ExportSelection, positions: ClosedRange<Int64>, encoder: AngoExportEncoder,
                                into sink: any ExportPieceSink) async throws -> Int {
        let range: SQLQueryString = "t.position >= \(bind: positions.lowerBound) AND t.position <= \(bind: positions.upperBound)"
        let streamed = try await database.read { db -> Int? in
            guard let direct = db as? DirectSQLDatabase else { return nil }
            return try Self.streamPiece(selection, range, encoder: encoder, into: sink, on: direct)
        }
        if let streamed { return streamed }
        return try encoder.write(try await exportRange(selection, positions: positions), into: sink)
    }

    /// SQLite: the piece encoded from the rows as they are stepped; the encoder copies the fields'
    /// bytes out of SQLite, with no record or `String` per field in between.
    ///
    /// Tasks are read in position order, and their assets and stage history by two more scans
    /// walking those tables in id order beside them: the ids of an import follow its positions
    /// (`IDGenerator.block`), so the next task's asset and history are usually the next rows, a
    /// step instead of a seek down a B-tree per task (a quarter of SQLite's time in a 10k export).
    /// Where ids do not follow (an asset with several tasks, tasks filtered out in between,
    /// imports that overlapped) the scan seeks, as the join did.
    private static func streamPiece(_ selection: ExportSelection, _ range: SQLQueryString, encoder: AngoExportEncoder,
                                    into sink: any ExportPieceSink, on db: DirectSQLDatabase) throws -> Int {
        let history = selection.includeHistory
        var piece = AngoExportPiece(encoder: encoder, into: sink)
        let names = ExportCursorNames(selection: selection)
        let queries: [SQLQueryString] = [
            "SELECT \(unsafeRaw: mergedTaskColumns) FROM tasks t WHERE " + range + " AND " + conditions(selection) + " ORDER BY t.position",
            "SELECT id, data, external_id, metadata, context_data FROM assets WHERE project_id = \(bind: selection.projectID) AND id >= \(bind: "") ORDER BY id",
            """
            SELECT task_id, stage_id, stage_name, duration, completed_at, completed_by, answer FROM task_history
            WHERE task_id >= \(bind: "") ORDER BY task_id, completed_at, id
            """,
        ]
        try db.withScans(history ? queries : Array(queries.prefix(2))) { scans, values in
            var tasks = scans[0]
            var assets = SQLiteKeyedScan(scans[1], fixed: [.text(selection.projectID)])
            var entries = history ? SQLiteKeyedScan(scans[2], fixed: []) : nil
            try tasks.start(values[0])
            while tasks.onRow {
                let row = tasks.row
                // The join's inner side: a task whose asset is gone is left out.
                if let assetID = row.bytes(15) {
                    try assets.move(to: assetID)
                    if assets.isOn(assetID) {
                        try piece.task(ExportCursorTask(cursor: row, asset: assets.scan.row, names: names))
                        if let taskID = row.bytes(1) {
                            try entries?.forEachRow(at: taskID) { entry in piece.history(ExportCursorHistory(cursor: entry, first: 1)) }
                        }
                    }
                }
                try tasks.next()
            }
        }
        try piece.finish()
        return piece.count
    }

    /// `taskColumns` without the asset's, then the task's asset id (column 15).
    static let mergedTaskColumns = """
        t.position, t.id, t.stage, t.type, t.batches, t.created_at, t.updated_at, t.updated_by, t.answer,
        t.brush_data_url, t.medical_brush_data_url, t.duration, t.total_duration, t.consensus_score,
        t.consensus_details, t.asset_id
        """

    /// The WHERE conditions (on `tasks t`) a selection sets.
    static func conditions(_ s: ExportSelection) -> SQLQueryString {
        var sql: SQLQueryString = "t.project_id = \(bind: s.projectID) AND t.type IN (\(binds: s.taskTypes.map(\.rawValue)))"
        if let stages = s.stageIDs { sql += " AND t.stage IN (\(binds: stages))" }
        if let ids = s.taskIDs { sql += " AND t.id IN (\(binds: ids))" }
        if let after = s.createdAt.after { sql += " AND t.created_at > \(bind: after)" }
        if let before = s.createdAt.before { sql += " AND t.created_at < \(bind: before)" }
        if let after = s.updatedAt.after { sql += " AND t.updated_at > \(bind: after)" }
        if let before = s.updatedAt.before { sql += " AND t.updated_at < \(bind: before)" }
        if !s.batchIDs.isEmpty {
            // task_batches is keyed by (project, batch, stage, position): this probe is an index seek.
            sql += """
                 AND EXISTS (SELECT 1 FROM task_batches tb WHERE tb.project_id = t.project_id AND tb.batch_id IN (\(binds: s.batchIDs))
                 AND tb.stage = t.stage AND tb.position = t.position)
                """
        }
        return sql
    }

    public func insertExportJob(_ job: ExportJob) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO export_jobs (id, project_id, requested_by, format, state, total, done, bytes, error, created_at, updated_at)
                VALUES (\(bind: job.id), \(bind: job.projectID), \(bind: job.requestedBy), \(bind: job.format.rawValue),
                  \(bind: job.state.rawValue), \(bind: job.total), \(bind: job.done), \(bind: job.bytes), \(bind: job.error),
                  \(bind: job.createdAt), \(bind: job.updatedAt))
                """).run()
        }
    }

    public func updateExportJob(_ job: ExportJob) async throws {
        try await database.transaction { db in
            try await db.raw("""
                UPDATE export_jobs SET state = \(bind: job.state.rawValue), total = \(bind: job.total), done = \(bind: job.done),
                  bytes = \(bind: job.bytes), error = \(bind: job.error), updated_at = \(bind: job.updatedAt) WHERE id = \(bind: job.id)
                """).run()
        }
    }

    public func exportJob(id: String) async throws -> ExportJob? {
        try await database.read { db in
            try await db.readRows("SELECT * FROM export_jobs WHERE id = \(bind: id)").first.map { row in
                ExportJob(id: try row.string("id"), projectID: try row.string("project_id"), requestedBy: try row.string("requested_by"),
                          format: ExportFormat(rawValue: try row.string("format")) ?? .json,
                          state: ExportJob.State(rawValue: try row.string("state")) ?? .failed, total: try row.int("total"),
                          done: try row.int("done"), bytes: try row.int64("bytes"), error: try row.optionalString("error"),
                          createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"))
            }
        }
    }
}

import GlossCore
import SQLKit

/// `AssetStore` on SQL.
public struct SQLAssetStore: AssetStore {
    let database: any GlossDatabase

    /// Creates the store.
    public init(database: any GlossDatabase) { self.database = database }

    static let assetColumns = ["id", "project_id", "external_id", "data", "metadata", "context_data", "batches", "storage",
                               "attachments", "is_prelabeled", "created_at", "updated_at"]

    public func apply(_ plan: ImportPlan) async throws -> Int {
        // Rows are built before taking the write lock, so another import's writing overlaps with
        // this one's preparation; only positions are filled in once they are reserved.
        let assetRows: [[SQLValue]] = plan.assets.map { a in
            [.text(a.id), .text(a.projectID), .text(a.externalID), .text(a.data), .text(JSONText.of(a.metadata)),
             .text(JSONText.of(a.contextData)), .text(JSONText.of(a.batches)), .of(a.storage), .text(JSONText.of(a.attachments)),
             .bool(a.isPreLabeled), .int(a.createdAt), .int(a.updatedAt)]
        }
        let historyRows = plan.history.map(TaskRow.historyValues)
        let unpositionedTaskRows = plan.tasks.map(TaskRow.values)
        let positionColumn = TaskRow.insertColumns.firstIndex(of: "position")!
        return try await database.transaction { db in
            let count = Int64(plan.tasks.count)
            guard let reserved = try await db.raw("""
                UPDATE projects SET next_position = next_position + \(bind: count), task_count = task_count + \(bind: count),
                  asset_count = asset_count + \(bind: Int64(plan.assets.count))
                WHERE id = \(bind: plan.projectID) RETURNING next_position
                """).first() else { throw DomainError.notFound("project \(plan.projectID) not found") }
            let base = try reserved.int64("next_position") - count
            var swept = 0
            if let sweep = plan.sweep { swept = try await runSweep(sweep, projectID: plan.projectID, on: db) }
            try await BulkInsert.run(db, table: "assets", columns: Self.assetColumns, rows: assetRows)
            var taskRows = unpositionedTaskRows
            var links: [[SQLValue]] = []
            for (i, task) in plan.tasks.enumerated() {
                let position = base + Int64(i)
                taskRows[i][positionColumn] = .int(position)
                for batch in task.batches { links.append([.text(task.projectID), .text(batch), .text(task.stage), .int(position), .text(task.id)]) }
            }
            try await BulkInsert.run(db, table: "tasks", columns: TaskRow.insertColumns, rows: taskRows)
            try await BulkInsert.run(db, table: "task_batches", columns: TaskRow.batchLinkColumns, rows: links)
            try await BulkInsert.run(db, table: "task_history", columns: TaskRow.historyInsertColumns, rows: historyRows)
            try await ChangeSetWriter.write(plan.changes, projectID: plan.projectID, on: db)
            return swept
        }
    }

    /// Moves tasks waiting in Start on, in chunks, as the sweep's workflow step decides.
    private func runSweep(_ sweep: StartSweep, projectID: String, on db: any SQLDatabase) async throws -> Int {
        let positions = try await db.readRows("""
            SELECT position FROM tasks WHERE project_id = \(bind: projectID) AND stage = \(bind: sweep.fromStageID) ORDER BY position
            """).map { try $0.int64("position") }
        var start = 0
        while start < positions.count {
            let chunk = Array(positions[start..<min(positions.count, start + IDChunks.size)])
            let waiting = try await db.readRows("""
                SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks WHERE project_id = \(bind: projectID) AND position IN (\(binds: chunk))
                ORDER BY position
                """).map { try TaskRow.decode($0, withAnswer: true) }
            try await ChangeSetWriter.write(try sweep.route(waiting), projectID: projectID, on: db)
            start += chunk.count
        }
        return positions.count
    }

    public func asset(projectID: String, id: String) async throws -> Asset? {
        try await database.read { db in
            try await db.raw("SELECT * FROM assets WHERE project_id = \(bind: projectID) AND id = \(bind: id)").first().map(Self.decodeAsset)
        }
    }

    public func list(projectID: String, filter: AssetFilter, page: PageRequest) async throws -> (assets: [AssetWithTasks], total: Int) {
        try await database.read { db in
            var condition: SQLQueryString = "a.project_id = \(bind: projectID)"
            if let id = filter.id { condition += " AND a.id = \(bind: id)" }
            if let ext = filter.externalID { condition += " AND a.external_id = \(bind: ext)" }
            if let pre = filter.isPreLabeled { condition += " AND a.is_prelabeled = \(bind: pre)" }
            // Batch ids are checked 24-hex ids, so the quoted id matches exactly inside the JSON list.
            for batch in filter.batches { condition += " AND a.batches LIKE \(bind: "%\"\(batch)\"%")" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM assets a WHERE " + condition).first()?.int("n") ?? 0
            let rows = try await db.raw("SELECT a.* FROM assets a WHERE " + condition
                + " ORDER BY a.id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            let assets = try rows.map(Self.decodeAsset)
            guard !assets.isEmpty else { return ([], total) }
            let tasks = try await db.raw("SELECT \(unsafeRaw: TaskRow.allColumns) FROM tasks WHERE asset_id IN (\(binds: assets.map(\.id))) ORDER BY position")
                .all().map { try TaskRow.decode($0, withAnswer: true) }
            var history: [String: [StageHistoryEntry]] = [:]
            if !tasks.isEmpty {
                for entry in try await db.raw("SELECT * FROM task_history WHERE task_id IN (\(binds: tasks.map(\.id))) ORDER BY completed_at, id")
                    .all().map(TaskRow.decodeHistory) {
                    history[entry.taskID, default: []].append(entry)
                }
            }
            let byAsset = Dictionary(grouping: tasks, by: \.assetID)
            return (assets.map { AssetWithTasks(asset: $0, tasks: byAsset[$0.id] ?? [], history: history) }, total)
        }
    }

    static func decodeAsset(_ row: any SQLRow) throws -> Asset {
        Asset(id: try row.string("id"), projectID: try row.string("project_id"), externalID: try row.string("external_id"),
              data: try row.string("data"), metadata: try row.json("metadata"), contextData: try row.json("context_data"),
              batches: try row.stringList("batches"), storage: try row.optionalString("storage"),
              attachments: try row.json("attachments"), isPreLabeled: try row.bool("is_prelabeled"),
              createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"))
    }

    public func delete(projectID: String, assetIDs: [String]) async throws -> Int {
        try await database.transaction { db in
            var deleted = 0
            try await IDChunks.each(assetIDs) { chunk in
                let taskIDs = try await db.raw("""
                    SELECT id FROM tasks WHERE project_id = \(bind: projectID) AND asset_id IN (\(binds: chunk))
                    """).all().map { try $0.string("id") }
                _ = try await TaskDeletion.delete(projectID: projectID, taskIDs: taskIDs, on: db)
                let existing = try await db.raw("""
                    SELECT COUNT(*) AS n FROM assets WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))
                    """).first()?.int("n") ?? 0
                try await db.raw("DELETE FROM assets WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").run()
                try await db.raw("UPDATE projects SET asset_count = asset_count - \(bind: Int64(existing)) WHERE id = \(bind: projectID)").run()
                deleted += existing
            }
            return deleted
        }
    }

    public func addBatches(projectID: String, assetIDs: [String], batchIDs: [String], at: Int64) async throws -> Int {
        try await database.transaction { db in
            var updated = 0
            try await IDChunks.each(assetIDs) { chunk in
                let rows = try await db.raw("SELECT id, batches FROM assets WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").all()
                for row in rows {
                    let id = try row.string("id")
                    var batches = try row.stringList("batches")
                    let added = batchIDs.filter { !batches.contains($0) }
                    guard !added.isEmpty else { updated += 1; continue }
                    batches += added
                    let text = JSONText.of(batches)
                    try await db.raw("UPDATE assets SET batches = \(bind: text), updated_at = \(bind: at) WHERE project_id = \(bind: projectID) AND id = \(bind: id)").run()
                    let tasks = try await db.raw("""
                        UPDATE tasks SET batches = \(bind: text), updated_at = \(bind: at) WHERE project_id = \(bind: projectID) AND asset_id = \(bind: id) RETURNING id, stage, position
                        """).all()
                    let links: [[SQLValue]] = try tasks.flatMap { task in
                        try added.map { [.text(projectID), .text($0), .text(try task.string("stage")), .int(try task.int64("position")), .text(try task.string("id"))] }
                    }
                    try await BulkInsert.run(db, table: "task_batches", columns: TaskRow.batchLinkColumns, rows: links, suffix: "ON CONFLICT DO NOTHING")
                    updated += 1
                }
            }
            return updated
        }
    }

    public func existingAssetIDs(projectID: String, ids: [String]) async throws -> Set<String> {
        try await database.read { db in
            var found = Set<String>()
            try await IDChunks.each(ids) { chunk in
                for row in try await db.raw("SELECT id FROM assets WHERE project_id = \(bind: projectID) AND id IN (\(binds: chunk))").all() {
                    found.insert(try row.string("id"))
                }
            }
            return found
        }
    }
}

import GlossCore
import SQLKit

extension SQLAssetStore {
    /// Default tasks of assets named by external id (index `assets_external`), id (primary key)
    /// or data URL (no index: a scan of the project's assets, as label import by URL is rare).
    public func labelTargets(projectID: String, externalIDs: [String], assetIDs: [String], dataURLs: [String]) async throws -> [LabelTarget] {
        try await database.read { db in
            var targets: [String: LabelTarget] = [:]
            for (column, keys) in [("a.external_id", externalIDs), ("a.id", assetIDs), ("a.data", dataURLs)] where !keys.isEmpty {
                try await IDChunks.each(Array(Set(keys))) { chunk in
                    let rows = try await db.raw("""
                        SELECT t.id AS task_id, a.id AS asset_id, a.external_id, a.data FROM assets a
                        JOIN tasks t ON t.asset_id = a.id AND t.project_id = a.project_id AND t.type = 'default'
                        WHERE a.project_id = \(bind: projectID) AND \(unsafeRaw: column) IN (\(binds: chunk))
                        """).all()
                    for row in rows {
                        let target = LabelTarget(taskID: try row.string("task_id"), assetID: try row.string("asset_id"),
                                                 externalID: try row.string("external_id"), data: try row.string("data"))
                        targets[target.taskID] = target
                    }
                }
            }
            return Array(targets.values)
        }
    }
}

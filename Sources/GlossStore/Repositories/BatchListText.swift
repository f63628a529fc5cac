import GlossCore
import SQLKit

/// Keeps the `batches` JSON copies on assets and tasks in step with batch changes.
enum BatchListText {
    /// Takes a removed batch out of every asset and task of the project that lists it.
    static func remove(_ batchID: String, projectID: String, on db: any SQLDatabase) async throws {
        let pattern = "%\"\(batchID)\"%"
        for table in ["assets", "tasks"] {
            let rows = try await db.raw("""
                SELECT id, batches FROM \(unsafeRaw: table) WHERE project_id = \(bind: projectID) AND batches LIKE \(bind: pattern)
                """).all()
            for row in rows {
                let kept = try row.stringList("batches").filter { $0 != batchID }
                try await db.raw("""
                    UPDATE \(unsafeRaw: table) SET batches = \(bind: JSONText.of(kept)) WHERE project_id = \(bind: projectID) AND id = \(bind: try row.string("id"))
                    """).run()
            }
        }
    }
}

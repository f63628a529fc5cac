import GlossCore
import SQLKit

/// The two views of the Tasks table that must stay fast at any size: the default one (newest
/// first, no filter) and the one narrowed to a batch (and stages). Both read positions from an
/// index and fetch only the page's rows.
extension SQLTaskStore {
    /// The default view (newest first, no filter) by position seek: the row at offset k is found
    /// from the project's position counter minus the deleted positions above it, so page 10,000
    /// costs the same as page 1.
    func newestFirst(_ query: TaskQuery, columns: String, on db: any SQLDatabase) async throws -> ([LabelTask], Int) {
        guard let counters = try await db.readRows("SELECT next_position, task_count FROM projects WHERE id = \(bind: query.projectID)").first else {
            return ([], 0)
        }
        let nextPosition = try counters.int64("next_position"), total = try counters.int64("task_count")
        let offset = Int64(query.page.offset)
        guard offset < total else { return ([], Int(total)) }
        let top = nextPosition - 1
        var start = top - offset
        if total != nextPosition {
            // Holes above `start` push it down; repeat until the count of holes above it settles.
            var settled = false
            for _ in 0..<8 {
                let holes = try await db.readRows("""
                    SELECT COUNT(*) AS n FROM task_position_holes WHERE project_id = \(bind: query.projectID) AND position > \(bind: start)
                    """).first?.int64("n") ?? 0
                let next = top - offset - holes
                if next == start { settled = true; break }
                start = next
            }
            // A long run of holes (many newest tasks deleted) moves `start` down by at most `offset`
            // per round; an unsettled `start` would repeat earlier rows, so find the row by OFFSET.
            if !settled {
                guard let row = try await db.raw("""
                    SELECT position FROM tasks WHERE project_id = \(bind: query.projectID)
                    ORDER BY position DESC LIMIT 1 OFFSET \(bind: offset)
                    """).first() else { return ([], Int(total)) }
                start = try row.int64("position")
            }
        }
        let rows = try await db.readRows("""
            SELECT \(unsafeRaw: columns) FROM tasks t WHERE t.project_id = \(bind: query.projectID) AND t.position <= \(bind: start)
            ORDER BY t.position DESC LIMIT \(bind: query.page.limit)
            """)
        return (try rows.map { try TaskRow.decode($0, withAnswer: query.includeAnswer) }, Int(total))
    }

    /// Batch (+ stage) filter, newest first: counted and paged on `task_batches`' primary key
    /// (project, batch, stage, position), then the page's tasks fetched by position.
    func newestInBatch(_ query: TaskQuery, _ filter: BatchStageFilter, columns: String, on db: any SQLDatabase) async throws -> ([LabelTask], Int) {
        var whereSQL: SQLQueryString = "tb.project_id = \(bind: query.projectID) AND tb.batch_id = \(bind: filter.batchID)"
        for stages in filter.stageSets { whereSQL += " AND tb.stage IN (\(binds: stages))" }
        let total = try await db.readRows("SELECT COUNT(*) AS n FROM task_batches tb WHERE " + whereSQL).first?.int("n") ?? 0
        let positions = try await db.readRows("SELECT tb.position FROM task_batches tb WHERE " + whereSQL
            + " ORDER BY tb.position DESC LIMIT \(bind: query.page.limit) OFFSET \(bind: query.page.offset)").map { try $0.int64("position") }
        guard !positions.isEmpty else { return ([], total) }
        let rows = try await db.readRows("""
            SELECT \(unsafeRaw: columns) FROM tasks t WHERE t.project_id = \(bind: query.projectID) AND t.position IN (\(binds: positions))
            ORDER BY t.position DESC
            """)
        return (try rows.map { try TaskRow.decode($0, withAnswer: query.includeAnswer) }, total)
    }
}

/// A filter made only of one batch (`$eq`, or `$in` with one id) and stage conditions (`$eq`/`$in`),
/// in the default order: the shape `newestInBatch` answers from the batch index.
struct BatchStageFilter {
    let batchID: String
    let stageSets: [[String]]

    init?(_ query: TaskQuery) {
        guard query.visibleTo == nil, query.sort.isEmpty || query.sort == [SortKey(.createdAt, descending: true)] else { return nil }
        var batch: String?
        var stages: [[String]] = []
        for condition in query.filter.conditions {
            switch (condition.field, condition.op, condition.value) {
            case (.batches, .eq, .string(let id)) where batch == nil: batch = id
            case (.batches, .in, .strings(let ids)) where ids.count == 1 && batch == nil: batch = ids[0]
            case (.stage, .eq, .string(let id)): stages.append([id])
            case (.stage, .in, .strings(let ids)) where !ids.isEmpty: stages.append(ids)
            default: return nil
            }
        }
        guard let batch else { return nil }
        batchID = batch
        stageSets = stages
    }
}

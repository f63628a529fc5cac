import GlossCore
import SQLKit

/// Turns the whitelisted filter AST into SQL with bound values. Column names come from this
/// file's table only; client text is always a bind.
enum TaskFilterSQL {
    static func column(_ field: TaskField) -> String {
        switch field {
        case .id: return "t.id"
        case .stage: return "t.stage"
        case .status: return "t.status"
        case .reviewStatus: return "t.review_status"
        case .type: return "t.type"
        case .assignee: return "t.assignee"
        case .externalId: return "t.external_id"
        case .createdBy: return "t.created_by"
        case .updatedBy: return "t.updated_by"
        case .createdAt: return "t.created_at"
        case .updatedAt: return "t.updated_at"
        case .priority: return "t.priority"
        case .openIssuesCount: return "t.open_issues_count"
        case .duration: return "t.duration"
        case .totalDuration: return "t.total_duration"
        case .isDraft: return "t.is_draft"
        case .isSkipped: return "t.is_skipped"
        case .isBenchmark: return "t.is_benchmark"
        case .consensusScore: return "t.consensus_score"
        case .asset: return "t.asset_id"
        case .batches: return "t.batches"
        }
    }

    /// The column a sort key orders by. `createdAt` orders by insertion position: the same order,
    /// unique, and indexed per project.
    static func sortColumn(_ field: TaskField) -> String { field == .createdAt ? "t.position" : column(field) }

    /// `AND`-joined conditions (starting with " AND "), or empty.
    static func conditions(_ filter: TaskFilter, backend: DatabaseBackend) -> SQLQueryString {
        var sql: SQLQueryString = ""
        for condition in filter.conditions { sql += " AND " + predicate(condition, backend: backend) }
        return sql
    }

    static func bindValue(_ value: FilterValue) -> any Encodable & Sendable {
        switch value {
        case .string(let s): return s
        case .number(let n): return n.rounded() == n && abs(n) < 9e15 ? Int64(n) as any Encodable & Sendable : n
        case .bool(let b): return b
        case .date(let ms): return ms
        case .strings(let list): return list
        case .numbers(let list): return list
        }
    }

    static func listBinds(_ value: FilterValue) -> [any Encodable & Sendable] {
        switch value {
        case .strings(let list): return list
        case .numbers(let list): return list.map { $0.rounded() == $0 ? Int64($0) as any Encodable & Sendable : $0 }
        default: return [bindValue(value)]
        }
    }

    static func predicate(_ c: FilterCondition, backend: DatabaseBackend) -> SQLQueryString {
        if c.field == .batches { return batchPredicate(c, backend: backend) }
        let col = column(c.field)
        let regexOp = backend == .postgres ? "~" : "REGEXP"
        switch c.op {
        case .eq: return "\(unsafeRaw: col) = \(bind: bindValue(c.value))"
        case .ne: return "(\(unsafeRaw: col) IS NULL OR \(unsafeRaw: col) <> \(bind: bindValue(c.value)))"
        case .gt: return "\(unsafeRaw: col) > \(bind: bindValue(c.value))"
        case .gte: return "\(unsafeRaw: col) >= \(bind: bindValue(c.value))"
        case .lt: return "\(unsafeRaw: col) < \(bind: bindValue(c.value))"
        case .lte: return "\(unsafeRaw: col) <= \(bind: bindValue(c.value))"
        case .in:
            let binds = listBinds(c.value)
            return binds.isEmpty ? "1 = 0" : "\(unsafeRaw: col) IN (\(binds: binds))"
        case .nin:
            let binds = listBinds(c.value)
            return binds.isEmpty ? "1 = 1" : "(\(unsafeRaw: col) IS NULL OR \(unsafeRaw: col) NOT IN (\(binds: binds)))"
        case .regex: return "\(unsafeRaw: col) \(unsafeRaw: regexOp) \(bind: bindValue(c.value))"
        case .exists:
            if case .bool(let exists) = c.value { return exists ? "\(unsafeRaw: col) IS NOT NULL" : "\(unsafeRaw: col) IS NULL" }
            return "1 = 1"
        }
    }

    /// Batch conditions go through `task_batches`: the positions of the project's tasks in a batch.
    static func batchPredicate(_ c: FilterCondition, backend: DatabaseBackend) -> SQLQueryString {
        let positions: SQLQueryString = "SELECT tb.position FROM task_batches tb WHERE tb.project_id = t.project_id"
        let regexOp = backend == .postgres ? "~" : "REGEXP"
        switch c.op {
        case .eq: return "t.position IN (" + positions + " AND tb.batch_id = \(bind: bindValue(c.value)))"
        case .ne: return "t.position NOT IN (" + positions + " AND tb.batch_id = \(bind: bindValue(c.value)))"
        case .in:
            let binds = listBinds(c.value)
            return binds.isEmpty ? "1 = 0" : "t.position IN (" + positions + " AND tb.batch_id IN (\(binds: binds)))"
        case .nin:
            let binds = listBinds(c.value)
            return binds.isEmpty ? "1 = 1" : "t.position NOT IN (" + positions + " AND tb.batch_id IN (\(binds: binds)))"
        case .regex: return "t.position IN (" + positions + " AND tb.batch_id \(unsafeRaw: regexOp) \(bind: bindValue(c.value)))"
        case .exists:
            if case .bool(false) = c.value { return "t.position NOT IN (" + positions + ")" }
            return "t.position IN (" + positions + ")"
        default: return "1 = 0"
        }
    }

    /// The `{taskIds, externalIds, assetIds, batches, fromStageIds}` selector as conditions.
    static func selector(_ s: TaskSelector) -> SQLQueryString {
        // Benchmark copies belong to the person they were served to: bulk actions never touch them.
        var sql: SQLQueryString = " AND t.type <> 'benchmark'"
        if s.matchesNothing { sql += " AND 1 = 0" }
        if !s.taskIDs.isEmpty { sql += " AND t.id IN (\(binds: s.taskIDs))" }
        if !s.externalIDs.isEmpty { sql += " AND t.external_id IN (\(binds: s.externalIDs))" }
        if !s.assetIDs.isEmpty { sql += " AND t.asset_id IN (\(binds: s.assetIDs))" }
        if !s.batches.isEmpty {
            sql += " AND t.position IN (SELECT tb.position FROM task_batches tb WHERE tb.project_id = t.project_id AND tb.batch_id IN (\(binds: s.batches)))"
        }
        if !s.fromStageIDs.isEmpty { sql += " AND t.stage IN (\(binds: s.fromStageIDs))" }
        return sql
    }
}

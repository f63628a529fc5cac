import GlossCore

/// Row -> `ExportRecord` mapping for the export queries. On SQLite's direct rows the columns are
/// read by position (looked up once per page), not by name: an export maps millions of rows.
struct ExportRecordRow {
    static let columns = ["id", "stage", "type", "batches", "created_at", "updated_at", "updated_by", "answer", "brush_data_url",
                          "medical_brush_data_url", "duration", "total_duration", "consensus_score", "consensus_details",
                          "asset_id", "data", "external_id", "metadata", "context_data"]
    private let indexes: [Int]?

    /// A mapper for the rows of one query result.
    init(first row: (any RowReader)?) {
        if let direct = row as? DirectRow {
            indexes = Self.columns.compactMap { name in direct.columns.names[name] }
            if indexes?.count != Self.columns.count { preconditionFailure("export query lacks a column") }
        } else {
            indexes = nil
        }
    }

    /// Batch lists repeat across a project (a few batches, many tasks): each distinct list text
    /// is parsed and named once per page.
    private final class BatchNames { var byText: [String: [String]] = ["[]": []] }
    private let batchCache = BatchNames()

    private func names(ofBatches text: String, selection: ExportSelection) throws -> [String] {
        if let known = batchCache.byText[text] { return known }
        let names = (try JSONParser.parse(text).arrayValue ?? []).compactMap(\.stringValue).map { id in selection.batchNames[id] ?? id }
        batchCache.byText[text] = names
        return names
    }

    func decode(_ row: any RowReader, selection: ExportSelection, history: [ExportHistoryRecord]) throws -> ExportRecord {
        let values = ColumnValues(row: row, indexes: indexes)
        let taskID = try values.string(0)
        let stage = try values.string(1)
        // Batch ids whose batch is gone keep their place as the id (as in webhook payloads).
        let batchNames = try names(ofBatches: try values.string(3), selection: selection)
        return ExportRecord(
            assetID: try values.string(14), assetURL: try values.string(15), externalID: try values.string(16),
            metadataJSON: try values.string(17), contextDataJSON: try values.string(18), batchNames: batchNames,
            taskID: taskID, stageID: stage, stageName: selection.stageNames[stage] ?? stage, taskType: try values.string(2),
            createdAt: try values.int64(4), updatedAt: try values.int64(5), updatedBy: try values.optionalString(6),
            answerJSON: try values.string(7), brushDataURL: try values.optionalString(8),
            medicalBrushDataURL: try values.optionalString(9), duration: try values.int64(10),
            totalDuration: try values.int64(11), consensusScore: try values.optionalDouble(12),
            consensusDetailsJSON: try values.optionalString(13),
            history: history)
    }

    /// Column access by position in `columns`: direct rows by index, other rows by name.
    private struct ColumnValues {
        let row: any RowReader
        let indexes: [Int]?

        func string(_ i: Int) throws -> String {
            if let indexes, let direct = row as? DirectRow, case .text(let s) = direct.values[indexes[i]] { return s }
            return try row.string(ExportRecordRow.columns[i])
        }
        func optionalString(_ i: Int) throws -> String? {
            if let indexes, let direct = row as? DirectRow {
                if case .text(let s) = direct.values[indexes[i]] { return s }
                return nil
            }
            return try row.optionalString(ExportRecordRow.columns[i])
        }
        func int64(_ i: Int) throws -> Int64 {
            if let indexes, let direct = row as? DirectRow, case .int(let v) = direct.values[indexes[i]] { return v }
            return try row.int64(ExportRecordRow.columns[i])
        }
        func optionalDouble(_ i: Int) throws -> Double? { try row.optionalDouble(ExportRecordRow.columns[i]) }
    }
}

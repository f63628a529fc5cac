import GlossCore

/// Row -> `ExportRecord` mapping for the export page query.
enum ExportRecordRow {
    static func decode(_ row: any RowReader, selection: ExportSelection,
                       history: inout [String: [ExportHistoryRecord]]) throws -> ExportRecord {
        let taskID = try row.string("id")
        let stage = try row.string("stage")
        // Batch ids whose batch is gone keep their place as the id (as in webhook payloads).
        let batchNames = try row.stringList("batches").map { id in selection.batchNames[id] ?? id }
        return ExportRecord(
            assetID: try row.string("asset_id"), assetURL: try row.string("data"), externalID: try row.string("external_id"),
            metadataJSON: try row.string("metadata"), contextDataJSON: try row.string("context_data"), batchNames: batchNames,
            taskID: taskID, stageID: stage, stageName: selection.stageNames[stage] ?? stage, taskType: try row.string("type"),
            createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"), updatedBy: try row.optionalString("updated_by"),
            answerJSON: try row.string("answer"), brushDataURL: try row.optionalString("brush_data_url"),
            medicalBrushDataURL: try row.optionalString("medical_brush_data_url"), duration: try row.int64("duration"),
            totalDuration: try row.int64("total_duration"), consensusScore: try row.optionalDouble("consensus_score"),
            consensusDetailsJSON: try row.optionalString("consensus_details"),
            history: history.removeValue(forKey: taskID) ?? [])
    }
}

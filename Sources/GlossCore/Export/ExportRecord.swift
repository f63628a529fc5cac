/// One exported task with its asset, as the export reads it from the store.
///
/// JSON columns stay raw text (`...JSON`): the Ango formats splice them into the output without
/// parsing, which is what keeps a million-task export fast. Formats that need the values (COCO,
/// YOLO, VOC, CSV) parse them with `JSONParser`.
public struct ExportRecord: Sendable, Hashable {
    /// Asset id.
    public var assetID: String
    /// Asset URL (or inline text).
    public var assetURL: String
    /// The client's asset identifier (not unique).
    public var externalID: String
    /// Asset metadata as stored, e.g. `{"width":640,"height":480}`.
    public var metadataJSON: String
    /// Asset context data as stored (an object).
    public var contextDataJSON: String
    /// Names of the task's batches, in the task's order.
    public var batchNames: [String]
    /// Task id.
    public var taskID: String
    /// Stage id the task is in.
    public var stageID: String
    /// That stage's display name.
    public var stageName: String
    /// `default`, `consensus` or `benchmark`.
    public var taskType: String
    /// Creation time of the task, epoch ms.
    public var createdAt: Int64
    /// Last update, epoch ms.
    public var updatedAt: Int64
    /// Email of the last editor.
    public var updatedBy: String?
    /// The answer as stored: `{"tools":[...],"classifications":[...],"relations":[...]}` (maybe more keys).
    public var answerJSON: String
    /// Brush PNG URL.
    public var brushDataURL: String?
    /// Voxel brush NRRD URL.
    public var medicalBrushDataURL: String?
    /// Time in the current stage, ms.
    public var duration: Int64
    /// Time over all stages, ms.
    public var totalDuration: Int64
    /// Consensus score 0–100, for tasks that left a Consensus stage.
    public var consensusScore: Double?
    /// Per-class consensus details as stored (a JSON array), if any.
    public var consensusDetailsJSON: String?
    /// Stage history, oldest first (empty unless the export asked for history).
    public var history: [ExportHistoryRecord]

    /// Creates a record.
    public init(assetID: String, assetURL: String, externalID: String, metadataJSON: String, contextDataJSON: String,
                batchNames: [String], taskID: String, stageID: String, stageName: String, taskType: String,
                createdAt: Int64, updatedAt: Int64, updatedBy: String?, answerJSON: String, brushDataURL: String?,
                medicalBrushDataURL: String?, duration: Int64, totalDuration: Int64, consensusScore: Double?,
                consensusDetailsJSON: String?, history: [ExportHistoryRecord]) {
        self.assetID = assetID; self.assetURL = assetURL; self.externalID = externalID; self.metadataJSON = metadataJSON
        self.contextDataJSON = contextDataJSON; self.batchNames = batchNames; self.taskID = taskID; self.stageID = stageID
        self.stageName = stageName; self.taskType = taskType; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.updatedBy = updatedBy; self.answerJSON = answerJSON; self.brushDataURL = brushDataURL
        self.medicalBrushDataURL = medicalBrushDataURL; self.duration = duration; self.totalDuration = totalDuration
        self.consensusScore = consensusScore; self.consensusDetailsJSON = consensusDetailsJSON; self.history = history
    }
}

/// One stage the task left (spec §8.4), answer as stored.
public struct ExportHistoryRecord: Sendable, Hashable {
    /// Stage id.
    public var stageID: String
    /// Stage name at the time.
    public var stageName: String
    /// Time spent, ms.
    public var duration: Int64
    /// When the task left the stage, epoch ms.
    public var completedAt: Int64
    /// Who submitted (nil for automatic forwards).
    public var completedBy: String?
    /// The answer as it left the stage (raw JSON text).
    public var answerJSON: String

    /// Creates a history record.
    public init(stageID: String, stageName: String, duration: Int64, completedAt: Int64, completedBy: String?, answerJSON: String) {
        self.stageID = stageID; self.stageName = stageName; self.duration = duration; self.completedAt = completedAt
        self.completedBy = completedBy; self.answerJSON = answerJSON
    }
}

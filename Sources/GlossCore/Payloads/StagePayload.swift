/// The JSON bodies Gloss POSTs out of Webhook and Plugin stages. Pure functions of the stored
/// project, stage, asset, task and history: a retry rebuilds the body from the task as it is then.
public enum StagePayload {
    /// The Webhook stage body (spec §8.5): the exported asset plus `projectId`, the full
    /// `categorySchema`, `overlay: []`, batch ids in `batches` and their names in `batchNames`,
    /// and a `task` whose `stage` is the webhook stage's id (as Ango's sample shows).
    public static func webhook(project: Project, stage: Stage, asset: Asset, task: LabelTask,
                               history: [StageHistoryEntry]) -> JSONValue {
        .object([
            "projectId": .string(project.id),
            "categorySchema": project.categorySchema,
            "asset": .string(asset.data),
            "assetId": .string(asset.id),
            "dataset": dataset(of: asset),
            "overlay": .array([]),
            "externalId": .string(asset.externalID),
            "metadata": asset.metadata,
            "contextData": asset.contextData,
            "batches": .array(task.batches.map { .string($0) }),
            // Names line up with `batches`; an id no longer in the project keeps its place as itself.
            "batchNames": .array(task.batches.map { .string(project.batch(idOrName: $0)?.name ?? $0) }),
            "task": webhookTask(task, stage: stage, history: history),
        ])
    }

    /// The `task` member of the webhook body.
    static func webhookTask(_ task: LabelTask, stage: Stage, history: [StageHistoryEntry]) -> JSONValue {
        var object: [String: JSONValue] = [
            "type": .string(task.type.rawValue),
            "taskId": .string(task.id),
            "stage": .string(stage.id),
            "stageId": .string(stage.id),
            "stageName": .string(stage.name),
            "updatedAt": .string(ISODate.format(millis: task.updatedAt)),
            "updatedBy": task.updatedBy.map(JSONValue.string) ?? .null,
            "duration": .int(task.duration),
            "totalDuration": .int(task.totalDuration),
            // Gloss measures active time only; blur and idle time are not tracked separately.
            "blurDuration": 0, "idleDuration": 0, "totalBlurDuration": 0, "totalIdleDuration": 0,
            "brushDataUrl": task.brushDataURL.map(JSONValue.string) ?? .null,
            "medicalBrushDataUrl": task.medicalBrushDataURL.map(JSONValue.string) ?? .null,
            "stageHistory": .array(history.map(historyEntry)),
        ]
        answerParts(task.answer, into: &object)
        if let score = task.consensusScore { object["consensusScore"] = .double(score) }
        return .object(object)
    }

    /// One `stageHistory` entry (spec §8.4); `completedBy` is absent for automatic forwards.
    static func historyEntry(_ entry: StageHistoryEntry) -> JSONValue {
        var object: [String: JSONValue] = [
            "stage": .string(entry.stageName),
            "stageId": .string(entry.stageID),
            "duration": .int(entry.duration),
            "completedAt": .string(ISODate.format(millis: entry.completedAt)),
        ]
        if let by = entry.completedBy { object["completedBy"] = .string(by) }
        answerParts(entry.answer, into: &object)
        return .object(object)
    }

    /// Copies `tools`, `classifications` and `relations` (each `[]` when absent) out of an answer.
    static func answerParts(_ answer: JSONValue, into object: inout [String: JSONValue]) {
        for key in ["tools", "classifications", "relations"] {
            object[key] = answer[key].flatMap { $0.arrayValue.map(JSONValue.array) } ?? .array([])
        }
    }

    /// Page URLs of a multi-page asset: Gloss has no such asset type, so this is the
    /// `metadata.dataset` list when an import supplied one, else `[]`.
    static func dataset(of asset: Asset) -> JSONValue {
        guard let pages = asset.metadata["dataset"]?.arrayValue, pages.allSatisfy({ $0.stringValue != nil }) else { return .array([]) }
        return .array(pages)
    }
}

extension StagePayload {
    /// The Plugin stage body (spec §10, W8): what Ango's `plugin` event carries to a model plugin
    /// in workflow mode. `session` identifies this dispatch; `apiKey` is a key scoped to
    /// `POST /annotate/{taskId}?isPlugin=true` for this task; `runBy` is who moved the task here.
    public static func plugin(project: Project, stage: Stage, asset: Asset, task: LabelTask, session: String,
                              runBy: String, apiKey: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "workflow": true,
            "session": .string(session),
            "taskId": .string(task.id),
            "projectId": .string(project.id),
            "orgId": .string(project.organizationID),
            "runBy": .string(runBy),
            "apiKey": .string(apiKey),
            "configJSON": .string(PluginTarget.configText(of: stage)),
            "overwrite": .bool(PluginTarget.overwrite(of: stage)),
            "batches": .array(task.batches.map { .string($0) }),
            "dataUrl": .string(asset.data),
            "asset": .string(asset.data),
            "assetId": .string(asset.id),
            "externalId": .string(asset.externalID),
            "categorySchema": project.categorySchema,
            "stageId": .string(stage.id),
        ]
        if let pluginID = stage.raw["pluginId"]?.stringValue { object["pluginId"] = .string(pluginID) }
        return .object(object)
    }
}

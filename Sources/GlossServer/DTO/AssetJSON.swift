import GlossCore

/// The wire form of assets, with their tasks and each task's stage history (iMerit's own
/// plugins read `assets[0].labelTasks[0].stageHistory`).
enum AssetJSON {
    static func write(_ item: AssetWithTasks, organizationID: String, stageNames: [String: String], to w: inout JSONWriter) {
        let a = item.asset
        w.beginObject()
        w.key("_id"); w.string(a.id)
        w.key("project"); w.string(a.projectID)
        w.key("organization"); w.string(organizationID)
        w.key("externalId"); w.string(a.externalID)
        w.key("data"); w.string(a.data)
        w.key("metadata"); w.value(a.metadata)
        w.key("contextData"); w.value(a.contextData)
        w.key("batches"); w.strings(a.batches)
        w.key("storage"); w.string(a.storage)
        w.key("attachments"); w.value(a.attachments)
        w.key("isPreLabeled"); w.bool(a.isPreLabeled)
        w.key("createdAt"); w.string(ISODate.format(millis: a.createdAt))
        w.key("updatedAt"); w.string(ISODate.format(millis: a.updatedAt))
        w.key("labelTasks"); w.beginArray()
        let taskJSON = TaskJSON(fields: nil, includeAnswer: true, organizationID: organizationID, stageNames: stageNames)
        for task in item.tasks {
            taskJSON.write(task, to: &w) { w in
                w.key("stageHistory"); w.beginArray()
                for entry in item.history[task.id] ?? [] { TaskJSON.writeHistory(entry, organizationID: organizationID, to: &w) }
                w.endArray()
            }
        }
        w.endArray()
        w.endObject()
    }
}

import GlossCore

/// The wire form of tasks (Ango's LabelTask), with optional field projection.
struct TaskJSON {
    /// Fields to write; nil writes all. `_id`, `project` and `asset` are always written.
    var fields: Set<String>?
    /// Whether to write `answer`.
    var includeAnswer: Bool
    /// Organization id, written as `organization`.
    var organizationID: String
    /// Stage names by id, for `stageName`.
    var stageNames: [String: String]

    private func wants(_ field: String) -> Bool { fields?.contains(field) ?? true }

    /// Writes the task; `extra` adds members at the end of its object (the assets list's stageHistory).
    func write(_ t: LabelTask, to w: inout JSONWriter, extra: (inout JSONWriter) -> Void = { _ in }) {
        w.beginObject()
        w.key("_id"); w.string(t.id)
        w.key("project"); w.string(t.projectID)
        w.key("asset"); w.string(t.assetID)
        if wants("organization") { w.key("organization"); w.string(organizationID) }
        if wants("externalId") { w.key("externalId"); w.string(t.externalID) }
        if wants("stage") { w.key("stage"); w.string(t.stage) }
        if wants("stageName") { w.key("stageName"); w.string(stageNames[t.stage] ?? t.stage) }
        if wants("status") { w.key("status"); w.string(t.status.rawValue) }
        if wants("reviewStatus") { w.key("reviewStatus"); w.string(t.reviewStatus) }
        if wants("type") { w.key("type"); w.string(t.type.rawValue) }
        if wants("assignee") { w.key("assignee"); w.string(t.assignee) }
        if wants("batches") { w.key("batches"); w.strings(t.batches) }
        if wants("priority") { w.key("priority"); w.int(t.priority) }
        if includeAnswer { w.key("answer"); w.value(t.answer) }
        if wants("brushDataUrl") { w.key("brushDataUrl"); w.string(t.brushDataURL) }
        if wants("medicalBrushDataUrl") { w.key("medicalBrushDataUrl"); w.string(t.medicalBrushDataURL) }
        if wants("duration") { w.key("duration"); w.int(t.duration) }
        if wants("totalDuration") { w.key("totalDuration"); w.int(t.totalDuration) }
        if wants("consensusScore") { w.key("consensusScore"); w.double(t.consensusScore) }
        if wants("consensusDetailed"), let details = t.consensusDetails { w.key("consensusDetailed"); w.value(details) }
        if wants("parentTask"), let parent = t.parentTaskID { w.key("parentTask"); w.string(parent) }
        if wants("requeuedAt"), let at = t.requeuedAt { w.key("requeuedAt"); w.date(millis: at) }
        if wants("openIssuesCount") { w.key("openIssuesCount"); w.int(t.openIssuesCount) }
        if wants("isDraft") { w.key("isDraft"); w.bool(t.isDraft) }
        if wants("isSkipped") { w.key("isSkipped"); w.bool(t.isSkipped) }
        if wants("isBenchmark") { w.key("isBenchmark"); w.bool(t.isBenchmark) }
        if wants("createdBy") { w.key("createdBy"); w.string(t.createdBy) }
        if wants("updatedBy") { w.key("updatedBy"); w.string(t.updatedBy) }
        if wants("createdAt") { w.key("createdAt"); w.date(millis: t.createdAt) }
        if wants("updatedAt") { w.key("updatedAt"); w.date(millis: t.updatedAt) }
        if wants("completedAt") { w.key("completedAt"); w.date(millis: t.completedAt) }
        extra(&w)
        w.endObject()
    }

    static func writeHistory(_ h: StageHistoryEntry, organizationID: String, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(h.id)
        w.key("id"); w.string(h.id)
        w.key("labelTaskId"); w.string(h.taskID)
        w.key("labelTask"); w.string(h.taskID)
        w.key("project"); w.string(h.projectID)
        w.key("organization"); w.string(organizationID)
        w.key("asset"); w.string(h.assetID)
        w.key("stage"); w.string(h.stageName)
        w.key("stageId"); w.string(h.stageID)
        w.key("answer"); w.value(h.answer)
        w.key("duration"); w.int(h.duration)
        w.key("completedAt"); w.string(ISODate.format(millis: h.completedAt))
        w.key("completedBy"); w.string(h.completedBy)
        if let r = h.reviewStatus { w.key("reviewStatus"); w.string(r) }
        w.key("rework"); w.bool(h.rework)
        w.key("createdAt"); w.string(ISODate.format(millis: h.completedAt))
        w.endObject()
    }
}

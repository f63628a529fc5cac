import GlossCore

/// The wire form of projects (Ango's Project object).
enum ProjectJSON {
    static func write(_ p: Project, caller: User?, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(p.id)
        w.key("name"); w.string(p.name)
        w.key("description"); w.string(p.description)
        w.key("type"); w.string(p.type.rawValue)
        w.key("owner"); w.string(p.owner)
        w.key("organization"); w.string(p.organizationID)
        w.key("categorySchema"); w.value(p.categorySchema)
        // Webhook and plugin secrets are for those who may change the workflow.
        w.key("stages"); w.value(caller.map { p.allows(.editSettings, for: $0) } ?? false ? p.workflow.json : redactedStages(p.workflow.json))
        w.key("assignedTo"); w.beginArray()
        for m in p.members { w.beginObject(); w.key("assignee"); w.string(m.assignee); w.key("role"); w.string(m.role.rawValue); w.endObject() }
        w.endArray()
        w.key("batches"); w.beginArray()
        for b in p.batches { writeBatch(b, to: &w) }
        w.endArray()
        w.key("assetCount"); w.int(p.assetCount)
        w.key("assetBuilderTemplates"); w.beginArray(); w.endArray()
        if let caller { w.key("role"); w.string(role(of: caller, in: p)) }
        for key in p.settings.values.keys.sorted() { w.key(key); w.value(p.settings.values[key]!) }
        w.key("deleted"); w.bool(p.deleted)
        w.key("createdAt"); w.string(ISODate.format(millis: p.createdAt))
        w.key("updatedAt"); w.string(ISODate.format(millis: p.updatedAt))
        w.endObject()
    }

    static func writeBatch(_ b: Batch, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(b.id)
        w.key("name"); w.string(b.name)
        if let d = b.description { w.key("description"); w.string(d) }
        if let c = b.color { w.key("color"); w.string(c) }
        w.endObject()
    }

    /// The caller's role in the project: org admins act as Manager everywhere.
    static func role(of user: User, in p: Project) -> String {
        p.role(of: user)?.rawValue ?? ""
    }

    static func writeSummary(_ s: ProjectSummary, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(s.id)
        w.key("name"); w.string(s.name)
        w.key("description"); w.string(s.description)
        w.key("organization"); w.string(s.organizationID)
        w.key("createdAt"); w.string(ISODate.format(millis: s.createdAt))
        w.endObject()
    }

    static let secretKeys: Set<String> = ["secret", "token", "password", "apiKey", "authorization"]

    /// The stages with every secret-like key (at the top of a stage or one object down, e.g.
    /// `webhook.secret`, `plugin.secret`) replaced by null.
    static func redactedStages(_ stages: JSONValue) -> JSONValue {
        func redact(_ value: JSONValue, depth: Int) -> JSONValue {
            guard var object = value.objectValue else { return value }
            for (key, field) in object {
                if secretKeys.contains(key) { object[key] = .null } else if depth < 2 { object[key] = redact(field, depth: depth + 1) }
            }
            return .object(object)
        }
        return .array((stages.arrayValue ?? []).map { redact($0, depth: 0) })
    }
}

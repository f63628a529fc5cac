/// Writes Ango Hub's Issue object. The API and the issue export share it; the export adds the
/// populated `asset`.
public struct IssueJSON: Sendable {
    /// Display names by email, for `contentMentions: [{userEmail, userName}]`.
    public var names: [String: String]
    /// Stage names by id (`stageName`).
    public var stageNames: [String: String]

    /// Creates a writer.
    public init(names: [String: String], stageNames: [String: String]) { self.names = names; self.stageNames = stageNames }

    /// Every email an issue mentions or is written by (to look names up once).
    public static func emails(of issues: [Issue]) -> Set<String> {
        var all = Set<String>()
        for issue in issues {
            all.formUnion(issue.mentions)
            all.insert(issue.createdBy)
            for c in issue.comments { all.formUnion(c.mentions); all.insert(c.createdBy) }
        }
        return all
    }

    /// Writes one issue; `asset` (issue export) writes the populated asset instead of its id.
    public func write(_ issue: Issue, asset: ((inout JSONWriter) -> Void)? = nil, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_id"); w.string(issue.id)
        w.key("content"); w.string(issue.content)
        w.key("project"); w.string(issue.projectID)
        w.key("organization"); w.string(issue.organizationID)
        w.key("labelTask"); w.string(issue.taskID)
        w.key("asset")
        if let asset { asset(&w) } else { w.string(issue.assetID) }
        w.key("stage"); w.string(issue.stageID)
        w.key("stageId"); w.string(issue.stageID)
        w.key("stageName"); w.string(issue.stageID.flatMap { stageNames[$0] })
        w.key("status"); w.string(issue.status.rawValue)
        w.key("createdBy"); w.string(issue.createdBy)
        w.key("createdAt"); w.date(millis: issue.createdAt)
        w.key("updatedBy"); w.string(issue.updatedBy)
        w.key("updatedAt"); w.date(millis: issue.updatedAt)
        w.key("resolvedBy"); w.string(issue.resolvedBy)
        w.key("resolvedAt"); w.date(millis: issue.resolvedAt)
        let location = issue.location
        w.key("objectId"); w.string(location.objectID)
        w.key("position"); w.string(location.position)
        w.key("page"); if let v = location.page { w.int(v) } else { w.null() }
        w.key("pageEnd"); if let v = location.pageEnd { w.int(v) } else { w.null() }
        w.key("dataIndex"); if let v = location.dataIndex { w.int(v) } else { w.null() }
        w.key("plane"); w.string(location.plane)
        w.key("errorCodes"); w.beginArray()
        for code in issue.errorCodes {
            w.beginObject()
            w.key("category"); w.string(code.category)
            w.key("name"); w.string(code.name)
            if let key = code.key { w.key("key"); w.string(key) }
            w.endObject()
        }
        w.endArray()
        // The legacy single-code fields carry the first code.
        w.key("errorType"); w.string(issue.errorCodes.first?.category)
        w.key("errorCode"); w.string(issue.errorCodes.first?.name)
        w.key("pctDetails"); if let details = issue.pctDetails { w.value(details) } else { w.null() }
        w.key("contentMentions"); writeMentions(issue.mentions, to: &w)
        w.key("comments"); w.beginArray()
        for c in issue.comments {
            w.beginObject()
            w.key("_id"); w.string(c.id)
            w.key("content"); w.string(c.content)
            w.key("createdBy"); w.string(c.createdBy)
            w.key("createdAt"); w.date(millis: c.createdAt)
            w.key("updatedAt"); w.date(millis: c.createdAt)
            w.key("contentMentions"); writeMentions(c.mentions, to: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    func writeMentions(_ emails: [String], to w: inout JSONWriter) {
        w.beginArray()
        for email in emails {
            w.beginObject()
            w.key("userEmail"); w.string(email)
            w.key("userName"); w.string(names[email] ?? email)
            w.endObject()
        }
        w.endArray()
    }
}

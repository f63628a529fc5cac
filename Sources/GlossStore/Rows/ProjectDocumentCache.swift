import GlossCore
import Synchronization

/// The parsed JSON documents of recently read projects (schema, workflow, settings, members,
/// batches), keyed by the exact stored text. Every labeling request reads its project; parsing
/// those documents was a tenth of a submit's cost. The text is still read from the row each time,
/// so a change by any server is seen at once: a different text is simply parsed again.
final class ProjectDocumentCache: Sendable {
    struct Documents: Sendable {
        let texts: [String]
        let schema: JSONValue
        let workflow: Workflow
        let settings: ProjectSettings
        let members: [ProjectMember]
        let batches: [Batch]
    }

    private let entries = Mutex<[String: Documents]>([:])
    private let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    /// The parsed documents for these texts (schema, stages, settings, members, batches).
    func documents(projectID: String, texts: [String]) throws -> Documents {
        if let cached = entries.withLock({ $0[projectID] }), cached.texts == texts { return cached }
        let parsed = Documents(
            texts: texts, schema: try JSONParser.parse(texts[0]),
            workflow: Workflow(stages: (try JSONParser.parse(texts[1]).arrayValue ?? []).compactMap { $0.objectValue.map(Stage.init(raw:)) }),
            settings: ProjectSettings(stored: try JSONParser.parse(texts[2]).objectValue ?? [:]),
            members: try ProjectJSONColumns.members(JSONParser.parse(texts[3])),
            batches: try ProjectJSONColumns.batches(JSONParser.parse(texts[4])))
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[projectID] = parsed
        }
        return parsed
    }
}

/// The tasks one export reads, resolved against the project: what the store filters on and the
/// names it fills in.
public struct ExportSelection: Sendable, Hashable {
    /// Project id.
    public var projectID: String
    /// Stage ids; nil means every stage.
    public var stageIDs: [String]?
    /// Batch ids; a task in any of them is exported. Empty means every task.
    public var batchIDs: [String]
    /// Task types.
    public var taskTypes: [TaskType]
    /// Task creation window.
    public var createdAt: TimeWindow
    /// Task update window.
    public var updatedAt: TimeWindow
    /// Only these task ids, when set.
    public var taskIDs: [String]?
    /// Whether records carry stage history.
    public var includeHistory: Bool
    /// Stage name by id, for `stage` in the export (the id stands in for stages since removed).
    public var stageNames: [String: String]
    /// Batch name by id.
    public var batchNames: [String: String]

    /// Resolves options against a project: batch names become ids; unknown batches or stages are refused.
    public init(project: Project, options: ExportOptions) throws {
        projectID = project.id
        stageNames = Dictionary(project.workflow.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        batchNames = Dictionary(project.batches.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        if let stages = options.stageIDs {
            for id in stages where stageNames[id] == nil { throw DomainError.invalid("stage: project has no stage \(id)") }
        }
        stageIDs = options.stageIDs
        batchIDs = try options.batches.map { key in
            guard let batch = project.batch(idOrName: key) else { throw DomainError.invalid("batches: project has no batch \(key)") }
            return batch.id
        }
        taskTypes = options.taskTypes
        createdAt = options.createdAt
        updatedAt = options.updatedAt
        includeHistory = options.includeHistory
        taskIDs = options.taskIDs
    }

    /// The export's name for a stored stage id.
    public func stageName(of id: String) -> String { stageNames[id] ?? id }

    /// Names of the batches in a stored batch list (a JSON array of ids; unknown ids stay ids).
    public func batchNames(ofStored list: String) throws -> [String] {
        (try JSONParser.parse(list).arrayValue ?? []).compactMap(\.stringValue).map { id in batchNames[id] ?? id }
    }
}

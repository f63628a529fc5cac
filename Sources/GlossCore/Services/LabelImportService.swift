/// What a label import did.
public struct LabelImportSummary: Sendable, Hashable {
    /// Items given.
    public var items: Int
    /// Items whose labels landed.
    public var imported: Int
    /// Tasks written (an external id shared by several assets labels each of them).
    public var tasks: Int
    /// Items refused, by position in the list, with the reason.
    public var errors: [ItemError]

    /// One refused item.
    public struct ItemError: Sendable, Hashable {
        /// Position in the list (0-based).
        public var index: Int
        /// What is wrong with it.
        public var message: String
    }

    /// Ango's answer text: `"<n> / <m> tasks are labeled."`.
    public var message: String { "\(imported) / \(items) tasks are labeled." }
}

/// `POST /import/labels`: writes imported answers onto existing tasks (spec T10, D2).
public struct LabelImportService: Sendable {
    let projects: ProjectService
    let assets: any AssetStore
    let workflow: any WorkflowStore
    let clock: any GlossClock
    let ids: any IDGenerator
    let random: any RandomSource

    /// Creates the service.
    public init(projects: ProjectService, assets: any AssetStore, workflow: any WorkflowStore, clock: any GlossClock, ids: any IDGenerator,
                random: any RandomSource) {
        self.projects = projects; self.assets = assets; self.workflow = workflow; self.clock = clock; self.ids = ids; self.random = random
    }

    /// Checks every item, then writes the valid ones in ONE transaction: each target task's
    /// answer is replaced, its asset marked pre-labeled, and `status: "Completed"` items move
    /// their task to the Complete stage (with a history entry for the stage it leaves). Invalid
    /// items are reported by position and write nothing. Managers and org admins only.
    public func importLabels(projectID: String, items: [JSONValue], by user: User) async throws -> LabelImportSummary {
        let project = try await projects.require(projectID, for: user)
        try project.require(.editSettings, for: user, doing: "import labels")
        var errors: [LabelImportSummary.ItemError] = []
        var parsed: [(index: Int, item: LabelImportItem, answer: JSONValue)] = []
        for (index, value) in items.enumerated() {
            do {
                let item = try LabelImportItem.parse(value)
                parsed.append((index, item, try ImportedAnswer.prepare(item.answer, schema: project.categorySchema, ids: ids)))
            } catch let error as DomainError {
                errors.append(.init(index: index, message: error.message))
            }
        }
        var keys: (external: [String], asset: [String], data: [String]) = ([], [], [])
        for entry in parsed {
            switch entry.item.target {
            case .externalID(let id): keys.external.append(id)
            case .assetID(let id): keys.asset.append(id)
            case .data(let url): keys.data.append(url)
            }
        }
        let targets = try await assets.labelTargets(projectID: project.id, externalIDs: keys.external, assetIDs: keys.asset, dataURLs: keys.data)
        // Later items win over earlier ones for the same task, as if imported one by one.
        var labels: [String: (answer: JSONValue, item: LabelImportItem)] = [:]
        var assetByTask: [String: String] = [:]
        var imported = 0
        // Each target under every key an item may name it by: one lookup per item.
        var byKey: [LabelImportItem.Target: [LabelTarget]] = [:]
        for target in targets {
            for key in [LabelImportItem.Target.externalID(target.externalID), .assetID(target.assetID), .data(target.data)] {
                byKey[key, default: []].append(target)
            }
        }
        for entry in parsed {
            let matches = byKey[entry.item.target] ?? []
            guard !matches.isEmpty else {
                errors.append(.init(index: entry.index, message: "no asset in this project matches \(Self.describe(entry.item.target))"))
                continue
            }
            imported += 1
            for target in matches {
                labels[target.taskID] = (entry.answer, entry.item)
                assetByTask[target.taskID] = target.assetID
            }
        }
        try await write(labels, assets: assetByTask, project: project, by: user)
        return LabelImportSummary(items: items.count, imported: imported, tasks: labels.count,
                                  errors: errors.sorted { a, b in a.index < b.index })
    }

    private func write(_ labels: [String: (answer: JSONValue, item: LabelImportItem)], assets: [String: String],
                       project: Project, by user: User) async throws {
        guard !labels.isEmpty else { return }
        let now = ISODate.millis(clock.now())
        let engine = WorkflowEngine(project: project, now: now, ids: ids, random: random)
        let complete = project.workflow.stages.first { stage in stage.type == .complete }
        var selector = TaskSelector()
        selector.taskIDs = Array(labels.keys)
        _ = try await workflow.workMany(projectID: project.id, selector: selector) { tasks in
            var changes = TaskChangeSet()
            for original in tasks {
                guard let label = labels[original.id] else { continue }
                var task = original
                task.answer = label.answer
                if let brush = label.item.brushDataURL { task.brushDataURL = brush }
                task.updatedAt = now
                task.updatedBy = user.email
                if label.item.completes, let complete, task.stage != complete.id {
                    changes.history.append(engine.snapshot(task, by: user.email))
                    task = try engine.enter(task, stageID: complete.id, context: RoutingContext(), changes: &changes)
                }
                changes.update(task)
                if let asset = assets[task.id] { changes.preLabeledAssetIDs.append(asset) }
            }
            return changes
        }
    }

    static func describe(_ target: LabelImportItem.Target) -> String {
        switch target {
        case .externalID(let id): return "externalId \(id)"
        case .assetID(let id): return "assetId \(id)"
        case .data(let url): return "data \(url)"
        }
    }
}

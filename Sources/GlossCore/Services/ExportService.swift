/// Exports: checks who may export what, and streams the selected tasks through a formatter
/// page by page. The server's export jobs and `gloss export` both run `write`.
public struct ExportService: Sendable {
    let projects: ProjectService
    let store: any ExportStore
    let issueStore: any IssueStore
    let assetStore: any AssetStore
    let identity: any IdentityStore
    let clock: any GlossClock
    let ids: any IDGenerator

    /// A checked export request.
    public struct Plan: Sendable {
        /// The project.
        public let project: Project
        /// The options as asked.
        public let options: ExportOptions
        /// The tasks they select.
        public let selection: ExportSelection
    }

    /// Creates the service.
    public init(projects: ProjectService, store: any ExportStore, issueStore: any IssueStore, assetStore: any AssetStore,
                identity: any IdentityStore, clock: any GlossClock, ids: any IDGenerator) {
        self.projects = projects; self.store = store; self.issueStore = issueStore; self.assetStore = assetStore; self.identity = identity
        self.clock = clock; self.ids = ids
    }

    /// Checks that `user` may export the project (Managers and org admins, spec D3) and resolves the options.
    public func plan(projectID: String, options: ExportOptions, user: User) async throws -> Plan {
        let project = try await projects.require(projectID, for: user, to: .export)
        return Plan(project: project, options: options, selection: try ExportSelection(project: project, options: options))
    }

    /// Records a new running job for a plan.
    public func startJob(_ plan: Plan, user: User) async throws -> ExportJob {
        let now = ISODate.millis(clock.now())
        let job = ExportJob(id: ids.next(), projectID: plan.project.id, requestedBy: user.email, format: plan.options.format,
                            state: .running, total: 0, done: 0, bytes: 0, error: nil, createdAt: now, updatedAt: now)
        try await store.insertExportJob(job)
        return job
    }

    /// A job by id, for someone who may see its project.
    public func job(id: String, user: User) async throws -> ExportJob {
        guard let job = try await store.exportJob(id: id) else { throw DomainError.notFound("export \(id) not found") }
        _ = try await projects.require(job.projectID, for: user, to: .export)
        return job
    }

    /// A job by id without a user check: signed downloads carry their own proof.
    public func job(id: String) async throws -> ExportJob? { try await store.exportJob(id: id) }

    /// Saves a job's progress or end.
    public func save(_ job: ExportJob) async throws {
        var job = job
        job.updatedAt = ISODate.millis(clock.now())
        try await store.updateExportJob(job)
    }

    /// Writes a `type=issue` export: the project's issues (oldest first) as a JSON array, or one
    /// per line for NDJSON, each with its asset populated (`{_id, externalId, batches}`, batch names).
    public func writeIssues(_ plan: Plan, output: any ExportOutput, progress: (Int, Int) async throws -> Void) async throws -> Int {
        let issues = try await issueStore.all(projectID: plan.project.id)
        try await progress(0, issues.count)
        let ndjson = plan.options.format == .ndjson
        try output.startFile(ndjson ? "issues.ndjson" : "issues.json")
        var names: [String: String] = [:]
        for email in IssueJSON.emails(of: issues) { names[email] = try await identity.user(email: email)?.name }
        let json = IssueJSON(names: names, stageNames: Dictionary(plan.project.workflow.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        var assets: [String: Asset] = [:]
        if !ndjson { try output.write(Array("[".utf8)) }
        for (index, issue) in issues.enumerated() {
            if assets[issue.assetID] == nil, let asset = try await assetStore.asset(projectID: plan.project.id, id: issue.assetID) {
                assets[issue.assetID] = asset
            }
            let asset = assets[issue.assetID]
            let batchNames = (asset?.batches ?? []).map { plan.project.batch(idOrName: $0)?.name ?? $0 }
            if !ndjson && index > 0 { try output.write(Array(",".utf8)) }
            var w = JSONWriter()
            json.write(issue, asset: { w in
                w.beginObject()
                w.key("_id"); w.string(issue.assetID)
                w.key("externalId"); w.string(asset?.externalID)
                w.key("batches"); w.strings(batchNames)
                w.endObject()
            }, to: &w)
            try output.write(w.bytes)
            if ndjson { try output.write(Array("\n".utf8)) }
        }
        if !ndjson { try output.write(Array("]".utf8)) }
        try await progress(issues.count, issues.count)
        return issues.count
    }

    /// Streams the plan's tasks through `formatter` into `output`, reading `pageSize` tasks at a
    /// time (the next page is read while the current one is written). Calls `progress(done, total)`
    /// after every page; returns the number of tasks exported.
    public func write(_ plan: Plan, formatter: some ExportFormatter, output: any ExportOutput, pageSize: Int = 1000,
                      progress: (Int, Int) async throws -> Void) async throws -> Int {
        var formatter = formatter
        let total = try await store.exportCount(plan.selection)
        try await progress(0, total)
        var exported = 0
        let store = self.store
        let selection = plan.selection
        for pass in 0..<formatter.passes {
            try formatter.begin(pass: pass, output: output)
            var page = try await store.exportPage(selection, after: Int64.min, limit: pageSize)
            var passCount = 0
            while let last = page.last {
                async let next = store.exportPage(selection, after: last, limit: pageSize)
                for record in page.records { try formatter.add(record, pass: pass, output: output) }
                passCount += page.records.count
                try await progress(min(total, (pass * total + passCount) / formatter.passes), total)
                page = try await next
            }
            exported = passCount
            try formatter.finish(pass: pass, output: output)
        }
        return exported
    }
}

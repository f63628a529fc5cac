/// The domain services, wired to their ports. Built once by the composition root (server, CLI,
/// tests) and shared; every service is a value type over Sendable ports.
public struct GlossServices: Sendable {
    /// Identity: bootstrap, users, API-key authentication.
    public let identity: IdentityService
    /// Projects, batches, members.
    public let projects: ProjectService
    /// Asset import, listing, deletion, batch assignment.
    public let assets: AssetService
    /// Task listing and bulk task changes.
    public let tasks: TaskService
    /// Queues, labeling, review, requeue and forwarding.
    public let workflow: WorkflowService
    /// Label import (`/import/labels`).
    public let labelImport: LabelImportService
    /// Exports (Ango JSON/NDJSON and the standard formats).
    public let exports: ExportService
    /// Organization members and invites.
    public let organization: OrganizationService
    /// Overview metrics and performance.
    public let metrics: MetricsService
    /// Storages (bucket connections).
    public let storages: StorageService
    /// Issues on tasks.
    public let issues: IssueService
    /// In-app notifications.
    public let notifications: NotificationService
    /// The outbox and stage logs (webhooks, plugins).
    public let outbox: any OutboxStore
    /// Task store (read access for payloads and the editor).
    public let taskStore: any TaskStore
    /// Asset store (read access for payloads and the editor).
    public let assetStore: any AssetStore
    /// Id source.
    public let ids: any IDGenerator
    /// Time source.
    public let clock: any GlossClock

    /// Wires the services.
    public init(identityStore: any IdentityStore, inviteStore: any InviteStore, memberStore: any MemberStore, projectStore: any ProjectStore, assetStore: any AssetStore,
                taskStore: any TaskStore, workflowStore: any WorkflowStore, outboxStore: any OutboxStore, exportStore: any ExportStore,
                issueStore: any IssueStore, notificationStore: any NotificationStore, metricsStore: any MetricsStore, storageStore: any StorageStore, secrets: any SecretBox, hasher: any SecretHasher, passwords: any PasswordHasher, clock: any GlossClock, ids: any IDGenerator, random: any RandomSource = SystemRandomSource()) {
        identity = IdentityService(store: identityStore, invites: inviteStore, hasher: hasher, passwords: passwords, clock: clock, ids: ids)
        organization = OrganizationService(identity: identity, users: identityStore, members: memberStore, projects: projectStore, clock: clock)
        projects = ProjectService(store: projectStore, identity: identityStore, clock: clock, ids: ids)
        assets = AssetService(projects: projects, store: assetStore, tasks: taskStore, clock: clock, ids: ids, random: random)
        notifications = NotificationService(store: notificationStore, identity: identityStore, clock: clock, ids: ids)
        tasks = TaskService(projects: projects, store: taskStore, identity: identityStore, clock: clock, notifications: notifications)
        workflow = WorkflowService(projects: projects, store: workflowStore, clock: clock, ids: ids, random: random)
        labelImport = LabelImportService(projects: projects, assets: assetStore, workflow: workflowStore, clock: clock, ids: ids,
                                         random: random)
        exports = ExportService(projects: projects, store: exportStore, issueStore: issueStore, assetStore: assetStore, identity: identityStore,
                                clock: clock, ids: ids)
        issues = IssueService(projects: projects, tasks: tasks, store: issueStore, identity: identityStore, clock: clock, ids: ids)
        metrics = MetricsService(projects: projects, store: metricsStore, identity: identityStore)
        storages = StorageService(store: storageStore, secrets: secrets, clock: clock, ids: ids)
        outbox = outboxStore
        self.taskStore = taskStore
        self.assetStore = assetStore
        self.ids = ids
        self.clock = clock
    }
}

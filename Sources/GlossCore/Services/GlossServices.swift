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

    /// Wires the services.
    public init(identityStore: any IdentityStore, projectStore: any ProjectStore, assetStore: any AssetStore,
                taskStore: any TaskStore, hasher: any SecretHasher, clock: any GlossClock, ids: any IDGenerator) {
        identity = IdentityService(store: identityStore, hasher: hasher, clock: clock, ids: ids)
        projects = ProjectService(store: projectStore, clock: clock, ids: ids)
        assets = AssetService(projects: projects, store: assetStore, clock: clock, ids: ids)
        tasks = TaskService(projects: projects, store: taskStore, identity: identityStore, clock: clock)
    }
}

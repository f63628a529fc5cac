import GlossCore
import Logging

/// The SQL implementations of every GlossCore port, over one database.
public struct GlossStores: Sendable {
    /// The database.
    public let database: any GlossDatabase
    /// Organizations and users.
    public let identity: SQLIdentityStore
    /// Projects.
    public let projects: SQLProjectStore
    /// Assets.
    public let assets: SQLAssetStore
    /// Tasks.
    public let tasks: SQLTaskStore
    /// Queue claims and workflow steps.
    public let workflow: SQLWorkflowStore
    /// Webhook and plugin outbox, stage logs.
    public let outbox: SQLOutboxStore
    /// Export pages and export jobs.
    public let exports: SQLExportStore
    /// Server-wide settings.
    public let settings: ServerSettingsStore
    /// Issues.
    public let issues: SQLIssueStore
    /// In-app notifications.
    public let notifications: SQLNotificationStore
    /// Overview metrics and performance.
    public let metrics: SQLMetricsStore
    /// Storages.
    public let storages: SQLStorageStore

    /// Builds the stores over `database`.
    public init(database: any GlossDatabase) {
        self.database = database
        identity = SQLIdentityStore(database: database)
        projects = SQLProjectStore(database: database)
        assets = SQLAssetStore(database: database)
        tasks = SQLTaskStore(database: database)
        workflow = SQLWorkflowStore(database: database)
        outbox = SQLOutboxStore(database: database)
        exports = SQLExportStore(database: database)
        settings = ServerSettingsStore(database: database)
        issues = SQLIssueStore(database: database)
        notifications = SQLNotificationStore(database: database)
        metrics = SQLMetricsStore(database: database)
        storages = SQLStorageStore(database: database)
    }

    /// Opens the database at `location` and migrates it to the newest schema.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> GlossStores {
        let database = try await location.open(logger: logger)
        do {
            try await Migrator(database: database, logger: logger).migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return GlossStores(database: database)
    }
}

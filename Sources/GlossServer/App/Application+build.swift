import Foundation
import GlossCore
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The one composition root: `gloss serve` and the router tests build the same application.
/// `onRunning` receives the bound port (useful with port 0). The outbox worker (webhooks,
/// plugin dispatch) runs beside the server as a service unless `config.outbox.runsWorker` is off.
public func buildApplication(config: ServerConfig, runtime: GlossRuntime, logger: Logger,
                             onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    let signal = OutboxSignal()
    let router = buildRouter(config: config, runtime: runtime, outboxSignal: signal)
    var services: [any Service] = []
    if config.outbox.runsWorker {
        services.append(OutboxWorker(runtime: runtime, config: config.outbox, signal: signal, logger: logger))
    }
    return Application(
        router: router,
        server: .http1OnEventLoops(group: MultiThreadedEventLoopGroup.singleton),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Gloss"),
        services: services,
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? config.port) },
        logger: logger)
}

/// All routes: /health, signed /files, /auth (web sign-in), the /v2 API behind the API key or the
/// session cookie, and the static UI.
/// Successful API writes poke `outboxSignal`, so a queued webhook leaves at once.
public func buildRouter(config: ServerConfig, runtime: GlossRuntime, outboxSignal: OutboxSignal? = nil) -> Router<GlossRequestContext> {
    let router = Router(context: GlossRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    if let publicDirectory = config.publicDirectory {
        router.add(middleware: FileMiddleware(publicDirectory, searchForIndexHtml: true))
    }
    router.get("health") { _, _ in JSONResponse.bytes(Array(#"{"status":"ok"}"#.utf8)) }

    let services = runtime.services
    let files = FileController(services: services, blobs: LocalBlobStore(root: config.filesDirectory),
                               signer: URLSigner(secretHex: runtime.signingSecret, clock: runtime.clock), config: config)
    files.addFileRoutes(to: router)
    let exports = ExportController(services: services,
                                   jobs: ExportJobs(services: services, filesRoot: config.filesDirectory, logger: Logger(label: "gloss.export")),
                                   signer: URLSigner(secretHex: runtime.signingSecret, clock: runtime.clock), config: config)
    exports.addDownloadRoute(to: router)

    let caches = AuthCaches()
    let auth = AuthMiddleware(identity: services.identity, pluginTokens: PluginTokenSigner(secret: runtime.signingSecret),
                              clock: runtime.clock, caches: caches)
    AuthController(identity: services.identity, caches: caches, config: config)
        .addRoutes(open: router.group("auth"), signedIn: router.group("auth").add(middleware: auth))

    let api = router.group("v2").add(middleware: auth)
    if let outboxSignal { api.add(middleware: OutboxWakeUpMiddleware(signal: outboxSignal)) }
    ProjectController(services: services, maxJSONBytes: config.maxJSONBytes, filesDirectory: config.filesDirectory).addRoutes(to: api)
    AssetController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    TaskController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    LabelingController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    WorkflowController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    LabelImportController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    IssueController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    NotificationController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    OrganizationController(services: services, config: config, caches: caches).addRoutes(to: api)
    MetricsController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    StorageController(services: services, maxJSONBytes: config.maxJSONBytes).addRoutes(to: api)
    files.addAPIRoutes(to: api)
    exports.addAPIRoutes(to: api)
    return router
}

import GlossCore
import Hummingbird

/// Managers' workflow actions: requeue, manual forward, plugin and webhook re-runs, stage logs,
/// and the label validation settings.
struct WorkflowController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.requeue, use: requeue)
        group.on(.forward, use: forward)
        group.on(.rerunPlugin, use: rerunPlugin)
        group.on(.rerunWebhook, use: rerunWebhook)
        group.on(.stageLogs, use: stageLogs)
        group.on(.labelValidation, use: labelValidation)
    }

    /// The route's project, once the caller may do `action` there (checked before the body is read), and the body.
    func projectAndBody(_ request: Request, _ context: GlossRequestContext, to action: ProjectAction,
                        doing: String? = nil) async throws -> (Project, JSONValue, User) {
        let user = try context.requireUser()
        let project = try await services.projects.require(try context.pathParameter("id"), for: user, to: action, doing: doing)
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard body.objectValue != nil else { throw DomainError.invalid("body must be a JSON object") }
        return (project, body, user)
    }

    static func stageID(_ body: JSONValue) throws -> String {
        guard let id = body["stageId"]?.stringValue ?? body["stage"]?.stringValue, !id.isEmpty else {
            throw DomainError.invalid("stageId is required")
        }
        return id
    }

    /// `{toStageId, filters, options}` -> `{modifiedCount: {modified, toStageId}}`.
    @Sendable func requeue(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let (project, body, user) = try await projectAndBody(request, context, to: .manageTasks, doing: "requeue tasks")
        guard let toStageID = body["toStageId"]?.stringValue, !toStageID.isEmpty else { throw DomainError.invalid("toStageId is required") }
        var selector = try TaskSelector.parse(body["filters"])
        selector.batches = selector.batches.map { project.batch(idOrName: $0)?.id ?? $0 }
        let options = try RequeueOptions.parse(body["options"])
        let modified = try await services.workflow.requeue(project, toStageID: toStageID, selector: selector, options: options, by: user)
        return JSONResponse.success { w in
            w.key("modifiedCount"); w.beginObject()
            w.key("modified"); w.int(modified); w.key("toStageId"); w.string(toStageID)
            w.endObject()
        }
    }

    /// `{stageId, batches?}` -> `{forwarded: n}` (Start and Hold stages).
    @Sendable func forward(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let (project, body, user) = try await projectAndBody(request, context, to: .editSettings, doing: "forward tasks")
        let batches = try (body["batches"].map { try TaskService.stringList($0, field: "batches") }) ?? []
        let count = try await services.workflow.forward(project, stageID: try Self.stageID(body), batches: batches, by: user)
        return JSONResponse.success { w in w.key("forwarded"); w.int(count) }
    }

    /// `{stageId}` -> `{dispatched: n}`: every task waiting in the Plugin stage goes to the plugin again.
    @Sendable func rerunPlugin(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let (project, body, user) = try await projectAndBody(request, context, to: .editSettings, doing: "re-run plugins")
        let count = try await services.workflow.rerunPlugin(project, stageID: try Self.stageID(body), by: user)
        return JSONResponse.success { w in w.key("dispatched"); w.int(count) }
    }

    /// `{stageId}` -> `{resent: n}`: the webhook fires again for every task that passed the stage.
    @Sendable func rerunWebhook(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let (project, body, _) = try await projectAndBody(request, context, to: .editSettings, doing: "re-run webhooks")
        let stageID = try Self.stageID(body)
        guard project.workflow.stage(id: stageID)?.type == .webhook else { throw DomainError.invalid("stage \(stageID) is not a Webhook stage of this project") }
        let count = try await services.outbox.resend(projectID: project.id, stageID: stageID, kind: .webhook,
                                                     now: ISODate.millis(services.clock.now()), ids: services.ids)
        return JSONResponse.success { w in w.key("resent"); w.int(count) }
    }

    /// `?stageId=&limit=` -> `{logs: [{date, status, statusCode, externalId, taskId, message}]}`, newest first.
    @Sendable func stageLogs(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let project = try await services.projects.require(try context.pathParameter("id"), for: user)
        guard let stageID = request.query["stageId"], project.workflow.stage(id: stageID) != nil else {
            throw DomainError.invalid("stageId must name a stage of this project")
        }
        let limit = try request.query.int("limit", default: 100)
        guard (1...1000).contains(limit) else { throw DomainError.invalid("limit must be from 1 to 1000") }
        let logs = try await services.outbox.logs(projectID: project.id, stageID: stageID, limit: limit)
        return JSONResponse.success { w in
            w.key("logs"); w.beginArray()
            for log in logs {
                w.beginObject()
                w.key("date"); w.string(ISODate.format(millis: log.at))
                w.key("status"); w.string(log.ok ? "success" : "error")
                w.key("statusCode"); if let code = log.statusCode { w.int(code) } else { w.null() }
                w.key("externalId"); w.string(log.externalID)
                w.key("taskId"); w.string(log.taskID)
                w.key("message"); w.string(log.message)
                w.endObject()
            }
            w.endArray()
        }
    }

    /// `{customValidationEnabled, validationFunction, externalValidation}`: stored on the project;
    /// the editor runs the function on Save and Submit.
    @Sendable func labelValidation(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let (project, body, user) = try await projectAndBody(request, context, to: .editSettings, doing: "change label validation")
        var update: [String: JSONValue] = [:]
        for key in ["customValidationEnabled", "validationFunction", "externalValidation"] { if let v = body[key] { update[key] = v } }
        guard !update.isEmpty else { throw DomainError.invalid("body needs customValidationEnabled, validationFunction or externalValidation") }
        let updated = try await services.projects.update(project.id, with: .object(update), by: user)
        return JSONResponse.success { w in
            w.key("customValidationEnabled"); w.bool(updated.settings.bool("customValidationEnabled"))
            w.key("validationFunction"); w.value(updated.settings.values["validationFunction"] ?? .null)
        }
    }
}

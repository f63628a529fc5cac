import GlossCore
import Hummingbird

/// The labeling loop: queue claims, Save / Submit / Skip from the editor, the SDK's annotate and
/// review routes.
struct LabelingController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.queueNext, use: next)
        group.on(.saveTask, use: save)
        group.on(.submitTask, use: submit)
        group.on(.skipTask, use: skip)
        group.on(.annotate, use: annotate)
        group.on(.review, use: review)
    }

    /// 200 `{task, asset}` with the claimed task, or 204 when no queue has work for the caller.
    @Sendable func next(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        let kindText = body["kind"]?.stringValue ?? "label"
        guard let kind = QueueKind(rawValue: kindText) else { throw DomainError.invalid("kind must be label or review, got \(kindText)") }
        guard let (task, project) = try await services.workflow.next(try context.pathParameter("id"), kind: kind, by: user) else {
            return Response(status: .noContent)
        }
        let asset = try await services.assetStore.asset(projectID: project.id, id: task.assetID)
        return JSONResponse.success(capacity: 4096) { w in
            w.key("task"); Self.json(project).write(task, to: &w)
            w.key("asset")
            if let asset {
                AssetJSON.write(AssetWithTasks(asset: asset, tasks: [], history: [:]), organizationID: project.organizationID,
                                stageNames: [:], to: &w)
            } else {
                w.null()
            }
        }
    }

    @Sendable func save(_ request: Request, context: GlossRequestContext) async throws -> Response {
        try await work(request, context) { id, body, project, user in try await services.workflow.save(id, body: body.work, project: project, by: user) }
    }

    @Sendable func submit(_ request: Request, context: GlossRequestContext) async throws -> Response {
        try await work(request, context) { id, body, project, user in try await services.workflow.submit(id, body: body.work, project: project, by: user) }
    }

    @Sendable func skip(_ request: Request, context: GlossRequestContext) async throws -> Response {
        try await work(request, context) { id, _, project, user in try await services.workflow.skip(id, project: project, by: user) }
    }

    /// `POST /annotate/{taskId}?nextStage=&isPlugin=`: answers `{label: task}` as Ango Hub does.
    @Sendable func annotate(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let nextStage = try request.query.bool("nextStage", default: false)
        let isPlugin = try request.query.bool("isPlugin", default: false)
        return try await work(request, context, key: "label") { id, body, project, user in
            try await services.workflow.annotate(id, body: body.work, nextStage: nextStage, isPlugin: isPlugin, project: project, by: user)
        }
    }

    /// `POST /review/{taskId}` `{reviewStatus, answer?, duration?, issue?}`. With `Rejected`,
    /// `issue` (`{content, errorCodes?, objectId? | position..., contentMentions?}`) opens an issue
    /// in the same step ("Open Issue & Reject").
    @Sendable func review(_ request: Request, context: GlossRequestContext) async throws -> Response {
        try await work(request, context) { id, body, project, user in
            try project.require(.review, for: user)
            guard let text = body.raw["reviewStatus"]?.stringValue, let status = ReviewStatus(rawValue: text) else {
                throw DomainError.invalid("reviewStatus must be one of Accepted, Rejected, Todo, Fixed")
            }
            var issue: Issue?
            var notices: [AppNotification] = []
            if let value = body.raw["issue"], !value.isNull {
                guard status == .rejected else { throw DomainError.invalid("an issue can only be opened with reviewStatus Rejected") }
                let draft = try IssueInput.draft(value, requireTask: false)
                let (task, _) = try await services.tasks.get(id, by: user)
                let made = try await services.issues.makeIssue(draft, task: task, project: project, by: user)
                notices = try await services.issues.mentionNotices(made.mentions, issue: made, by: user, replied: false)
                issue = made
            }
            // The rejection, the issue and its mentions' notifications are one transaction.
            return try await services.workflow.review(id, status: status, body: body.work, project: project, by: user,
                                                      openingIssue: issue, notices: notices)
        }
    }

    struct ParsedBody { let raw: JSONValue; let work: WorkBody }

    /// Common shape of the task routes: find the task's project (404 if not visible), parse the
    /// body, run the step, answer the task.
    func work(_ request: Request, _ context: GlossRequestContext, key: String = "task",
              _ body: @Sendable (String, ParsedBody, Project, User) async throws -> LabelTask) async throws -> Response {
        let user = try context.requireUser()
        let taskID = try context.pathParameter("id")
        let raw = try await request.jsonBody(limit: maxJSONBytes)
        let project = try await services.tasks.project(ofTask: taskID, by: user)
        let parsed = ParsedBody(raw: raw, work: try WorkBody.parse(raw, ids: services.ids))
        let task = try await body(taskID, parsed, project, user)
        return JSONResponse.success(capacity: 2048) { w in w.key(key); Self.json(project).write(task, to: &w) }
    }

    static func json(_ project: Project) -> TaskJSON {
        TaskJSON(fields: nil, includeAnswer: true, organizationID: project.organizationID, stageNames: TaskController.stageNames(project))
    }
}

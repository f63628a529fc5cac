import GlossCore
import Hummingbird

/// Who may call a route. Project routes name the `ProjectAction` the service checks against the
/// caller's role in that project (non-members get 404); organization routes are checked here,
/// before the handler runs.
public enum RouteAccess: Sendable, Hashable {
    /// Any signed-in user (their own data).
    case signedIn
    /// An organization-level action.
    case org(OrgAction)
    /// A project-level action, in the project the route names.
    case project(ProjectAction)
}

/// Every `/v2` route with the access it needs: the route × role table of docs/permissions.md
/// (`gloss permissions`) and of the test that walks every route with every role. Controllers
/// register routes only through `RouterGroup.on(_:use:)`, so the table and the router agree.
public enum APIRoute: String, Sendable, CaseIterable {
    case listProjects, createProject, getProject, updateProject, deleteProject, addMembers, batches, cloneProject, purgeProject,
         benchmarkTasks
    case importCloud, listAssets, deleteAssets, assignBatches, uploadURL, signedURL
    case listTasks, deleteTasks, updatePriority, getTask, taskHistory, historyEntry, assignTask
    case queueNext, saveTask, submitTask, skipTask, annotate, review
    case requeue, forward, rerunPlugin, rerunWebhook, stageLogs, labelValidation, importLabels
    case export, exportPost, exportV3, exportStatus
    case listIssues, createIssue, getIssue, updateIssue, commentIssue, deleteIssue
    case sendNotification, listNotifications, readNotifications
    case listMembers, updateMembers, removeMembers, listInvites, createInvites, deleteInvites
    case overviewMetric, performance
    case listStorages, createStorage, deleteStorage, listStorageFiles

    /// HTTP method.
    public var method: HTTPRequest.Method {
        switch self {
        case .listProjects, .getProject, .listAssets, .uploadURL, .signedURL, .listTasks, .getTask, .taskHistory, .historyEntry,
             .stageLogs, .export, .exportV3, .exportStatus, .listIssues, .getIssue, .listNotifications, .listMembers, .listInvites, .overviewMetric,
             .listStorages, .listStorageFiles:
            return .get
        case .deleteProject, .deleteAssets, .deleteTasks, .deleteIssue, .removeMembers, .deleteInvites, .deleteStorage:
            return .delete
        default:
            return .post
        }
    }

    /// Path under /v2, with Hummingbird `:parameters`.
    public var path: String {
        switch self {
        case .listProjects: return "listProjects"
        case .createProject: return "project"
        case .getProject, .updateProject, .deleteProject: return "project/:id"
        case .addMembers: return "project/:id/assigned"
        case .batches: return "batches/:id"
        case .cloneProject: return "project/:id/clone"
        case .purgeProject: return "project/:id/purge"
        case .benchmarkTasks: return "project/:id/benchmark-tasks"
        case .importCloud: return "project/:id/cloud"
        case .listAssets, .deleteAssets: return "project/:id/assets"
        case .assignBatches: return "assignBatches"
        case .uploadURL: return "getUploadUrl"
        case .signedURL: return "getSignedUrl"
        case .listTasks, .deleteTasks: return "project/:id/tasks"
        case .updatePriority: return "project/:id/updatePriority"
        case .getTask: return "task/:id"
        case .taskHistory: return "task/:id/history"
        case .historyEntry: return "taskHistory/:id"
        case .assignTask: return "task/assign"
        case .queueNext: return "project/:id/queue/next"
        case .saveTask: return "task/:id/save"
        case .submitTask: return "task/:id/submit"
        case .skipTask: return "task/:id/skip"
        case .annotate: return "annotate/:id"
        case .review: return "review/:id"
        case .requeue: return "project/:id/requeueTasks"
        case .forward: return "project/:id/forward"
        case .rerunPlugin: return "project/:id/plugin/rerun"
        case .rerunWebhook: return "project/:id/rerun-webhook"
        case .stageLogs: return "project/:id/stage-logs"
        case .labelValidation: return "project/:id/labelValidation"
        case .importLabels: return "import/labels"
        case .export, .exportPost: return "export"
        case .exportV3: return "exportV3"
        case .exportStatus: return "exports/:id"
        case .listIssues, .createIssue: return "issues"
        case .getIssue, .updateIssue, .deleteIssue: return "issues/:id"
        case .commentIssue: return "issues/:id/comment"
        case .sendNotification, .listNotifications: return "notifications"
        case .readNotifications: return "notifications/read"
        case .listMembers, .updateMembers, .removeMembers: return "organization/:orgId/users"
        case .listInvites, .createInvites, .deleteInvites: return "organization/:orgId/invites"
        case .overviewMetric: return ":id/overview/:metric"
        case .performance: return "performance/:id"
        case .listStorages, .createStorage: return "storages"
        case .deleteStorage: return "storages/:id"
        case .listStorageFiles: return "storages/:id/files"
        }
    }

    /// Who may call it.
    public var access: RouteAccess {
        switch self {
        case .listProjects, .listNotifications, .readNotifications: return .signedIn
        case .createProject, .sendNotification, .listMembers, .listStorages: return .org(.member)
        case .updateMembers, .removeMembers, .listInvites, .createInvites, .deleteInvites, .createStorage, .deleteStorage, .listStorageFiles:
            return .org(.administer)
        case .getProject, .listAssets, .signedURL, .listTasks, .getTask, .taskHistory, .historyEntry, .stageLogs, .listIssues, .getIssue,
             .overviewMetric:
            return .project(.view)
        case .queueNext, .saveTask, .submitTask, .skipTask, .annotate: return .project(.label)
        case .createIssue, .updateIssue, .commentIssue, .deleteIssue: return .project(.raiseIssues)
        case .review: return .project(.review)
        case .batches, .importCloud, .deleteAssets, .assignBatches, .uploadURL, .deleteTasks, .updatePriority, .assignTask, .requeue:
            return .project(.manageTasks)
        case .benchmarkTasks: return .project(.setBenchmarks)
        case .addMembers: return .project(.manageMembers)
        case .performance: return .project(.viewPerformance)
        case .export, .exportPost, .exportV3, .exportStatus: return .project(.export)
        case .updateProject, .deleteProject, .cloneProject, .purgeProject, .forward, .rerunPlugin, .rerunWebhook, .labelValidation,
             .importLabels:
            return .project(.editSettings)
        }
    }

    /// What the table adds in words, where a route's rule has more to it than its action.
    public var note: String? {
        switch self {
        case .updateIssue, .deleteIssue: return "own issues; anyone's needs Lead (manageIssues)"
        case .listIssues, .getIssue: return "a Labeler sees the issues they opened or are mentioned in, and those of tasks they hold"
        case .listTasks, .getTask: return "a Labeler sees the tasks they hold or worked on"
        case .listAssets: return "a Labeler: by asset _id, the assets of tasks they hold or worked on"
        case .signedURL: return "export zips need export; storage objects: org admins, or name the project (a Labeler also the task)"
        case .getProject: return "webhook and plugin secrets only for editSettings"
        case .queueNext: return "kind=review needs Reviewer"
        case .submitTask, .saveTask: return "a task held by someone else needs Lead"
        case .listProjects: return "the projects the caller is a member of (all, for org admins)"
        case .addMembers: return "a Lead may not grant Manager"
        default: return nil
        }
    }
}

extension RouterGroup where Context == GlossRequestContext {
    /// Registers a catalogued route. Organization-level access is checked here; project-level
    /// access by the service, which knows the project.
    @discardableResult
    func on(_ route: APIRoute, use handler: @escaping @Sendable (Request, GlossRequestContext) async throws -> Response) -> Self {
        on(RouterPath(route.path), method: route.method) { request, context in
            if case .org(let action) = route.access { try context.requireUser().require(action) }
            return try await handler(request, context)
        }
    }
}

import GlossCore
import Hummingbird

/// `POST /import/labels`: answers for existing assets, by externalId, assetId or data URL.
struct LabelImportController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.importLabels, use: importLabels)
    }

    /// `{project, jsonContent | labels: [...]}` -> `{project: "<n> / <m> tasks are labeled.", imported, tasks, errors}`.
    @Sendable func importLabels(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await request.jsonBody(limit: maxJSONBytes)
        guard let project = body["project"]?.stringValue, !project.isEmpty else { throw DomainError.invalid("project is required") }
        _ = try await services.projects.require(project, for: user, to: .editSettings, doing: "import labels")
        // The SDK sends `jsonContent`; the OpenAPI example uses `labels`.
        guard let items = (body["jsonContent"] ?? body["labels"])?.arrayValue else {
            throw DomainError.invalid("jsonContent (or labels) must be a list of label items")
        }
        let summary = try await services.labelImport.importLabels(projectID: project, items: items, by: user)
        return JSONResponse.success { w in
            w.key("project"); w.string(summary.message)
            w.key("imported"); w.int(summary.imported)
            w.key("tasks"); w.int(summary.tasks)
            w.key("errors"); w.beginArray()
            for error in summary.errors {
                w.beginObject(); w.key("index"); w.int(error.index); w.key("message"); w.string(error.message); w.endObject()
            }
            w.endArray()
        }
    }
}

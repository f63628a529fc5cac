import GlossCore
import Hummingbird

/// Overview metrics (`GET /{projectId}/overview/{metric}`) and the performance report.
struct MetricsController {
    let services: GlossServices
    let maxJSONBytes: Int

    func addRoutes(to group: RouterGroup<GlossRequestContext>) {
        group.on(.overviewMetric, use: overview)
        group.on(.performance, use: performance)
    }

    /// `{metric, <the metric's fields>}`.
    @Sendable func overview(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let name = try context.pathParameter("metric")
        let value = try await services.metrics.overview(try context.pathParameter("id"), metric: name, by: try context.requireUser())
        return JSONResponse.success { w in
            w.key("metric"); w.string(name)
            for (key, field) in (value.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) { w.key(key); w.value(field) }
        }
    }

    /// `{performance: [{email, name, submitted, reviewed, accepted, rejected, ...}]}`.
    @Sendable func performance(_ request: Request, context: GlossRequestContext) async throws -> Response {
        let rows = try await services.metrics.performance(try context.pathParameter("id"), body: try await request.jsonBody(limit: maxJSONBytes),
                                                          by: try context.requireUser())
        return JSONResponse.success(capacity: 256 + rows.count * 300) { w in
            w.key("performance"); w.beginArray()
            for r in rows {
                w.beginObject()
                w.key("email"); w.string(r.email)
                w.key("name"); w.string(r.name)
                w.key("submitted"); w.int(r.submitted)
                w.key("reviewed"); w.int(r.reviewed)
                w.key("accepted"); w.int(r.accepted)
                w.key("rejected"); w.int(r.rejected)
                w.key("acceptedByReview"); w.int(r.acceptedByReview)
                w.key("rejectedByReview"); w.int(r.rejectedByReview)
                w.key("labelingTime"); w.int(r.labelingMillis)
                w.key("reviewingTime"); w.int(r.reviewingMillis)
                w.key("averageLabelingTime"); w.int(r.submitted > 0 ? r.labelingMillis / Int64(r.submitted) : 0)
                w.key("issuesOpened"); w.int(r.issuesOpened)
                w.key("benchmarkScore"); w.double(r.benchmarkScore)
                w.key("benchmarkCount"); w.int(r.benchmarkCount)
                w.endObject()
            }
            w.endArray()
        }
    }
}

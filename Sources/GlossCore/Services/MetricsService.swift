import Foundation

/// Project overview metrics and the per-person performance report.
public struct MetricsService: Sendable {
    let projects: ProjectService
    let store: any MetricsStore
    let identity: any IdentityStore

    /// `GET /{projectId}/overview/{metric}`: the metric as a JSON value (shapes in docs/decisions.md).
    public func overview(_ projectID: String, metric name: String, by user: User) async throws -> JSONValue {
        let project = try await projects.require(projectID, for: user, to: .view)
        guard let metric = ProjectMetric(rawValue: name) ?? ProjectMetric.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            throw DomainError.invalid("metric must be one of \(ProjectMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch metric {
        case .labelStageGroups:
            let counts = try await store.tasksPerStage(projectID: project.id)
            return .object(["stages": .array(project.workflow.stages.map { stage in
                .object(["stageId": .string(stage.id), "name": .string(stage.name), "type": stage.type.map { .string($0.rawValue) } ?? .null,
                         "count": .int(Int64(counts[stage.id] ?? 0))])
            }), "total": .int(Int64(counts.values.reduce(0, +)))])
        case .timePerTask:
            let rows = try await store.stageDurations(projectID: project.id)
            let names = Dictionary(project.workflow.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            return .object(["stages": .array(rows.map { row in
                .object(["stageId": .string(row.stageID), "name": names[row.stageID].map(JSONValue.string) ?? .null,
                         "count": .int(Int64(row.count)), "totalMillis": .int(row.total),
                         "averageMillis": .int(row.count > 0 ? row.total / Int64(row.count) : 0), "medianMillis": .int(row.median)])
            })])
        case .annotationStatus:
            return .object(try await store.statusCounts(projectID: project.id).mapValues { .int(Int64($0)) })
        case .answerDistribution:
            return try await answerDistribution(project)
        case .consensusRanges:
            var buckets = [Int](repeating: 0, count: 10)
            for score in try await store.consensusScores(projectID: project.id) {
                // Scores are 0–100; 100 joins the top bucket.
                buckets[min(9, max(0, Int(score / 10)))] += 1
            }
            return .object(["ranges": .array(buckets.enumerated().map { index, count in
                .object(["from": .int(Int64(index * 10)), "to": .int(Int64(index * 10 + 10)), "count": .int(Int64(count))])
            })])
        case .assetSize:
            let limits: [(String, Double)] = [("<0.5 MP", 0.5), ("0.5–2 MP", 2), ("2–8 MP", 8), ("8–24 MP", 24), ("≥24 MP", .infinity)]
            var counts = [Int](repeating: 0, count: limits.count)
            var unknown = 0
            for metadata in try await store.assetMetadata(projectID: project.id) {
                guard let width = metadata["width"]?.doubleValue, let height = metadata["height"]?.doubleValue, width > 0, height > 0 else {
                    unknown += 1; continue
                }
                let megapixels = width * height / 1_000_000
                counts[limits.firstIndex { megapixels < $0.1 } ?? limits.count - 1] += 1
            }
            return .object(["buckets": .array(zip(limits, counts).map { limit, count in
                .object(["label": .string(limit.0), "count": .int(Int64(count))])
            }), "unknown": .int(Int64(unknown))])
        }
    }

    /// Counts tool objects per class and classification answers per option across current answers.
    func answerDistribution(_ project: Project) async throws -> JSONValue {
        let schema = project.categorySchema
        var titles: [String: String] = [:]
        for key in ["tools", "classifications", "relations"] {
            for item in schema[key]?.arrayValue ?? [] {
                if let id = item["schemaId"]?.stringValue { titles[id] = item["title"]?.stringValue ?? id }
            }
        }
        // Only classifications with options are counted: free-text answers are people's work, and
        // the overview is open to Labelers, who see only their own work.
        let optionClassifications = Set((schema["classifications"]?.arrayValue ?? []).compactMap { item -> String? in
            guard let options = item["options"]?.arrayValue ?? item["treeOptions"]?.arrayValue, !options.isEmpty else { return nil }
            return item["schemaId"]?.stringValue
        })
        var tools: [String: (objects: Int, tasks: Int)] = [:]
        var answers: [String: [String: Int]] = [:]
        var labeledTasks = 0
        try await store.eachAnswer(projectID: project.id) { answer in
            let objects = answer["tools"]?.arrayValue ?? answer["objects"]?.arrayValue ?? []
            let classifications = answer["classifications"]?.arrayValue ?? []
            if !objects.isEmpty || !classifications.isEmpty { labeledTasks += 1 }
            var seen = Set<String>()
            for object in objects {
                let id = object["schemaId"]?.stringValue ?? "unknown"
                tools[id, default: (0, 0)].objects += 1
                if seen.insert(id).inserted { tools[id, default: (0, 0)].tasks += 1 }
            }
            for classification in classifications {
                let id = classification["schemaId"]?.stringValue ?? "unknown"
                guard optionClassifications.contains(id) else { continue }
                for value in Self.answerValues(classification["answer"]) { answers[id, default: [:]][value, default: 0] += 1 }
            }
        }
        return .object([
            "labeledTasks": .int(Int64(labeledTasks)),
            "tools": .array(tools.sorted { $0.key < $1.key }.map { id, count in
                .object(["schemaId": .string(id), "title": titles[id].map(JSONValue.string) ?? .null,
                         "objects": .int(Int64(count.objects)), "tasks": .int(Int64(count.tasks))])
            }),
            "classifications": .array(answers.sorted { $0.key < $1.key }.map { id, values in
                .object(["schemaId": .string(id), "title": titles[id].map(JSONValue.string) ?? .null,
                         "answers": .array(values.sorted { $0.key < $1.key }.map { .object(["value": .string($0.key), "count": .int(Int64($0.value))]) })])
            }),
        ])
    }

    /// The countable values of a classification answer: option titles or values, or the text itself.
    static func answerValues(_ answer: JSONValue?) -> [String] {
        switch answer {
        case .string(let text)?: return [text]
        case .int(let n)?: return [String(n)]
        case .double(let d)?: return [String(d)]
        case .bool(let b)?: return [b ? "true" : "false"]
        case .array(let items)?: return items.flatMap { answerValues($0) }
        case .object(let object)?:
            if let value = object["value"] ?? object["title"] ?? object["optionValue"] { return answerValues(value) }
            return []
        default: return []
        }
    }

    /// `POST /performance/{projectId}`: one row per person who worked in the project (or opened issues).
    /// Body: `{interval?: [fromISO, toISO]}` (SDK) or `{startDate?, endDate?}` (OpenAPI); `batches?: [ids or names]`;
    /// `users?: [emails]` limits the rows.
    public func performance(_ projectID: String, body: JSONValue, by user: User) async throws -> [PerformanceRow] {
        let project = try await projects.require(projectID, for: user, to: .viewPerformance)
        guard body.objectValue != nil else { throw DomainError.invalid("body must be a JSON object") }
        var scope = PerformanceScope()
        if let interval = body["interval"], !interval.isNull {
            guard let list = interval.arrayValue, list.count == 2 else { throw DomainError.invalid("interval must be [fromISO, toISO]") }
            scope.from = try Self.millis(list[0], field: "interval[0]")
            scope.to = try Self.millis(list[1], field: "interval[1]")
        }
        if let value = body["startDate"], !value.isNull { scope.from = try Self.millis(value, field: "startDate") }
        if let value = body["endDate"], !value.isNull { scope.to = try Self.millis(value, field: "endDate") }
        if let from = scope.from, let to = scope.to, from > to { throw DomainError.invalid("the interval ends before it starts") }
        if let value = body["batches"], !value.isNull {
            guard let list = value.arrayValue else { throw DomainError.invalid("batches must be an array of batch ids or names") }
            scope.batchIDs = try list.enumerated().map { index, item in
                guard let key = item.stringValue, let batch = project.batch(idOrName: key) else {
                    throw DomainError.invalid("batches[\(index)] is not a batch of this project")
                }
                return batch.id
            }
        }
        var onlyUsers: Set<String>?
        if let value = body["users"], !value.isNull {
            guard let list = value.arrayValue else { throw DomainError.invalid("users must be an array of emails") }
            onlyUsers = Set(list.compactMap { $0.stringValue?.lowercased() })
        }
        let stageTypes = Dictionary(project.workflow.stages.compactMap { stage in stage.type.map { (stage.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var rows: [String: PerformanceRow] = [:]
        func row(_ email: String) -> PerformanceRow { rows[email] ?? PerformanceRow(email: email, name: email) }
        for tally in try await store.historyTallies(projectID: project.id, scope: scope) {
            var r = row(tally.email)
            switch stageTypes[tally.stageID] {
            case .label?:
                r.submitted += tally.count; r.labelingMillis += tally.millis
            case .review?:
                r.reviewingMillis += tally.millis
                if tally.reviewStatus == ReviewStatus.accepted.rawValue { r.accepted += tally.count; r.reviewed += tally.count }
                if tally.reviewStatus == ReviewStatus.rejected.rawValue { r.rejected += tally.count; r.reviewed += tally.count }
            default: continue
            }
            rows[tally.email] = r
        }
        let labelStages = project.workflow.stages.filter { $0.type == .label }.map(\.id)
        let reviewStages = project.workflow.stages.filter { $0.type == .review }.map(\.id)
        if !labelStages.isEmpty, !reviewStages.isEmpty {
            for outcome in try await store.reviewOutcomes(projectID: project.id, labelStageIDs: labelStages, reviewStageIDs: reviewStages, scope: scope) {
                var r = row(outcome.email)
                if outcome.status == ReviewStatus.accepted.rawValue { r.acceptedByReview += outcome.count } else { r.rejectedByReview += outcome.count }
                rows[outcome.email] = r
            }
        }
        for (email, result) in try await store.benchmarkScores(projectID: project.id, scope: scope) {
            var r = row(email); r.benchmarkScore = result.mean; r.benchmarkCount = result.count; rows[email] = r
        }
        for (email, count) in try await store.issuesOpened(projectID: project.id, scope: scope) {
            var r = row(email); r.issuesOpened = count; rows[email] = r
        }
        var result: [PerformanceRow] = []
        for (email, var r) in rows.sorted(by: { $0.key < $1.key }) where onlyUsers?.contains(email) ?? true {
            r.name = try await identity.user(email: email)?.name ?? email
            result.append(r)
        }
        return result
    }

    static func millis(_ value: JSONValue, field: String) throws -> Int64 {
        guard let text = value.stringValue, let millis = ISODate.parseMillis(text) else {
            throw DomainError.invalid("\(field) must be an ISO 8601 date-time")
        }
        return millis
    }
}

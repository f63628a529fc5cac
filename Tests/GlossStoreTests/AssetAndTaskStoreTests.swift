import GlossCore
import GlossServer
import GlossStore
import GlossTesting
import Testing

@Suite("Asset and task stores")
struct AssetAndTaskStoreTests {
    @Test("import writes one task per asset and a Start history entry, atomically", arguments: TestBackend.available)
    func importCreatesTasks(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            let summary = try await StoreFixtures.importAssets(runtime, fixture, project, count: 25)
            #expect(summary == ImportSummary(assetsCreated: 25, tasksCreated: 25, preLabelsCount: 0, validPreLabelsCount: 0))
            let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
            #expect(tasks.count == 25)
            #expect(tasks.allSatisfy { item in item.stage == "Label" && item.status == .todo })
            #expect(Set(tasks.map(\.assetID)).count == 25)
            let history = try await runtime.stores.tasks.history(taskID: tasks[0].id)
            #expect(history.map(\.stageID) == ["Start"])
            #expect(try await runtime.stores.projects.assetCount(projectID: project.id) == 25)
        }
    }

    @Test("a failing write leaves nothing behind", arguments: TestBackend.available)
    func failedImportRollsBack(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            let now = Int64(1)
            let asset = Asset(id: "a00000000000000000000001", projectID: project.id, externalID: "x", data: "d", metadata: [:],
                              contextData: [:], batches: [], storage: nil, attachments: [], isPreLabeled: false, createdAt: now, updatedAt: now)
            let task = LabelTask(id: "t00000000000000000000001", projectID: project.id, assetID: asset.id, externalID: "x",
                                 stage: "Label", createdAt: now, updatedAt: now)
            // The same task id twice violates the primary key on the second row.
            let plan = ImportPlan(projectID: project.id, assets: [asset], tasks: [task, task], history: [], sweep: nil)
            await #expect(throws: (any Error).self) { _ = try await runtime.stores.assets.apply(plan) }
            #expect(try await runtime.stores.projects.assetCount(projectID: project.id) == 0)
            let (tasks, total) = try await runtime.stores.tasks.list(TaskQuery(projectID: project.id, page: try PageRequest(page: 1, limit: 10)))
            #expect(tasks.isEmpty && total == 0)
        }
    }

    @Test("Start without auto-forward holds tasks; turning it on sweeps them at the next import", arguments: TestBackend.available)
    func startSweep(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            var stages = Workflow.default.json.arrayValue!
            var start = stages[0].objectValue!
            start["autoForward"] = false
            stages[0] = .object(start)
            _ = try await runtime.services.projects.update(project.id, with: ["stages": .array(stages)], by: fixture.admin)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 3, prefix: "old")
            #expect(try await StoreFixtures.allTasks(runtime, fixture, project).allSatisfy { item in item.stage == "Start" })
            start["autoForward"] = true
            stages[0] = .object(start)
            _ = try await runtime.services.projects.update(project.id, with: ["stages": .array(stages)], by: fixture.admin)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 2, prefix: "new")
            let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
            #expect(tasks.count == 5)
            #expect(tasks.allSatisfy { item in item.stage == "Label" })
            for task in tasks { #expect(try await runtime.stores.tasks.history(taskID: task.id).map(\.stageID) == ["Start"]) }
        }
    }

    @Test("filters, sorts and totals agree on every backend", arguments: TestBackend.available)
    func filtersAndSorts(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            let (_, batch) = try await runtime.services.projects.changeBatches(project.id, body: ["name": "night"], by: fixture.admin)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 10, prefix: "day")
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 5, prefix: "night", batches: ["night"], priority: 7)
            func list(_ conditions: [FilterCondition], sort: [SortKey] = []) async throws -> (tasks: [LabelTask], total: Int, project: Project) {
                try await runtime.services.tasks.list(TaskQuery(projectID: project.id, filter: TaskFilter(conditions), sort: sort,
                                                                page: try PageRequest(page: 1, limit: 100)), by: fixture.admin)
            }
            #expect(try await list([FilterCondition(.batches, .in, .strings([batch!.id]))]).total == 5)
            #expect(try await list([FilterCondition(.batches, .in, .strings(["night"]))]).total == 5, "batch names resolve to ids")
            #expect(try await list([FilterCondition(.batches, .nin, .strings([batch!.id]))]).total == 10)
            #expect(try await list([FilterCondition(.externalId, .regex, .string("^night_[0-2]$"))]).total == 3)
            #expect(try await list([FilterCondition(.priority, .gte, .number(5)), FilterCondition(.stage, .eq, .string("Label"))]).total == 5)
            #expect(try await list([FilterCondition(.isDraft, .eq, .bool(false))]).total == 15)
            #expect(try await list([FilterCondition(.assignee, .exists, .bool(false))]).total == 15)
            #expect(try await list([FilterCondition(.reviewStatus, .ne, .string("Accepted"))]).total == 15)
            let byExternal = try await list([], sort: [SortKey(.externalId, descending: false)]).tasks.map(\.externalID)
            #expect(byExternal == byExternal.sorted())
            let byPriority = try await list([], sort: [SortKey(.priority, descending: true), SortKey(.externalId, descending: false)]).tasks
            #expect(byPriority.prefix(5).allSatisfy { item in item.priority == 7 })
            let newest = try await list([]).tasks
            #expect(newest.first?.externalID == "night_4" && newest.last?.externalID == "day_0")
        }
    }

    @Test("deep pages by position seek stay exact after deletes", arguments: TestBackend.available)
    func positionPagingAfterDeletes(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 120)
            let before = try await StoreFixtures.allTasks(runtime, fixture, project, sort: [SortKey(.externalId, descending: false)])
            let doomed = stride(from: 3, to: 120, by: 7).map { before[$0].id }
            #expect(try await runtime.stores.tasks.delete(projectID: project.id, taskIDs: doomed) == doomed.count)
            let survivors = Set(before.map(\.id)).subtracting(doomed)
            // The reference order: newest first by position, computed in memory.
            let expected = before.filter { survivors.contains($0.id) }.sorted { $0.position > $1.position }.map(\.id)
            for limit in [1, 7, 10, 50] {
                let (seen, totals) = try await StoreFixtures.walkPages(runtime, fixture, project, limit: limit)
                #expect(totals == [survivors.count])
                #expect(seen == expected, "limit \(limit)")
            }
        }
    }

    @Test("assign, priority and delete change exactly the selected tasks", arguments: TestBackend.available)
    func bulkActions(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 6)
            let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
            let two = Array(tasks.prefix(2).map(\.id))
            #expect(try await runtime.stores.tasks.assign(projectID: project.id, taskIDs: two, stageID: "Label", assignee: "admin@gloss.test", at: 5) == 2)
            #expect(try await runtime.stores.tasks.assign(projectID: project.id, taskIDs: two, stageID: "Complete", assignee: "x@y.z", at: 5) == 0)
            var selector = TaskSelector()
            selector.externalIDs = [tasks[3].externalID]
            #expect(try await runtime.stores.tasks.setPriority(projectID: project.id, selector: selector, priority: 99, at: 6) == 1)
            #expect(try await runtime.stores.tasks.task(id: tasks[3].id)?.priority == 99)
            #expect(try await runtime.stores.tasks.task(id: tasks[0].id)?.assignee == "admin@gloss.test")
            await #expect(throws: DomainError.invalid("task ffffffffffffffffffffffff is not in this project")) {
                _ = try await runtime.stores.tasks.delete(projectID: project.id, taskIDs: [two[0], "ffffffffffffffffffffffff"])
            }
            #expect(try await runtime.stores.tasks.task(id: two[0]) != nil, "a refused delete removes nothing")
            #expect(try await runtime.stores.tasks.delete(projectID: project.id, taskIDs: two) == 2)
            #expect(try await StoreFixtures.allTasks(runtime, fixture, project).count == 4)
            #expect(try await runtime.stores.tasks.history(taskID: two[0]).isEmpty)
        }
    }

    @Test("deleting assets deletes their tasks; re-import makes new ones", arguments: TestBackend.available)
    func deleteAssets(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 3)
            let first = try await StoreFixtures.allTasks(runtime, fixture, project)
            let assetIDs = first.map(\.assetID)
            #expect(try await runtime.services.assets.delete(project.id, assetIDs: assetIDs, by: fixture.admin) == 3)
            #expect(try await StoreFixtures.allTasks(runtime, fixture, project).isEmpty)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 3)
            let again = try await StoreFixtures.allTasks(runtime, fixture, project)
            #expect(again.count == 3)
            #expect(Set(again.map(\.id)).isDisjoint(with: first.map(\.id)))
            #expect(Set(again.map(\.assetID)).isDisjoint(with: assetIDs))
        }
    }

    @Test("concurrent imports into one project get distinct positions and exact counts", arguments: TestBackend.available)
    func concurrentImports(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            try await withThrowingTaskGroup(of: ImportSummary.self) { group in
                for i in 0..<8 { group.addTask { try await StoreFixtures.importAssets(runtime, fixture, project, count: 50, prefix: "c\(i)") } }
                for try await summary in group { #expect(summary.tasksCreated == 50) }
            }
            let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
            #expect(tasks.count == 400)
            #expect(Set(tasks.map(\.position)).count == 400)
            let (_, total) = try await runtime.stores.tasks.list(TaskQuery(projectID: project.id, page: try PageRequest(page: 1, limit: 1)))
            #expect(total == 400)
        }
    }
}

@Suite("Batch index paging")
struct BatchIndexPagingTests {
    @Test("batch + stage pages from the batch index match the general query, after deletes and batch changes",
          arguments: TestBackend.available)
    func batchFastPathMatchesGeneralPath(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await StoreFixtures.project(runtime, fixture)
            let (_, red) = try await runtime.services.projects.changeBatches(project.id, body: ["name": "red"], by: fixture.admin)
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 40, prefix: "r", batches: ["red"])
            _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 20, prefix: "x")
            let plain = try await StoreFixtures.allTasks(runtime, fixture, project)
            let redTasks = plain.filter { $0.externalID.hasPrefix("r") }
            _ = try await runtime.stores.tasks.delete(projectID: project.id, taskIDs: [redTasks[0].id, redTasks[5].id])
            let laterAssets = plain.filter { $0.externalID.hasPrefix("x") }.prefix(3).map(\.assetID)
            _ = try await runtime.services.assets.assignBatches(project.id, assetIDs: Array(laterAssets), batches: ["red"], by: fixture.admin)
            let batch = FilterCondition(.batches, .in, .strings([red!.id]))
            let stage = FilterCondition(.stage, .eq, .string("Label"))
            // The extra always-true condition sends the same question down the general path.
            let general = try await StoreFixtures.allTasks(runtime, fixture, project, filter: TaskFilter([batch, stage, FilterCondition(.priority, .gte, .number(-1000))]))
            #expect(general.count == 41)
            for limit in [1, 7, 100] {
                let (seen, totals) = try await StoreFixtures.walkPages(runtime, fixture, project, filter: TaskFilter([batch, stage]), limit: limit)
                #expect(totals == [41])
                #expect(seen == general.map(\.id), "limit \(limit)")
            }
            let otherStage = FilterCondition(.stage, .eq, .string("Complete"))
            let (none, zero, _) = try await runtime.services.tasks.list(
                TaskQuery(projectID: project.id, filter: TaskFilter([batch, otherStage]), page: try PageRequest(page: 1, limit: 10)), by: fixture.admin)
            #expect(none.isEmpty && zero == 0)
        }
    }
}

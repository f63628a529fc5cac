import GlossCore
import GlossServer
import GlossStore
import GlossTesting
import SQLKit
import Testing

@Suite("Ango export pieces")
struct ExportPieceTests {
    static let labelAnswer = #"{"tools":[{"schemaId":"car","objectId":"o1","bounding-box":{"x":1,"y":2,"width":3,"height":4}}],"classifications":[],"relations":[],"extra":1}"#
    static let reviewAnswer = #"{"classifications":[{"schemaId":"ok","answer":"yes"}],"tools":[]}"#
    /// Signs Gloss file paths, as the server's publisher does, so both ways of writing URLs are covered.
    static let signing = ExportURLPublisher(mayChange: { url in url.starts(with: Array("/files/".utf8)) },
                                            publish: { url in url.hasPrefix("/files/") ? "https://gloss.test\(url)?sig=1" : url })

    @Test("a piece encoded from the rows as they are read is byte for byte the encoding of the same records",
          arguments: TestBackend.available)
    func streamedPieceEqualsRecords(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            let project = try await seed(runtime, fixture)
            let store = runtime.stores.exports
            let variants: [(ExportOptions, ExportURLPublisher)] = [
                (ExportOptions(stageIDs: nil), .asStored),
                (ExportOptions(stageIDs: nil), Self.signing),
                (ExportOptions(stageIDs: nil, format: .ndjson, includeMetadata: false, includeHistory: false, includeIdleBlurDurations: true), Self.signing),
                (ExportOptions(stageIDs: ["Complete"], includeIdleBlurDurations: true), .asStored),
            ]
            for (options, publisher) in variants {
                let selection = try ExportSelection(project: project, options: options)
                let encoder = AngoExportEncoder(content: .init(options), publisher: publisher)
                let bounds = try #require(try await store.exportBounds(selection))
                let records = try await store.exportRange(selection, positions: bounds)
                let piece = CollectedPiece()
                let count = try await store.exportAngoPiece(selection, positions: bounds, encoder: encoder, into: piece)
                #expect(count == records.count)
                #expect(String(decoding: piece.bytes, as: UTF8.self) == String(decoding: try encoder.encode(records), as: UTF8.self))
            }

            // And what both say is right.
            let options = ExportOptions(stageIDs: nil)
            let selection = try ExportSelection(project: project, options: options)
            let bounds = try #require(try await store.exportBounds(selection))
            let piece = CollectedPiece()
            let count = try await store.exportAngoPiece(selection, positions: bounds,
                                                        encoder: AngoExportEncoder(content: .init(options), publisher: Self.signing), into: piece)
            let bytes = piece.bytes
            #expect(count == 4)
            let items = try #require(try JSONParser.parse("[" + String(decoding: bytes, as: UTF8.self) + "]").arrayValue)
            let byExternalID = Dictionary(uniqueKeysWithValues: items.map { item in (item["externalId"]?.stringValue ?? "", item) })
            let plain = try #require(byExternalID["plain"])
            #expect(plain["batches"] == ["Batch one", "b-gone"])
            #expect(plain["task"]?["stageId"] == "Complete")
            #expect(plain["task"]?["updatedBy"] == "lead@x.test")
            #expect(plain["task"]?["consensusAverage"]?.doubleValue == 87.5)
            #expect(plain["task"]?["brushDataUrl"] == "https://gloss.test/files/p/brush.png?sig=1")
            let history = try #require(plain["task"]?["stageHistory"]?.arrayValue)
            #expect(history.map { entry in entry["stageId"] } == ["Start", "Label", "Review"])
            #expect(history[1]["tools"] == plain["task"]?["tools"] && history[1]["completedBy"] == "labeler@x.test")
            #expect(history[2]["classifications"]?.arrayValue?.count == 1 && history[2]["tools"] == [])
            let tricky = try #require(byExternalID["quote \" back \\ tab \t é"])
            #expect(tricky["asset"] == "https://gloss.test/files/p/b.png?sig=1")
            #expect(tricky["dataset"] == ["https://x.test/1.png", "https://x.test/2.png"])
            #expect(tricky["contextData"]?["note"] == "hi")
            #expect(tricky["batches"] == ["Batch one", "b-gone"])
            #expect(tricky["task"]?["updatedBy"] == .null)
            let bare = try #require(byExternalID["no history"])
            #expect(bare["task"]?["stageHistory"] == [])
            #expect(bare["asset"] == "https://example.test/d.jpg")
        }
    }

    @Test("a piece goes to its sink in parts of whole tasks that join to the piece", arguments: [false, true])
    func partsAreWholeTasks(lines: Bool) async throws {
        try await withTestRuntime(.sqlite) { runtime, fixture, _ in
            let project = try await seed(runtime, fixture)
            let options = ExportOptions(stageIDs: nil, format: lines ? .ndjson : .json)
            let selection = try ExportSelection(project: project, options: options)
            let encoder = AngoExportEncoder(content: .init(options))
            let records = try await runtime.stores.exports.exportRange(selection, positions: try #require(try await runtime.stores.exports.exportBounds(selection)))
            // A part is handed on once it holds `partSize` bytes, at the next task: one byte means a part per task.
            let parts = PartRecorder()
            var piece = AngoExportPiece(encoder: encoder, into: parts, partSize: 1)
            for record in records {
                try piece.task(record)
                for entry in record.history { piece.history(entry) }
            }
            try piece.finish()
            #expect(parts.parts.count == records.count)
            let whole = try encoder.encode(records)
            #expect(Array(parts.parts.joined()) == whole)
            for (index, part) in parts.parts.enumerated() {
                let text = String(decoding: part, as: UTF8.self)
                let task = lines ? text : (index == 0 ? text : String(text.dropFirst()))
                #expect(index == 0 || lines || text.hasPrefix(","))
                #expect(try JSONParser.parse(task)["externalId"]?.stringValue == records[index].externalID)
            }
        }
    }

    @Test("assets and history read beside the tasks give the joined query's piece when ids do not follow positions",
          arguments: TestBackend.available)
    func scansWhereIDsDoNotFollowPositions(backend: TestBackend) async throws {
        try await withTestRuntime(backend) { runtime, fixture, _ in
            // Two projects imported in turns, so their assets and history interleave by id.
            let project = try await StoreFixtures.project(runtime, fixture)
            let other = try await StoreFixtures.project(runtime, fixture, name: "other")
            for round in 0..<3 {
                _ = try await StoreFixtures.importAssets(runtime, fixture, project, count: 10, prefix: "p\(round)-")
                _ = try await StoreFixtures.importAssets(runtime, fixture, other, count: 10, prefix: "o\(round)-")
            }
            let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
            #expect(tasks.count == 30)
            let byPosition = tasks.sorted { $0.id < $1.id }
            try await runtime.stores.database.transaction { db in
                // Positions shuffled (p -> 7p mod 31, a permutation), so ids jump back and forth.
                try await db.raw("UPDATE tasks SET position = position + 100000 WHERE project_id = \(bind: project.id)").run()
                try await db.raw("UPDATE tasks SET position = ((position - 100000) * 7) % 31 WHERE project_id = \(bind: project.id)").run()
                // A second task on one asset, and a Label entry for every other task.
                let twin = byPosition[4]
                try await db.raw("""
                    INSERT INTO tasks (id, project_id, asset_id, external_id, stage, status, type, batches, priority, answer, duration,
                      total_duration, open_issues_count, is_draft, is_skipped, is_benchmark, created_at, updated_at, position, stage_assignees)
                    SELECT 'ffffffffffffffffffffff01', project_id, asset_id, external_id, 'Complete', status, type, batches, priority,
                      \(bind: Self.labelAnswer), duration, total_duration, 0, FALSE, FALSE, FALSE, created_at, updated_at, 40, stage_assignees
                    FROM tasks WHERE id = \(bind: twin.id)
                    """).run()
                for (n, task) in byPosition.enumerated() where n % 2 == 0 {
                    try await db.raw("""
                        INSERT INTO task_history (id, task_id, project_id, asset_id, stage_id, stage_name, answer, duration, completed_at, completed_by, rework)
                        VALUES (\(bind: "h\(n)"), \(bind: task.id), \(bind: project.id), \(bind: task.assetID), 'Label', 'Label',
                          \(bind: Self.labelAnswer), 1000, \(bind: task.createdAt + 5), 'labeler@x.test', FALSE)
                        """).run()
                    try await db.raw("UPDATE tasks SET stage = 'Complete' WHERE id = \(bind: task.id)").run()
                }
            }
            let store = runtime.stores.exports
            for options in [ExportOptions(stageIDs: nil), ExportOptions(stageIDs: ["Complete"]),
                            ExportOptions(stageIDs: nil, format: .ndjson, includeHistory: false)] {
                let selection = try ExportSelection(project: project, options: options)
                let encoder = AngoExportEncoder(content: .init(options))
                let bounds = try #require(try await store.exportBounds(selection))
                let records = try await store.exportRange(selection, positions: bounds)
                let piece = CollectedPiece()
                let count = try await store.exportAngoPiece(selection, positions: bounds, encoder: encoder, into: piece)
                #expect(count == records.count)
                #expect(count == (options.stageIDs == nil ? 31 : 16))
                #expect(String(decoding: piece.bytes, as: UTF8.self) == String(decoding: try encoder.encode(records), as: UTF8.self))
            }
        }
    }

    /// Four tasks: one completed with a consensus score, a brush and three history entries (the
    /// Label one with the task's answer), one with an escaped external id, metadata pages and no
    /// editor, a plain one, and one without history.
    private func seed(_ runtime: GlossRuntime, _ fixture: TestFixture) async throws -> Project {
        let project = try await StoreFixtures.project(runtime, fixture)
        let items: [JSONValue] = [
            ["data": "https://example.test/a.jpg", "externalId": "plain"],
            ["data": "/files/p/b.png", "externalId": "quote \" back \\ tab \t é", "contextData": ["note": "hi"],
             "metadata": ["width": 3, "dataset": ["https://x.test/1.png", "https://x.test/2.png"]]],
            ["data": "https://example.test/c.jpg", "externalId": "c"],
            ["data": "https://example.test/d.jpg", "externalId": "no history"],
        ]
        _ = try await runtime.services.assets.importAssets(project.id, items: items, options: ImportOptions(), by: fixture.admin)
        let tasks = try await StoreFixtures.allTasks(runtime, fixture, project)
        let id = Dictionary(uniqueKeysWithValues: tasks.map { ($0.externalID, $0) })
        let (withBatch, created) = try await runtime.services.projects.changeBatches(project.id, body: ["name": "Batch one"], by: fixture.admin)
        let batches = #"[""# + (try #require(created).id) + #"","b-gone"]"#
        let plain = try #require(id["plain"]), tricky = try #require(id["quote \" back \\ tab \t é"])
        let bare = try #require(id["no history"])
        try await runtime.stores.database.transaction { db in
            try await db.raw("""
                UPDATE tasks SET stage = 'Complete', answer = \(bind: Self.labelAnswer), updated_by = 'lead@x.test', consensus_score = 87.5,
                  consensus_details = '[{"schemaId":"car","score":87.5}]', brush_data_url = '/files/p/brush.png', batches = \(bind: batches)
                WHERE id = \(bind: plain.id)
                """).run()
            try await db.raw("UPDATE tasks SET updated_by = NULL, batches = \(bind: batches) WHERE id = \(bind: tricky.id)").run()
            for (n, stage, answer, by) in [(1, "Label", Self.labelAnswer, "labeler@x.test"), (2, "Review", Self.reviewAnswer, "lead@x.test")] {
                try await db.raw("""
                    INSERT INTO task_history (id, task_id, project_id, asset_id, stage_id, stage_name, answer, duration, completed_at, completed_by, rework)
                    VALUES (\(bind: "h\(n)"), \(bind: plain.id), \(bind: project.id), \(bind: plain.assetID), \(bind: stage), \(bind: stage),
                      \(bind: answer), \(bind: 1000 * n), \(bind: plain.createdAt + Int64(n)), \(bind: by), FALSE)
                    """).run()
            }
            try await db.raw("DELETE FROM task_history WHERE task_id = \(bind: bare.id)").run()
        }
        return withBatch
    }
}

/// Keeps every part a piece hands on, apart.
final class PartRecorder: ExportPieceSink {
    private(set) var parts: [[UInt8]] = []
    func append(_ part: UnsafeBufferPointer<UInt8>) throws { parts.append(Array(part)) }
}

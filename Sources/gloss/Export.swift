import ArgumentParser
import Foundation
import GlossCore
import GlossServer

/// `gloss export`: the API's export from the command line, into a zip file, with a progress bar.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a project's tasks to a zip: Ango JSON/NDJSON, COCO, YOLO, Pascal VOC or CSV.")

    @Option(help: "Project id.") var project: String
    @Option(help: "json, ndjson, coco, yolo, voc or csv.") var format = "json"
    @Option(help: "The zip file to write.") var out: String
    @Option(help: "Stage ids, comma-separated (default: Complete).") var stage: String?
    @Option(help: "Batch names or ids, comma-separated.") var batches: String?
    @Option(name: .customLong("task-types"), help: "default, consensus, benchmark (comma-separated).") var taskTypes: String?
    @Flag(name: .customLong("no-history"), help: "Leave out stageHistory.") var noHistory = false
    @Flag(name: .customLong("no-metadata"), help: "Leave out asset metadata.") var noMetadata = false
    @Option(name: .customLong("as"), help: "Email of the exporting user (default: the project owner).") var asUser: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var query: [String: String] = ["format": format, "includeHistory": String(!noHistory), "includeMetadata": String(!noMetadata)]
        if let stage { query["stage"] = stage }
        if let batches { query["batches"] = batches }
        if let taskTypes { query["taskTypes"] = taskTypes }
        try await withRuntime(database, as: asUser, project: project) { runtime, user in
            let options = try ExportOptions.parse(query)
            let plan = try await runtime.services.exports.plan(projectID: project, options: options, user: user)
            var bar: ProgressBar? = nil
            let result = try await ExportFileWriter.write(plan, service: runtime.services.exports, to: out) { done, total in
                if bar == nil { bar = ProgressBar(total: total) }
                bar?.update(done)
            }
            bar?.finish()
            print("Exported \(result.tasks) tasks to \(out) (\(result.bytes) bytes).")
        }
    }
}

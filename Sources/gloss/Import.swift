import ArgumentParser
import Foundation
import GlossCore
import GlossServer

/// `gloss import`: the API's cloud import from the command line, with a progress bar.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import assets: an Ango cloud-import JSON file, a CSV with a url column, or a folder of files.")

    @Option(help: "Project id.") var project: String
    @Option(name: .customLong("as"), help: "Email of the importing user (default: the project owner).") var asUser: String?
    @Option(help: "Batch names or ids for every asset (comma-separated).") var batches: String?
    @Option(help: "Priority for every task (-1000...1000).") var priority: Int?
    @Option(name: .customLong("public-url"), help: "Base URL of the server, for files imported from a folder.")
    var publicURL = "http://127.0.0.1:8080"
    @Option(name: .customLong("chunk-size"), help: "Assets per transaction.") var chunkSize = 5000
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The JSON file, CSV file or folder.") var source: String

    func run() async throws {
        guard chunkSize > 0 else { throw ValidationError("--chunk-size must be positive") }
        try await withRuntime(database, as: asUser, project: project) { runtime, user in
            try await importAll(runtime: runtime, config: try database.config(), user: user)
        }
    }

    private func importAll(runtime: GlossRuntime, config: ServerConfig, user: User) async throws {
        // Every item is read and checked before the first write.
        let inputs = try ImportSource.read(source, projectID: project, filesRoot: config.filesDirectory, baseURL: publicURL)
        let options = ImportOptions(batches: batches.map { $0.split(separator: ",").map(String.init) } ?? [], priority: priority,
                                    uploadLocal: false, createdBy: user.email)
        let project = try await runtime.services.projects.require(self.project, for: user)
        var progress = ProgressBar(total: inputs.count)
        var done = 0
        while done < inputs.count {
            let chunk = Array(inputs[done..<min(inputs.count, done + chunkSize)])
            _ = try await runtime.services.assets.importInputs(project, inputs: chunk, options: options)
            done += chunk.count
            progress.update(done)
        }
        progress.finish()
        print("Imported \(inputs.count) assets and \(inputs.count) tasks into \(project.name).")
    }
}

/// A text progress bar on standard error.
struct ProgressBar {
    let total: Int
    private var last = -1

    init(total: Int) { self.total = total }

    mutating func update(_ done: Int) {
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != last else { return }
        last = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% \(done)/\(total)".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}

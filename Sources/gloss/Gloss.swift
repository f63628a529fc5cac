import ArgumentParser
import Foundation

/// `gloss`: the server and its admin commands.
@main
struct Gloss: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gloss",
        abstract: "Gloss: a self-hosted data-labeling platform serving the Ango Hub v2 API.",
        subcommands: [Serve.self, Migrate.self, Users.self, Import.self, Export.self, ImportLabels.self, Permissions.self])

}

/// Writes a line to standard output at once (print is block-buffered on a pipe, and a test
/// script waits for these lines).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

import ArgumentParser
import GlossServer

/// `gloss permissions`: prints docs/permissions.md, generated from the tables the server enforces.
struct Permissions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the route × role permission table (docs/permissions.md) from the code that enforces it.")

    func run() throws { print(PermissionTable.markdown(), terminator: "") }
}

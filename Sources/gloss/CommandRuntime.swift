import ArgumentParser
import GlossCore
import GlossServer

/// Opens the database, finds the acting user (default: the project's owner), runs `body`, and
/// closes the database; domain errors become command-line errors.
func withRuntime(_ database: DatabaseOptions, as email: String?, project: String,
                 _ body: (GlossRuntime, User) async throws -> Void) async throws {
    try database.prepareDataDirectory()
    let config = try database.config()
    let runtime = try await GlossRuntime.open(config.database, logger: makeLogger("gloss"))
    do {
        guard let target = try await runtime.stores.projects.project(id: project) else { throw ValidationError("project \(project) not found") }
        let actor = email ?? target.owner
        guard let user = try await runtime.stores.identity.user(email: actor) else { throw ValidationError("user \(actor) not found") }
        try await body(runtime, user)
        await runtime.shutdown()
    } catch let error as DomainError {
        await runtime.shutdown()
        throw ValidationError(error.message)
    } catch {
        await runtime.shutdown()
        throw error
    }
}

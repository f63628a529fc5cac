import ArgumentParser
import GlossCore
import GlossServer

/// `gloss users ...`: user administration, safe while servers run on the same database.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints their API key on the last line.")
        @Option(help: "The user's email.") var email: String
        @Option(name: .customLong("org-role"), help: "admin or member.") var orgRole = "member"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let role = OrgRole(loose: orgRole), role == .admin || role == .member else {
                throw ValidationError("--org-role must be admin or member")
            }
            try database.prepareDataDirectory()
            let runtime = try await GlossRuntime.open(try database.config().database, logger: makeLogger("gloss"))
            do {
                let (user, key) = try await runtime.services.identity.createUser(email: email, role: role)
                await runtime.shutdown()
                print("Created \(user.orgRole.rawValue.lowercased()) \(user.email) (\(user.id)). API key:")
                print(key)
            } catch let error as DomainError {
                await runtime.shutdown()
                throw ValidationError(error.message)
            }
        }
    }
}

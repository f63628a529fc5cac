import ArgumentParser
import Foundation
import GlossCore
import GlossServer

/// `gloss users ...`: user administration, safe while servers run on the same database.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Create.self, SetPassword.self, Invite.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints their API key on the last line.")
        @Option(help: "The user's email.") var email: String
        @Option(name: .customLong("org-role"), help: "admin or member.") var orgRole = "member"
        @Flag(name: .customLong("password-stdin"), help: "Read a password for the web UI from the first line of stdin.")
        var passwordFromStdin = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let role = OrgRole(loose: orgRole), role == .admin || role == .member else {
                throw ValidationError("--org-role must be admin or member")
            }
            let password = passwordFromStdin ? try readPassword() : nil
            try database.prepareDataDirectory()
            let runtime = try await GlossRuntime.open(try database.config().database, logger: makeLogger("gloss"))
            do {
                let (user, key) = try await runtime.services.identity.createUser(email: email, role: role, password: password)
                await runtime.shutdown()
                print("Created \(user.orgRole.rawValue.lowercased()) \(user.email) (\(user.id)). API key:")
                print(key)
            } catch let error as DomainError {
                await runtime.shutdown()
                throw ValidationError(error.message)
            }
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-password",
                                                        abstract: "Set a user's web UI password, read from the first line of stdin.")
        @Option(help: "The user's email.") var email: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let password = try readPassword()
            try database.prepareDataDirectory()
            let runtime = try await GlossRuntime.open(try database.config().database, logger: makeLogger("gloss"))
            do {
                try await runtime.services.identity.setPassword(email: email, password: password)
                await runtime.shutdown()
                print("Password set for \(email.lowercased()); their other sessions were signed out.")
            } catch let error as DomainError {
                await runtime.shutdown()
                throw ValidationError(error.message)
            }
        }
    }
}

extension Users {
    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an invite link (valid 7 days, usable once) with which a person chooses their password.")
        @Option(help: "The invitee's email.") var email: String
        @Option(name: .customLong("org-role"), help: "admin or member.") var orgRole = "member"
        @Option(help: "The server's address as users reach it (default: GLOSS_PUBLIC_URL, else http://127.0.0.1:8080).")
        var url: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let role = OrgRole(loose: orgRole), role == .admin || role == .member else {
                throw ValidationError("--org-role must be admin or member")
            }
            try database.prepareDataDirectory()
            let config = try database.config()
            let runtime = try await GlossRuntime.open(config.database, logger: makeLogger("gloss"))
            do {
                let (token, _) = try await runtime.services.identity.inviteAsOperator(email: email, role: role)
                await runtime.shutdown()
                print("Invite for \(email.lowercased()) (open it in a browser to choose a password):")
                print(InviteLink.url(base: url ?? config.publicURL ?? "http://127.0.0.1:8080", token: token))
            } catch let error as DomainError {
                await runtime.shutdown()
                throw ValidationError(error.message)
            }
        }
    }
}

/// The first line of stdin, checked against the password rules. Never a command-line argument:
/// those show up in `ps` and shell history.
private func readPassword() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("expected the password on the first line of stdin")
    }
    do { return try PasswordRules.validated(line) } catch let error as DomainError { throw ValidationError(error.message) }
}

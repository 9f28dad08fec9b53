import ArgumentParser
import Foundation
import MailroomApp
import MailroomCore

/// `mailroom users add|list|remove|passwd|token`
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage the accounts of the HTTP API and the console.",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, Token.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account (admin, manager, agent or intake).",
            discussion: "Without --password-stdin the password is asked for on a terminal; in a pipe without it, the "
                + "account gets no password and can only use API tokens (`users token`).")
        @Argument(help: "The login name.") var name: String
        @Option(help: "admin, manager, agent or intake.") var role: Role
        @Option(help: "The user's address (an agent's answers through the API come from it).") var email: String?
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"

        func run() async throws {
            let password = try readPassword(fromStandardInput: passwordStdin, required: false)
            let lines = try await UserAccounts.add(
                configPath: config, name: name, role: role, email: email, password: password)
            for line in lines { print(line) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the accounts.")
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"

        func run() async throws {
            for line in try await UserAccounts.list(configPath: config) { print(line) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove an account (its tokens stop working).")
        @Argument(help: "The login name.") var name: String
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"

        func run() async throws {
            for line in try await UserAccounts.remove(configPath: config, name: name) { print(line) }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd", abstract: "Set a new password (sessions end).")
        @Argument(help: "The login name.") var name: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"

        func run() async throws {
            guard let password = try readPassword(fromStandardInput: passwordStdin, required: true) else { return }
            for line in try await UserAccounts.passwd(configPath: config, name: name, password: password) {
                print(line)
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Print a new long-lived API token for an account (stored hashed; shown once).")
        @Argument(help: "The login name.") var name: String
        @Option(help: "Days until it expires (default: never).") var days: Int?
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"

        func run() async throws {
            print(try await UserAccounts.token(configPath: config, name: name, days: days))
        }
    }
}

extension Role: ExpressibleByArgument {}

/// A password from standard input (`--password-stdin`) or asked for on the terminal without echo.
func readPassword(fromStandardInput: Bool, required: Bool) throws -> String? {
    if fromStandardInput {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
    guard isatty(STDIN_FILENO) == 1 else {
        if required { throw ValidationError("give the password with --password-stdin") }
        return nil
    }
    guard let first = getpass("Password: ").map({ String(cString: $0) }), !first.isEmpty,
        let second = getpass("Again: ").map({ String(cString: $0) }), first == second
    else { throw ValidationError("the passwords were empty or did not match") }
    return first
}

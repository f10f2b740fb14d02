import ArgumentParser
import Foundation
import HubCore
import HubTeam

/// `partnerhub team init | add-agent NAME | add-poller NAME`: set up a team's PostgreSQL for
/// deployment (docs/team.md, "Deployment"), run by the database's administrator.
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Set up the team's PostgreSQL: schema, roles and grants (docs/team.md).",
        subcommands: [TeamInitCommand.self, TeamAddAgentCommand.self, TeamAddPollerCommand.self])
}

struct TeamInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the schema, the partnerhub_agent and partnerhub_poller group roles, and their grants.",
        discussion: "Run as the role that is to own the tables (it needs CREATEROLE). Safe to run again, e.g. after an upgrade.")
    @OptionGroup var team: TeamOptions

    func run() async throws {
        let url = try team.require(for: "team init")
        let db = TeamDatabase(url: url)
        defer { Task { await db.close() } }
        try await runTeamAdmin { try await TeamSecurity.initialize(db) }
        print("""
        The team database \(url) is set up (\(url.tlsSummary)).
        Its tables belong to \(url.username). Agents log in as members of \(TeamSecurity.Group.agent.rawValue), \
        the poller as a member of \(TeamSecurity.Group.poller.rawValue):
          partnerhub team add-agent NAME --database '\(url.shareable)'
          partnerhub team add-poller NAME --database '\(url.shareable)'
        """)
    }
}

struct TeamAddAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-agent",
        abstract: "Create a login role for one agent, in partnerhub_agent: their audit identity.")
    @Argument(help: "The agent's role name (letters, digits, _ . -); the audit log names them by it.") var name: String
    @OptionGroup var team: TeamOptions

    func run() async throws { try await addMember(name: name, group: .agent, team: team) }
}

struct TeamAddPollerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-poller",
        abstract: "Create a login role for `partnerhub serve`, in partnerhub_poller.")
    @Argument(help: "The poller's role name (letters, digits, _ . -).") var name: String
    @OptionGroup var team: TeamOptions

    func run() async throws { try await addMember(name: name, group: .poller, team: team) }
}

/// Creates (or adds to the group) `name`, then says how to give it a password and what URL it
/// connects with. The password is never taken on the command line.
func addMember(name: String, group: TeamSecurity.Group, team: TeamOptions) async throws {
    do { _ = try TeamSecurity.checkName(name) } catch {
        printError("partnerhub: \(error)")
        throw ExitCode(ExitStatus.usage)
    }
    let url = try team.require(for: "team add-\(group == .agent ? "agent" : "poller")")
    let db = TeamDatabase(url: url)
    defer { Task { await db.close() } }
    let created = try await runTeamAdmin { try await TeamSecurity.addMember(db, name: name, group: group) }
    var theirs = url
    theirs.username = name
    theirs.password = nil
    if theirs.sslMode != .verifyFull { theirs.sslMode = .verifyFull }
    let command = group == .agent ? "partnerhub --database '\(theirs.shareable)'" : "partnerhub serve --database '\(theirs.shareable)'"
    print("""
    \(created ? "Created the role \(name)" : "The role \(name) exists; it is now") in \(group.rawValue).
    Give it a password as an administrator (typed, not on a command line):
      psql '\(url)' -c '\\password "\(name)"'
    Then \(name) connects with (the password in PGPASSWORD or ~/.pgpass, or in the config file's [database] url;
    sslrootcert=FILE when the server's CA is not in the system's trust store):
      \(command)
    """)
}

/// An administrative step's refusal in words (who may do it), exit 1.
func runTeamAdmin<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let e as TeamDatabaseError {
        if case .server("42501", let message) = e {
            printError("partnerhub: \(Sanitizer.oneLine(message, max: 300)): run this as the role that owns the team's tables, with CREATEROLE (docs/team.md)")
        } else {
            printError("partnerhub: \(Sanitizer.oneLine(e.description, max: 300))")
        }
        throw ExitCode(ExitStatus.apiError)
    }
}

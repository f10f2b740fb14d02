import ForeignServer
import Foundation
import HubCore
import Testing

/// The built binary against a Partner API server that is not the sandbox: the channels table
/// and the CSV say what the seed's rules say for every documented shape, with the company from
/// the client list; a wrong base URL or key is one line and exit 1, promptly.
@Suite(.serialized, .tags(.e2e)) struct ForeignServerCLITests {
    func env(_ server: ForeignPartnerServer, key: String = ForeignPartnerServer.apiKey) -> [String: String] {
        ["PARTNERHUB_API_KEY": key]
    }

    func live(_ server: ForeignPartnerServer, base: String? = nil) -> [String] {
        ["--api-base", base ?? server.baseURL, "--partner-id", ForeignPartnerServer.partnerId]
    }

    @Test func channelsTableMatchesTheSeed() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let r = try Binary.run(["channels"] + live(server), env: env(server))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map(String.init)
        let companies = ["fgn1CL": "Müller Bäckerei GmbH", "fgn2CL": "Acme Corp", "fgn3CL": "Sakura Trading K.K.", "fgn4CL": "Legacy Classic Ltd"]
        for (id, e) in ForeignPartnerServer.expectations() {
            let row = try #require(rows.first { $0.hasPrefix(id + " ") }, "\(id) is in the table")
            let cells = row.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(cells.contains(e["status"] ?? "?"), "\(id): \(row)")
            let client = cells.last ?? ""
            #expect(cells.contains(companies[client] ?? "?"), "\(id): the company comes from the client list: \(row)")
        }
        #expect(!rows.dropFirst().contains { $0.contains(" Company ") }, "never the embedded placeholder")
        #expect(r.stdout.contains("19 of 19 channels"))
    }

    @Test func csvMatchesTheSeed() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let r = try Binary.run(["export-csv"] + live(server), env: env(server))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "Company legal name,WhatsApp number,Contact email,Message on behalf,Meta business verification,Number registration")
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: ForeignPartnerServer.fixture("channels.json")).items
        for (id, e) in ForeignPartnerServer.expectations() {
            let phone = try #require(channels.first { $0.id == id }?.phoneNumberE164)
            let line = try #require(lines.first { $0.contains(",\(phone),") }, "\(id) in the CSV")
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(Array(fields.suffix(3)) == [e["obo"], e["mbv"], e["reg"]].compactMap { $0 }, "\(id): \(line)")
        }
        #expect(lines.contains { $0.hasPrefix("Sakura Trading K.K.,+4915100000012,taro@sakura.example,") })
    }

    @Test func clientsTableSaysThePaymentModelIsNotConfigured() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let r = try Binary.run(["clients"] + live(server), env: env(server))
        #expect(r.status == 0, "\(r.stderr)")
        // fgn4CL's "payment_model": "direct" is not a field of the public API: ignored.
        #expect(!r.stdout.contains("direct"))
        #expect(r.stdout.contains("not configured"))
        let configured = try Binary.run(["clients"] + live(server), env: env(server).merging(["PARTNERHUB_PAYMENT_MODEL": "direct"]) { $1 })
        #expect(configured.stdout.components(separatedBy: "direct").count - 1 == 4)
        let bad = try Binary.run(["clients"] + live(server), env: env(server).merging(["PARTNERHUB_PAYMENT_MODEL": "prepaid"]) { $1 })
        #expect(bad.status == 2 && bad.stderr.contains("payment_model must be"))
    }

    @Test func aWrongBaseURLIsOneLineAndExit1() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        let started = Date()
        for command in [["channels"], ["clients"], ["watch", "--interval", "1"]] {
            let r = try Binary.run(command + live(server, base: server.origin), env: env(server), timeout: 30)
            #expect(r.status == 1, "\(command): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(command): one line: \(r.stderr)")
            #expect(r.stderr.contains("--api-base must end in /api/v2"), "\(command): \(r.stderr)")
        }
        #expect(Date().timeIntervalSince(started) < 20, "no retry loop")
    }

    @Test func aRejectedKeyIsOneLineAndExit1() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        for command in [["channels"], ["watch", "--interval", "1"]] {
            let r = try Binary.run(command + live(server), env: env(server, key: "revoked-key"), timeout: 30)
            #expect(r.status == 1, "\(command): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(command): \(r.stderr)")
            #expect(!r.stderr.contains("revoked-key"), "never the secret")
        }
    }
}

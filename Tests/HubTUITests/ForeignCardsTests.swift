import ForeignServer
import Foundation
import HubCore
import Testing
@testable import HubTUI

/// The cards of a live partner whose server sends the documented shapes loosely (the foreign
/// server's fixtures, not the sandbox): each card shows the state the seed's rules give, the
/// company from the client list, and Unknown (never an action) where the API said nothing.
@Suite struct ForeignCardsTests {
    static func state() throws -> AppState {
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: ForeignPartnerServer.fixture("channels.json")).items
        let clients = try HubJSON.decode(ListEnvelope<Client>.self, from: ForeignPartnerServer.fixture("clients.json")).items
        let partner = try HubJSON.decode(Partner.self, from: ForeignPartnerServer.fixture("partner.json"))
        var s = AppState(mode: .live, readOnly: false, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&s, .resized(width: 200, height: 80))
        _ = reduce(&s, .snapshotLoaded(partner: partner, clients: clients, channels: channels, asOf: Fixtures.now, fromCache: false))
        _ = reduce(&s, .liveStatusChanged(LiveStatus(phase: .idle, lastSuccess: Fixtures.now)))
        return s
    }

    /// The five lines of the card showing `phone`, cut to its box.
    static func card(_ phone: String, in lines: [String]) -> [String]? {
        for (y, line) in lines.enumerated() {
            guard let r = line.range(of: phone) else { continue }
            let x = line.distance(from: line.startIndex, to: r.lowerBound)
            return (y..<min(lines.count, y + 5)).map { row in
                let chars = Array(lines[row])
                guard x < chars.count else { return "" }
                let end = chars[x...].firstIndex(of: "│") ?? chars.count
                return String(chars[x..<end])
            }
        }
        return nil
    }

    @Test func everyCardShowsTheSeedsState() throws {
        let s = try Self.state()
        let lines = Screen.render(s, width: 200, height: 80, context: Fixtures.context).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: ForeignPartnerServer.fixture("channels.json")).items
        let companies = ["fgn1CL": "Müller Bäckerei GmbH", "fgn2CL": "Acme Corp", "fgn3CL": "Sakura Trading K.K.", "fgn4CL": "Legacy Classic Ltd"]
        for (id, e) in ForeignPartnerServer.expectations() {
            let ch = try #require(channels.first { $0.id == id })
            let phone = try #require(ch.phoneNumberE164)
            let card = try #require(Self.card(phone, in: lines), "\(id): no card for \(phone)")
            let label = e["status"] ?? "?"
            #expect(card[0].contains("● \(label)"), "\(id): \(card[0])")
            #expect(card[2].contains(companies[ch.clientId ?? ""] ?? "?"), "\(id): \(card[2])")
            #expect(!card[2].contains("Company"), "\(id): the embedded placeholder name is not the company")
            // A card asks something of the client only when a field said so.
            let unknownOnly = e["obo"]?.hasPrefix("Unknown") == true && e["mbv"]?.hasPrefix("Unknown") == true
            if unknownOnly, e["status"] == "Live" { #expect(!card[4].contains("!"), "\(id): a live number needs nothing: \(card[4])") }
        }
    }

    @Test func detailsSayWhichRuleDecided() throws {
        var s = try Self.state()
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: ForeignPartnerServer.fixture("channels.json")).items
        let ch = try #require(channels.first { $0.id == "fg13CH" }) // no version, status ready
        _ = reduce(&s, .grid(.select(channelId: ch.id)))
        _ = reduce(&s, .details(.open))
        let text = Screen.render(s, width: 200, height: 80, context: Fixtures.context).text
        #expect(text.contains("Classic Signup (v1), judged from its fields"))
        #expect(text.contains("status (Classic Signup)"))
        #expect(text.contains("Not configured (payment_model in config.toml)"))
    }
}

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
            // A long label has its short form on a narrow card ("Not approved").
            #expect(card[0].contains("● \(label)") || card[0].contains("● \(ch.lifecycle().shortLabel)"), "\(id): \(card[0])")
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
        #expect(text.contains("Not configured (set [connection] payment_model)"))
    }

    /// Issue 25: without `[connection] payment_model` the billing tab said "Partner payment:
    /// billed to the partner" and R/F/$ "pays through the partner", which nothing said. A
    /// balance other than 0 in the data says direct payment, and that is not overridden.
    @Test func anUnconfiguredPaymentModelIsSaidNeverGuessed() throws {
        var s = try Self.state()
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: ForeignPartnerServer.fixture("channels.json")).items
        let ch = try #require(channels.first { $0.id == "fg13CH" })
        let clientId = try #require(ch.resolvedClientId)
        _ = reduce(&s, .grid(.select(channelId: ch.id)))
        _ = reduce(&s, .details(.open))
        _ = reduce(&s, .details(.setTab(.billing)))
        var text = Screen.render(s, width: 200, height: 80, context: Fixtures.context).text
        #expect(text.contains("Payment model not configured (set [connection] payment_model)."))
        #expect(!text.contains("Partner payment"))
        for w in [Workflow.refund, .addFunds, .manageFunds] {
            _ = reduce(&s, .open(w))
            #expect(s.notifications.flash?.text.contains("payment model not configured (set [connection] payment_model)") == true, "\(w)")
            #expect(s.notifications.flash?.text.contains("pays through the partner") == false)
        }
        // The data says direct payment: a balance other than 0.
        _ = reduce(&s, .balanceLoaded(clientId: clientId, ClientBalance(currency: .eur, balance: Money(minorUnits: 1250, currency: .eur))))
        text = Screen.render(s, width: 200, height: 80, context: Fixtures.context).text
        #expect(!text.contains("Payment model not configured") && text.contains("Client balance"), "\(text)")
    }

    /// A connection the server refuses: the header and `L` say why, and that `r` tries again.
    @Test(arguments: [(80, 24), (120, 40)]) func stoppedConnectionInHeaderAndLiveStatus(_ size: (Int, Int)) throws {
        var s = try Self.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let reason = "Not found (404): --api-base must end in /api/v2 (e.g. https://hub.360dialog.io/api/v2); asked for partner fgnPA at http://127.0.0.1:8360"
        let sources = [SourceStatus(name: "channels", error: reason, used: 1, budget: "1 per 5 s", stopped: true),
                       SourceStatus(name: "clients", error: reason, used: 1, budget: "1 per 5 s", stopped: true)]
        _ = reduce(&s, .liveStatusChanged(LiveStatus(phase: .stopped(reason: reason), sources: sources)))
        let main = Screen.render(s, width: size.0, height: size.1, context: Fixtures.context)
        let header = String(main.text.split(separator: "\n").first ?? "")
        #expect(header.contains("stopped: Not found (404): --api"))
        #expect(header.contains("partnerhub Foreign"), "the partner stays readable: \(header)")
        Golden.check(main, "stopped-\(size.0)x\(size.1)")
        _ = reduce(&s, .overlay(.open(.liveStatus)))
        let overlay = Screen.render(s, width: size.0, height: size.1, context: Fixtures.context)
        #expect(overlay.text.contains("Stopped: Not found (404)"))
        #expect(overlay.text.contains("asked for partner fgnPA"), "the whole reason is there")
        #expect(overlay.text.contains("stopped: Not found"))
        Golden.check(overlay, "stopped-live-status-\(size.0)x\(size.1)")
    }

    @Test func aForbiddenClientIsMarkedOnItsCardsAndDetailsOnly() throws {
        var s = try Self.state()
        _ = reduce(&s, .balanceLoaded(clientId: "fgn1CL", ClientBalance(currency: Currency(code: "EUR")!, balance: Money(minorUnits: 1250, currency: Currency(code: "EUR")!))))
        _ = reduce(&s, .clientDataFailed(clientId: "fgn3CL", reason: "API error 403: Forbidden"))
        let lines = Screen.render(s, width: 200, height: 80, context: Fixtures.context).text.split(separator: "\n").map(String.init)
        let sakura = try #require(Self.card("+4915100000012", in: lines)) // fgn3CL
        #expect(sakura[3].contains("balance ✗"))
        let mueller = try #require(Self.card("+4915100000001", in: lines)) // fgn1CL
        #expect(!mueller[3].contains("balance ✗"))
        _ = reduce(&s, .grid(.select(channelId: "fg12CH")))
        _ = reduce(&s, .details(.open))
        let details = Screen.render(s, width: 200, height: 80, context: Fixtures.context).text
        #expect(details.contains("not available: API error 403: Forbidden"))
        // A later answer clears it.
        _ = reduce(&s, .balanceLoaded(clientId: "fgn3CL", ClientBalance(currency: Currency(code: "EUR")!, balance: nil)))
        #expect(s.clientErrors["fgn3CL"] == nil)
    }
}


extension ForeignCardsTests {
    /// Before any data: the body says why nothing loads instead of "Loading" forever.
    @Test(arguments: [(80, 24), (120, 40)]) func stoppedBeforeAnyDataSaysWhy(_ size: (Int, Int)) {
        var s = AppState(mode: .live, readOnly: false, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        _ = reduce(&s, .liveStatusChanged(LiveStatus(phase: .stopped(reason: "Credentials rejected (Not authorised: Invalid API key); fix the API key or password, then press r"))))
        let frame = Screen.render(s, width: size.0, height: size.1, context: Fixtures.context)
        #expect(frame.text.contains("Not connected. Credentials rejected"))
        #expect(!frame.text.contains("Loading WhatsApp Accounts"))
        Golden.check(frame, "stopped-no-data-\(size.0)x\(size.1)")
    }
}

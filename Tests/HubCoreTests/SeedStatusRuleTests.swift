import ForeignServer
import Foundation
import Testing
@testable import HubCore

/// The card state of every channel shape the reference documents, decoded from the foreign
/// server's fixtures (not the sandbox), checked against the seed's words. The seed,
/// `reference/seeds/004_7da0d63ea4302874.txt`, "How to understand the status of a channel":
///
/// > hub_status indicates the current status of the account. [...]
/// > if account_mode=live the account is live and ready to use
/// > if app_id exists = channel was not terminated
/// > if terminated_at exists = channel is pending deletion
/// > if app_id and terminated_at do not exist = channel is in draft
/// > Version 1 = Submitted through Classic Signup [...] A channel is live and running if the
/// > status is ready. [...] created: the account was created but the number wasn't registered
/// > [...] unverified: the account was not approved in the Commerce Policy review; verified: the
/// > account was approved in the Commerce Policy review; certificate_declined: display name was
/// > rejected; new_name_requested: display name was changed and is waiting for approval; ready:
/// > the number was registered and the API key can be generated; error: any other errors
/// > Version 2 = Submitted through Embedded Signup: The decisive field for the channel status is
/// > the account_mode field. A channel is live and running if the account mode is live.
/// > Statuses from the channel.status field can be ignored.
@Suite struct SeedStatusRuleTests {
    static let channels: [Channel] = (try? HubJSON.decode(ListEnvelope<Channel>.self, from: ForeignPartnerServer.fixture("channels.json")).items) ?? []
    static let expectations = Dictionary(ForeignPartnerServer.expectations().map { ($0.id, $0.expect) }, uniquingKeysWith: { a, _ in a })

    @Test func everyFixtureDecodes() {
        #expect(Self.channels.count == Self.expectations.count)
        #expect(Self.channels.count >= 19)
    }

    @Test(arguments: ForeignPartnerServer.expectations().map(\.id))
    func stateAndRuleMatchTheSeed(id: String) throws {
        let ch = try #require(Self.channels.first { $0.id == id })
        let e = try #require(Self.expectations[id])
        let decision = ch.statusDecision()
        #expect(decision.lifecycle.label == e["status"], "\(id): \(decision.lifecycle.label) by \(decision.rule)")
        #expect(decision.rule.rawValue == e["rule"], "\(id): decided by \(decision.rule)")
        let s = ActivationStatuses(channel: ch)
        #expect(s.messageOnBehalf.label(for: .messageOnBehalf) == e["obo"], "\(id) OBO")
        #expect(s.metaBusinessVerification.label(for: .metaBusinessVerification) == e["mbv"], "\(id) MBV")
        #expect(s.numberRegistration.label(for: .numberRegistration) == e["reg"], "\(id) REG")
    }

    @Test func aLiveNumberWithoutActivationObjectsNeedsNothing() throws {
        // fg12CH: account_mode live, no waba_account at all.
        let ch = try #require(Self.channels.first { $0.id == "fg12CH" })
        #expect(ch.lifecycle() == .live)
        #expect(ch.requiredActions().isEmpty)
    }

    @Test func looseShapesAreRead() throws {
        let byId = Dictionary(Self.channels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // `app_id` at the top level, as a number.
        #expect(byId["fg02CH"]?.appId == "104149")
        // A float version, a string version, a float app_id, a numeric phone number.
        #expect(byId["fg06CH"]?.version == 1)
        #expect(byId["fg07CH"]?.version == 1)
        #expect(byId["fg18CH"]?.appId == "104158")
        #expect(byId["fg18CH"]?.integration?.enabled == true)
        #expect(byId["fg16CH"]?.phoneNumberE164 == "+4915100000016")
        // An unparsable terminated_at is still "present".
        #expect(byId["fg19CH"]?.isTerminated == true)
        #expect(byId["fg19CH"]?.terminatedAt == nil)
        // Unknown enum values are kept as such.
        #expect(byId["fg15CH"]?.accountMode == .unknown("frozen"))
    }

    @Test func versionIsJudgedFromTheFieldsWhenAbsent() {
        let embedded = Channel(id: "aCH", accountMode: .sandbox, status: .ready, version: nil)
        #expect(embedded.signupVersion == .embedded(inferred: true))
        let classic = Channel(id: "bCH", status: .ready, version: nil)
        #expect(classic.signupVersion == .classic(inferred: true))
        #expect(classic.statusDecision().rule == .classicStatus)
        let bare = Channel(id: "cCH", version: nil)
        #expect(bare.signupVersion == .embedded(inferred: true))
        #expect(bare.statusDecision().rule == .embeddedDraft)
        // A version this build does not know is judged the same way.
        #expect(Channel(id: "dCH", accountMode: .live, version: 3).statusDecision().rule == .embeddedLive)
    }

    @Test func clientsDecodeLoosely() throws {
        let clients = try HubJSON.decode(ListEnvelope<Client>.self, from: ForeignPartnerServer.fixture("clients.json")).items
        let byId = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byId["fgn1CL"]?.maxChannels == 10)
        #expect(byId["fgn1CL"]?.contactInfo?.phone == "4930123456")
        #expect(byId["fgn2CL"]?.maxChannels == 5)
        #expect(byId["fgn3CL"]?.status == .unknown("suspended"))
        #expect(byId["fgn3CL"]?.suspicious == false)
        #expect(byId["fgn3CL"]?.createdAt != nil)
        #expect(byId["fgn4CL"]?.maxChannels == nil)
    }

    @Test func theCompanyComesFromTheClientList() throws {
        let clients = try HubJSON.decode(ListEnvelope<Client>.self, from: ForeignPartnerServer.fixture("clients.json")).items
        let byId = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ch = try #require(Self.channels.first { $0.id == "fg01CH" })
        #expect(ch.client?.name == "Company") // the embedded placeholder
        #expect(ch.companyLegalName(client: byId["fgn1CL"]) == "Müller Bäckerei GmbH")
        let acme = try #require(Self.channels.first { $0.id == "fg04CH" })
        #expect(acme.companyLegalName(client: byId["fgn2CL"]) == "Acme Corp") // organisation "" -> name
        #expect(acme.companyLegalName(client: nil) == "Company") // not in the list: the embedded one
    }

    @Test func cachedChannelsReadBackTheSame() throws {
        // What the database keeps (our own encoder) decodes to the same channels and states.
        let data = try HubJSON.encode(ListEnvelope(items: Self.channels, total: Self.channels.count, query: ListQuery()))
        let back = try HubJSON.decode(ListEnvelope<Channel>.self, from: data).items
        #expect(back == Self.channels)
        #expect(back.map { $0.statusDecision().rule } == Self.channels.map { $0.statusDecision().rule })
    }
}

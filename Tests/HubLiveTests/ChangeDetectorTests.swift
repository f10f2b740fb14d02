import Foundation
import Testing
import HubCore
@testable import HubLive

let t0 = Date(timeIntervalSince1970: 1_763_812_800)

func channel(_ id: String, live: Bool = false, appId: String? = "1", state: String = "created", fb: FBAccountStatus = .pending,
             obo: OBOStatus = .submitted, terminated: Bool = false, waba: WabaStatus = .approved) -> Channel {
    Channel(id: id, clientId: "cCL", accountMode: live ? .live : nil, terminatedAt: terminated ? t0 : nil,
            setupInfo: SetupInfo(phoneNumber: "4930\(id.filter(\.isNumber))", phoneName: "Shop"),
            wabaAccount: WabaAccount(id: "wWA", status: waba, fbAccountStatus: fb, onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: obo)),
            integration: appId.map { Integration(appId: $0, state: state) })
}

@Suite struct ChangeDetectorTests {
    func notes(_ old: [Channel], _ new: [Channel]) -> [HubNotification] {
        ChangeDetector.notifications(old: Dictionary(uniqueKeysWithValues: old.map { ($0.id, $0) }), new: new, at: t0)
    }

    @Test func wentLiveAndRegistered() {
        let n = notes([channel("1CH")], [channel("1CH", live: true, state: "running", fb: .verified, obo: .approved)])
        let texts = n.map(\.text)
        #expect(texts.contains("+49301 (Shop) is live"))
        #expect(texts.contains("+49301 (Shop): Number registration complete"))
        #expect(texts.contains("+49301 (Shop): Meta business verification verified"))
        #expect(texts.contains("+49301 (Shop): Message on behalf approved"))
        #expect(n.allSatisfy { $0.level == .info && $0.channelId == "1CH" && $0.clientId == "cCL" && $0.time == t0 })
    }

    @Test func pendingDeletionViolationAndRejection() {
        let live = channel("2CH", live: true, state: "running", fb: .verified, obo: .approved)
        #expect(notes([live], [channel("2CH", live: true, state: "running", fb: .verified, obo: .approved, terminated: true)]).map(\.level) == [.warning])
        let violation = notes([live], [channel("2CH", live: true, state: "running", fb: .verified, obo: .approved, waba: .accountViolation)])
        #expect(violation.count == 1 && violation[0].level == .error && violation[0].text.contains("account violation"))
        let rejected = notes([channel("3CH")], [channel("3CH", fb: .rejected)])
        #expect(rejected.count == 1 && rejected[0].level == .warning && rejected[0].text.hasSuffix("Meta business verification rejected"))
    }

    @Test func newAndGoneNumbersAndNothingWhenUnchanged() {
        let a = channel("4CH"), b = channel("5CH")
        #expect(notes([a], [a]).isEmpty)
        let n = notes([a], [b])
        #expect(Set(n.map(\.id)) == ["5CH-new", "4CH-gone"])
    }

    /// The same change gives the same ID, so the store shows it once.
    @Test func idsAreStable() {
        let before = [channel("6CH")], after = [channel("6CH", live: true, state: "running")]
        #expect(notes(before, after).map(\.id) == notes(before, after).map(\.id))
        var q = NotificationQueue()
        for n in notes(before, after) + notes(before, after) { q.push(n) }
        #expect(q.history.count == notes(before, after).count)
    }
}

/// A service whose answers the test decides.
actor FakeService: PartnerService {
    var channels: [Channel]
    var failing = false
    var calls = 0

    init(channels: [Channel]) { self.channels = channels }

    func set(_ c: [Channel]) { channels = c }
    func fail(_ f: Bool) { failing = f }

    func partner() async throws -> Partner { Partner(id: "pPA") }
    func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client> { ListEnvelope(items: [Client(id: "cCL")], total: 1, query: query) }
    func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel> {
        calls += 1
        if failing { throw ServiceError.api(status: 503, body: APIErrorBody(httpCode: 503, developerMessage: "down")) }
        return ListEnvelope(items: channels, total: channels.count, query: query)
    }
    func allChannels(query: ListQuery) async throws -> [Channel] { try await listChannels(query).items }
    func allClients(query: ListQuery) async throws -> [Client] { [Client(id: "cCL")] }
    func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance { throw ServiceError.notFound("x") }
    func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client { throw ServiceError.notFound("x") }
    func listTemplates(wabaAccountId: String, _ query: ListQuery) async throws -> ListEnvelope<Template> { ListEnvelope(items: [], total: 0, query: query) }
    func listPartnerChangeRequests(_ query: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest> { ListEnvelope(items: [], total: 0, query: query) }
    func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest { throw ServiceError.notFound("x") }
    func setPartnerChangeAutoApprove(_ enabled: Bool) async throws -> Bool { enabled }
    func createTemplate(wabaAccountId: String, _ draft: TemplateDraft) async throws -> Template { throw ServiceError.notFound("x") }
    func deleteTemplate(wabaAccountId: String, templateId: String) async throws {}
    func createChannelAPIKey(channelId: String) async throws -> ChannelAPIKey { throw ServiceError.notFound("x") }
    func health(apiKey: String) async throws -> HealthStatus { HealthStatus(gatewayStatus: "connected") }
    func phoneNumber(apiKey: String) async throws -> String { "" }
    func payments(channelId: String) async throws -> [Payment] { [] }
    func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money { amount }
    func requestRefund(channelId: String, idempotencyKey: String) async throws -> Refund { throw ServiceError.notFound("x") }
    func refunds(channelId: String?) async throws -> [Refund] { [] }
    func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String, idempotencyKey: String) async throws -> PartnerChangeSubmission { throw ServiceError.notFound("x") }
    func permissions(clientId: String) async throws -> [String] { [] }
    func setPermissions(clientId: String, channelIds: [String]) async throws -> [String] { channelIds }
    func users() async throws -> [HubUser] { [] }
    func addUser(name: String, email: String) async throws -> HubUser { throw ServiceError.notFound("x") }
}

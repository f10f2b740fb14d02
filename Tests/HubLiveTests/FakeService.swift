import Foundation
import HubCore

/// A service whose answers the test decides.
actor FakeService: PartnerService {
    var channels: [Channel]
    var failing = false
    var calls = 0
    var balance = Money(minorUnits: 500, currency: Currency(code: "EUR")!)
    var pcrs: [PartnerChangeRequest] = []
    var refundList: [Refund] = []
    var healthCalls = 0
    var balanceCalls: [String: Int] = [:]
    var refundsUnavailable = false

    init(channels: [Channel]) { self.channels = channels }

    func set(_ c: [Channel]) { channels = c }
    func fail(_ f: Bool) { failing = f }
    func setBalance(_ minor: Int64) { balance = Money(minorUnits: minor, currency: Currency(code: "EUR")!) }
    func setPCRs(_ p: [PartnerChangeRequest]) { pcrs = p }
    func setRefunds(_ r: [Refund]) { refundList = r }
    func setRefundsUnavailable() { refundsUnavailable = true }

    func partner() async throws -> Partner { Partner(id: "pPA") }
    func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client> { ListEnvelope(items: [Client(id: "cCL")], total: 1, query: query) }
    func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel> {
        calls += 1
        if failing { throw ServiceError.api(status: 503, body: APIErrorBody(httpCode: 503, developerMessage: "down")) }
        return ListEnvelope(items: channels, total: channels.count, query: query)
    }
    func allChannels(query: ListQuery) async throws -> [Channel] { try await listChannels(query).items }
    func allClients(query: ListQuery) async throws -> [Client] { [Client(id: "cCL")] }
    func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance {
        balanceCalls[clientId, default: 0] += 1
        return ClientBalance(currency: balance.currency, balance: balance, lastRenewal: nil, usage: [])
    }
    func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client { throw ServiceError.notFound("x") }
    func listTemplates(wabaAccountId: String, _ query: ListQuery) async throws -> ListEnvelope<Template> { ListEnvelope(items: [], total: 0, query: query) }
    func listPartnerChangeRequests(_ query: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest> { ListEnvelope(items: pcrs, total: pcrs.count, query: query) }
    func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest { throw ServiceError.notFound("x") }
    func setPartnerChangeAutoApprove(_ enabled: Bool) async throws -> Bool { enabled }
    func createTemplate(wabaAccountId: String, _ draft: TemplateDraft) async throws -> Template { throw ServiceError.notFound("x") }
    func deleteTemplate(wabaAccountId: String, templateId: String) async throws {}
    func createChannelAPIKey(channelId: String) async throws -> ChannelAPIKey { throw ServiceError.notFound("x") }
    func health(apiKey: String) async throws -> HealthStatus { healthCalls += 1; return HealthStatus(gatewayStatus: "connected") }
    func phoneNumber(apiKey: String) async throws -> String { "" }
    func payments(channelId: String) async throws -> [Payment] { [] }
    func funds(channelId: String) async throws -> ChannelFunds { throw ServiceError.notFound("x") }
    func destinationPartner(id: String) async throws -> PartnerSummary { throw ServiceError.notFound("x") }
    func partnerChangeEligibility(clientId: String) async throws -> PartnerChangeEligibility { PartnerChangeEligibility(available: true) }
    func withdrawPartnerChange(id: String) async throws -> PartnerChangeRequest { throw ServiceError.notFound("x") }
    func confirmPaymentMethod(partnerChangeRequestId: String) async throws -> PartnerChangeRequest { throw ServiceError.notFound("x") }
    func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money { amount }
    func requestRefund(channelId: String, expectedTotal: Money?, idempotencyKey: String) async throws -> Refund { throw ServiceError.notFound("x") }
    func refunds(channelId: String?) async throws -> [Refund] {
        if refundsUnavailable { throw ServiceError.unavailable(operation: "Refunds", hubURL: "https://hub.360dialog.com") }
        return refundList
    }
    func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String, company: PartnerChangeWizard.CompanyInformation?, idempotencyKey: String) async throws -> PartnerChangeSubmission { throw ServiceError.notFound("x") }
    func permissions(clientId: String) async throws -> [String] { [] }
    func setPermissions(clientId: String, channelIds: [String]) async throws -> [String] { channelIds }
    func users() async throws -> [HubUser] { [] }
    func cloudHealth(apiKey: String) async throws -> CloudHealthStatus { throw ServiceError.notFound("x") }
    func addUser(name: String, email: String, role: String?) async throws -> HubUser { throw ServiceError.notFound("x") }
}

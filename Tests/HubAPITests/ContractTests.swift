import Foundation
import Testing
import HubAPI
import HubCore
import HubSandbox

/// One contract, two implementations: the in-process sandbox and the HTTP client talking to
/// the HTTP sandbox on 127.0.0.1. Every test runs on both.
enum Backend: String, CaseIterable, Sendable { case inProcess, http }

func withService<T: Sendable>(_ backend: Backend, time: ManualTime = ManualTime(reference + 3600),
                              _ body: @Sendable (any PartnerService, SandboxEngine, ManualTime) async throws -> T) async throws -> T {
    let engine = makeEngine(time: time)
    switch backend {
    case .inProcess: return try await body(engine, engine, time)
    case .http: return try await withHTTPSandbox(engine) { base in try await body(makeClient(base, time: time), engine, time) }
    }
}

@Suite struct ContractTests {
    @Test(arguments: Backend.allCases) func partnerAndLists(_ backend: Backend) async throws {
        try await withService(backend) { s, _, _ in
            #expect(try await s.partner().id == "sandboxPA")
            let clients = try await s.listClients(ListQuery(limit: 5, sort: ["-name"]))
            #expect(clients.count == 5 && clients.total == 30 && clients.sort == ["-name"] && clients.limit == 5)
            let all = try await s.allChannels()
            let page = try await s.listChannels(ListQuery(limit: 7, offset: 3))
            #expect(page.items.map(\.id) == Array(all.map(\.id)[3..<10]))
            let target = all[5]
            let byId = try await s.listChannels(ListQuery(filters: ["id": .string(target.id)]))
            #expect(byId.items == [target] && byId.filters == ["id": .string(target.id)])
            let byPhone = try await s.listChannels(ListQuery(filters: ["setup_info.phone_number": .string(target.setupInfo!.phoneNumber!)]))
            #expect(byPhone.items.map(\.id) == [target.id])
            let sorted = try await s.listChannels(ListQuery(limit: 1000, sort: ["-created_at", "id"]))
            #expect(sorted.items.map { $0.createdAt! } == sorted.items.map { $0.createdAt! }.sorted(by: >))
        }
    }

    @Test(arguments: Backend.allCases) func patchClientMaxChannels(_ backend: Backend) async throws {
        try await withService(backend) { s, _, _ in
            let c = try await s.listClients(ListQuery(limit: 1)).items[0]
            #expect(try await s.updateClient(clientId: c.id, ClientPatch(partnerPayload: c.partnerPayload ?? "", maxChannels: 42)).maxChannels == 42)
            do {
                _ = try await s.updateClient(clientId: c.id, ClientPatch(partnerPayload: "not it", maxChannels: 3))
                Issue.record("wrong partner_payload accepted")
            } catch ServiceError.api(let status, let body) {
                #expect(status == 400 && body.meta.details == ["partner_payload"])
            }
            do {
                _ = try await s.updateClient(clientId: "missingCL", ClientPatch(partnerPayload: "", maxChannels: 3))
                Issue.record("unknown client accepted")
            } catch ServiceError.api(let status, _) {
                #expect(status == 404)
            }
        }
    }

    @Test(arguments: Backend.allCases) func balanceOfADirectClient(_ backend: Backend) async throws {
        try await withService(backend) { s, _, _ in
            let direct = try #require(try await s.allClients().first { $0.isDirectPayment })
            let b = try await s.clientBalance(clientId: direct.id, period: .fromMonth(month: 11, year: 2025))
            #expect(b.usage.first?.periodDate == Timestamp.parse("2025-11-01T00:00:00Z"))
            #expect(b.balance != nil)
        }
    }

    @Test(arguments: Backend.allCases) func templates(_ backend: Backend) async throws {
        try await withService(backend) { s, _, _ in
            let waba = try #require(try await s.allChannels().first?.wabaAccount?.id)
            let t = try await s.createTemplate(wabaAccountId: waba, TemplateDraft(name: "order_ready", category: .utility, language: "en",
                                                                                  components: [.object(["type": "BODY", "text": "Order {{1}} is ready"])]))
            let listed = try await s.listTemplates(wabaAccountId: waba, ListQuery(filters: ["business_templates.name": "order_ready"], sort: ["business_templates.name"]))
            #expect(listed.items.map(\.id) == [t.id] && t.status == .submitted)
            // The same name and language again: the reference's text, on the name field.
            do {
                _ = try await s.createTemplate(wabaAccountId: waba, TemplateDraft(name: "order_ready", category: .utility, language: "en", components: []))
                Issue.record("duplicate template accepted")
            } catch ServiceError.api(400, let body) {
                #expect(body.meta.developerMessage?.contains("is already in use. Please choose a different name for your template.") == true)
                #expect(body.meta.details == ["name"])
            }
            try await s.deleteTemplate(wabaAccountId: waba, templateId: t.id)
            #expect(try await s.listTemplates(wabaAccountId: waba, ListQuery(filters: ["id": .string(t.id)])).total == 0)
        }
    }

    @Test(arguments: Backend.allCases) func modeledOperations(_ backend: Backend) async throws {
        try await withService(backend) { s, engine, _ in
            let channels = try await s.allChannels()
            var refundable: String?
            for ch in channels {
                guard let f = try? await engine.funds(channelId: ch.id), let balance = f.balance, f.prePayment else { continue }
                let input = RefundInput(payments: try await s.payments(channelId: ch.id), billableUsageSinceLatestPayment: f.usageSinceLatestPayment!,
                                        balance: balance, prePaymentEnabled: true)
                if case .refundable = RefundPlanner.plan(input) { refundable = ch.id; break }
            }
            let id = try #require(refundable)
            let r1 = try await s.requestRefund(channelId: id, idempotencyKey: "same-key")
            let r2 = try await s.requestRefund(channelId: id, idempotencyKey: "same-key")
            #expect(r1 == r2)
            #expect(try await s.refunds(channelId: id).map(\.id) == [r1.id])

            let live = try #require(channels.first { $0.lifecycle() == .live })
            let partners = await engine.destinationPartners()
            let target = try #require(partners.first { !$0.differentPaymentProcessor })
            let sub = try await s.submitPartnerChange(clientId: live.clientId!, wabaAccountId: live.wabaAccount!.id, targetPartnerId: target.id, idempotencyKey: "pc1")
            #expect(sub.partnerChangeRequest.status == .pending && sub.paymentMethodRequired == target.paymentMethodRequired)
            let blocked = try #require(partners.first { $0.differentPaymentProcessor })
            do {
                _ = try await s.submitPartnerChange(clientId: live.clientId!, wabaAccountId: live.wabaAccount!.id, targetPartnerId: blocked.id, idempotencyKey: "pc2")
                Issue.record("different processor accepted")
            } catch ServiceError.api(_, let body) {
                #expect(body.meta.developerMessage == differentPaymentProcessorMessage)
            }

            let perms = try await s.setPermissions(clientId: live.clientId!, channelIds: [live.id])
            #expect(perms == [live.id])
            #expect(try await s.permissions(clientId: live.clientId!) == [live.id])
            let before = try await s.users().count
            let u = try await s.addUser(name: "Zoë Agent", email: "zoe@partner.example", role: "admin")
            #expect(try await s.users().count == before + 1 && u.name == "Zoë Agent" && u.role == "admin")
            // The same email again, in other case: a 400 that names the email field (C8).
            do {
                _ = try await s.addUser(name: "Zoe Again", email: "ZOE@partner.example", role: nil)
                Issue.record("duplicate email accepted")
            } catch ServiceError.api(400, let body) {
                #expect(body.meta.details == ["email"])
            }
            await #expect(throws: ServiceError.self) { try await s.addUser(name: "Boss", email: "boss@partner.example", role: "owner") }
        }
    }

    @Test(arguments: Backend.allCases) func apiKeyHealthAndNumber(_ backend: Backend) async throws {
        try await withService(backend) { s, _, _ in
            let ch = try #require(try await s.allChannels().first { $0.lifecycle() == .live && $0.integration?.isRunning == true && $0.terminatedAt == nil })
            _ = try await s.setPermissions(clientId: ch.clientId!, channelIds: [ch.id])
            let key = try await s.createChannelAPIKey(channelId: ch.id)
            #expect(!key.apiKey.isEmpty)
            #expect(try await s.health(apiKey: key.apiKey).gatewayStatus == "connected")
            #expect(try await s.phoneNumber(apiKey: key.apiKey) == ch.setupInfo?.phoneNumber)
            await #expect(throws: ServiceError.self) { try await s.phoneNumber(apiKey: "nonsense") }
            // Cloud API numbers: /health_status on the Cloud messaging host (reference §12).
            let cloud = try await s.cloudHealth(apiKey: key.apiKey)
            #expect(cloud.healthStatus.canSendMessage == "AVAILABLE" && cloud.healthStatus.entities?.first?.entityType == "PHONE_NUMBER")
            await #expect(throws: ServiceError.self) { try await s.cloudHealth(apiKey: "nonsense") }
        }
    }

    @Test func bothImplementationsGiveTheSameChannels() async throws {
        let a = try await withService(.inProcess) { s, _, _ in try await s.allChannels() }
        let b = try await withService(.http) { s, _, _ in try await s.allChannels() }
        #expect(a == b)
        #expect(a.count > 50)
    }
}

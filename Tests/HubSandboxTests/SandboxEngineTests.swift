import Foundation
import Testing
import HubCore
@testable import HubSandbox

let reference = Date(timeIntervalSince1970: 1_763_769_600) // 2025-11-22T00:00:00Z

func engine(seed: UInt64 = 7, clients: Int = 60, time: ManualTime = ManualTime(reference + 3600), configure: (inout SandboxConfig) -> Void = { _ in }) -> SandboxEngine {
    var c = SandboxConfig()
    c.seed = seed
    c.clients = clients
    c.reference = reference
    configure(&c)
    return SandboxEngine(config: c, time: time.source)
}

@Suite struct SandboxGenerationTests {
    @Test func sameSeedSameWorld() async throws {
        let a = try await engine(seed: 3).allChannels()
        let b = try await engine(seed: 3).allChannels()
        #expect(a == b)
        let c = try await engine(seed: 4).allChannels()
        #expect(a != c)
    }

    @Test func coversEveryStateAndPlatform() async throws {
        let e = engine(clients: 120)
        let channels = try await e.allChannels()
        let kinds = Set(channels.map { $0.lifecycle().kind })
        // Every state but Unknown, which only incomplete live data produces.
        #expect(kinds == Set(Lifecycle.Kind.allCases).subtracting([.unknown]))
        #expect(Set(channels.map(\.hostingPlatform)) == [.cloudAPI, .onPremise])
        let clients = try await e.allClients()
        #expect(clients.count == 120)
        let perClient = Dictionary(grouping: channels, by: { $0.clientId ?? "" }).mapValues(\.count)
        #expect(perClient.values.allSatisfy { (1...10).contains($0) })
        #expect(channels.allSatisfy { $0.id.hasSuffix("CH") && ($0.wabaAccount?.id.hasSuffix("WA") ?? false) })
        #expect(clients.allSatisfy { $0.id.hasSuffix("CL") })
        #expect(Set(channels.compactMap(\.setupInfo?.phoneNumber)).count == channels.count)
        let names = clients.compactMap(\.organisation).joined()
        #expect(names.contains { $0.unicodeScalars.first!.value > 0x4E00 && $0.unicodeScalars.first!.value < 0x9FFF }) // CJK
        #expect(names.unicodeScalars.contains { (0x0590...0x06FF).contains($0.value) }) // right-to-left
        #expect(names.unicodeScalars.contains { $0.properties.isEmojiPresentation })
        #expect(names.contains("ü") || names.contains("é"))
        // Direct-payment numbers with positive, zero and negative balances, and fees.
        var balances: [Money] = []
        var fees = 0
        for ch in channels {
            if let f = try? await e.funds(channelId: ch.id), let b = f.balance { balances.append(b) }
            fees += try await e.payments(channelId: ch.id).filter { $0.processingFee.isPositive }.count
        }
        #expect(balances.contains { $0.isPositive } && balances.contains { $0.isZero } && balances.contains { $0.isNegative })
        #expect(fees > 0)
    }

    @Test func tenThousandClientsScale() async throws {
        let e = engine(clients: 10_000)
        let page = try await e.listChannels(ListQuery(limit: 1000))
        #expect(page.count == 1000)
        #expect(page.total > 25_000)
    }
}

@Suite struct SandboxListTests {
    @Test func envelopeFiltersSortAndPaging() async throws {
        let e = engine()
        let all = try await e.listChannels(ListQuery(limit: 10_000))
        #expect(all.total == all.count)
        let first = try await e.listChannels(ListQuery(limit: 5, offset: 0))
        let second = try await e.listChannels(ListQuery(limit: 5, offset: 5))
        #expect(first.items.count == 5 && second.items.count == 5 && first.total == all.total)
        #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
        #expect(first.items.map(\.id) == first.items.map(\.id).sorted()) // default sort: id

        let one = all.items[17]
        let byId = try await e.listChannels(ListQuery(filters: ["id": .string(one.id)]))
        #expect(byId.items == [one] && byId.total == 1 && byId.filters == ["id": .string(one.id)])
        let byPhone = try await e.listChannels(ListQuery(filters: ["setup_info.phone_number": .string(one.setupInfo!.phoneNumber!)]))
        #expect(byPhone.items.map(\.id) == [one.id])
        let live = try await e.listChannels(ListQuery(filters: ["account_mode": "live"], limit: 10_000))
        #expect(live.items.allSatisfy { $0.accountMode == .live } && live.total > 0)
        let byClient = try await e.listChannels(ListQuery(filters: ["client_id": .string(one.clientId!), "waba_account.id": .string(one.wabaAccount!.id)], limit: 100))
        #expect(byClient.items.contains(one))

        let desc = try await e.listChannels(ListQuery(limit: 10_000, sort: ["-created_at", "id"]))
        let dates = desc.items.map { $0.createdAt! }
        #expect(dates == dates.sorted(by: >))
        #expect(desc.sort == ["-created_at", "id"])

        let clients = try await e.listClients(ListQuery(limit: 3, sort: ["-name"]))
        #expect(clients.count == 3 && clients.limit == 3)
        let names = clients.items.map { $0.name ?? "" }
        #expect(names == names.sorted(by: >))
    }

    @Test func patchMaxChannelsNeedsThePartnerPayload() async throws {
        let e = engine()
        let client = try await e.listClients(ListQuery(limit: 1)).items[0]
        let patched = try await e.updateClient(clientId: client.id, ClientPatch(partnerPayload: client.partnerPayload ?? "", maxChannels: 42))
        #expect(patched.maxChannels == 42)
        await #expect(throws: ServiceError.self) { try await e.updateClient(clientId: client.id, ClientPatch(partnerPayload: "wrong", maxChannels: 5)) }
        await #expect(throws: ServiceError.self) { try await e.updateClient(clientId: client.id, ClientPatch(partnerPayload: client.partnerPayload ?? "", maxChannels: 0)) }
        do {
            _ = try await e.updateClient(clientId: "nopeCL", ClientPatch(partnerPayload: "", maxChannels: 5))
        } catch let ServiceError.api(status, body) {
            #expect(status == 404 && body.meta.httpCode == 404 && body.meta.success == false)
        }
    }
}

@Suite struct SandboxBehaviourTests {
    @Test func balanceIsRateLimitedPerClient() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(time: time)
        let clients = try await e.allClients()
        let direct = try #require(clients.first { $0.isDirectPayment })
        let other = try #require(clients.first { !$0.isDirectPayment })
        let b = try await e.clientBalance(clientId: direct.id, period: .currentMonth)
        #expect(b.usage.count == 1)
        do {
            _ = try await e.clientBalance(clientId: direct.id, period: .currentMonth)
            Issue.record("second request within 10 s was answered")
        } catch ServiceError.rateLimited(let after) {
            #expect(after == 10)
        }
        // Other clients have their own budget; partner-paid clients read 0 (C10).
        let zero = try await e.clientBalance(clientId: other.id, period: .fromMonth(month: 1, year: 2025))
        #expect(zero.balance?.isZero == true)
        time.advance(by: 10)
        _ = try await e.clientBalance(clientId: direct.id, period: .currentMonth)
    }

    @Test func channelsWalkToLiveAsTimePasses() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(time: time)
        let events = await e.events()
        let before = try await e.allChannels()
        time.advance(by: 120) // 2 real minutes = 2 sandbox hours at the default scale
        let after = try await e.allChannels()
        let wentLive = after.filter { a in a.lifecycle() == .live && before.first { $0.id == a.id }?.lifecycle() != .live }
        #expect(!wentLive.isEmpty)
        var names: Set<String> = []
        for await e in events { names.insert(e.event); if names.contains("channel_live") { break } }
        #expect(names.contains("channel_live"))
    }

    @Test func refundFollowsThePlannerAndIsIdempotent() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(time: time)
        var target: (String, RefundPlan)?
        for ch in try await e.allChannels() {
            guard let f = try? await e.funds(channelId: ch.id), let balance = f.balance else { continue }
            let input = RefundInput(payments: try await e.payments(channelId: ch.id), billableUsageSinceLatestPayment: f.usageSinceLatestPayment!,
                                    balance: balance, prePaymentEnabled: f.prePayment)
            if case .refundable(let plan) = RefundPlanner.plan(input) { target = (ch.id, plan); break }
        }
        let (channelId, plan) = try #require(target)
        let r1 = try await e.requestRefund(channelId: channelId, idempotencyKey: "k1")
        let r2 = try await e.requestRefund(channelId: channelId, idempotencyKey: "k1")
        #expect(r1 == r2 && r1.amount == plan.total && r1.status == .processing)
        await #expect(throws: ServiceError.self) { try await e.requestRefund(channelId: channelId, idempotencyKey: "k2") }
        time.advance(by: 72 * 60) // 72 sandbox hours
        #expect(try await e.refunds(channelId: channelId).first?.status == .completed)
    }

    @Test func partnerChangeByPartnerKind() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(time: time)
        let partners = await e.destinationPartners()
        let other = try #require(partners.first { $0.differentPaymentProcessor })
        let auto = try #require(partners.first { $0.autoApprove && !$0.differentPaymentProcessor })
        let ch = try #require(try await e.allChannels().first { $0.lifecycle() == .live })
        do {
            _ = try await e.submitPartnerChange(clientId: ch.clientId!, wabaAccountId: ch.wabaAccount!.id, targetPartnerId: other.id, idempotencyKey: "a")
            Issue.record("different payment processor accepted")
        } catch let ServiceError.api(_, body) {
            #expect(body.meta.developerMessage == differentPaymentProcessorMessage)
        }
        let s = try await e.submitPartnerChange(clientId: ch.clientId!, wabaAccountId: ch.wabaAccount!.id, targetPartnerId: auto.id, idempotencyKey: "b")
        #expect(s.autoApprove && s.partnerChangeRequest.status == .pending)
        #expect(s.partnerChangeRequest.channelIds?.contains(ch.id) == true)
        time.advance(by: 2) // 2 sandbox minutes
        let pcr = try await e.listPartnerChangeRequests(ListQuery(filters: ["id": .string(s.partnerChangeRequest.id)])).items.first
        #expect(pcr?.status == .completed)
        #expect(try await e.listChannels(ListQuery(filters: ["id": .string(ch.id)])).items.isEmpty)
    }

    @Test func apiKeysAndCachedHealth() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(time: time)
        let ch = try #require(try await e.allChannels().first { $0.lifecycle() == .live && $0.integration?.isRunning == true })
        let perms = try await e.permissions(clientId: ch.clientId!)
        _ = try await e.setPermissions(clientId: ch.clientId!, channelIds: Array(Set(perms + [ch.id])))
        let key = try await e.createChannelAPIKey(channelId: ch.id)
        #expect(try await e.phoneNumber(apiKey: key.apiKey) == ch.setupInfo?.phoneNumber)
        #expect(try await e.health(apiKey: key.apiKey).gatewayStatus == "connected")
        let second = try await e.createChannelAPIKey(channelId: ch.id)
        await #expect(throws: ServiceError.self) { try await e.phoneNumber(apiKey: key.apiKey) } // rotated
        #expect(try await e.phoneNumber(apiKey: second.apiKey) == ch.setupInfo?.phoneNumber)
    }

    @Test func templatesCreateListDelete() async throws {
        let e = engine()
        let waba = try #require(try await e.allChannels().first?.wabaAccount?.id)
        let t = try await e.createTemplate(wabaAccountId: waba, TemplateDraft(name: "new_request_morning2", category: .marketing, language: "de",
                                                                              components: [.object(["type": "BODY", "text": "Hallo {{1}}"])]))
        #expect(t.status == .submitted && t.id.hasSuffix("WT"))
        await #expect(throws: ServiceError.self) {
            try await e.createTemplate(wabaAccountId: waba, TemplateDraft(name: "new_request_morning2", category: .marketing, language: "de", components: []))
        }
        let found = try await e.listTemplates(wabaAccountId: waba, ListQuery(filters: ["business_templates.name": "new_request_morning2"]))
        #expect(found.items.map(\.id) == [t.id])
        try await e.deleteTemplate(wabaAccountId: waba, templateId: t.id)
        #expect(try await e.listTemplates(wabaAccountId: waba, ListQuery(filters: ["id": .string(t.id)])).items.isEmpty)
    }

    /// Meta's review of a new template, 30 sandbox seconds later: approved, or rejected as a
    /// UTILITY template that sells (INCORRECT_CATEGORY); a duplicate name is refused on "name".
    @Test func templatesAreReviewedAfterThirtySeconds() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(time: time) { $0.timeScale = 1 }
        let waba = try #require(try await e.allChannels().first?.wabaAccount?.id)
        func body(_ text: String) -> [JSONValue] { [.object(["type": "BODY", "text": .string(text)])] }
        let fine = try await e.createTemplate(wabaAccountId: waba, TemplateDraft(name: "order_ready", category: .utility, language: "en", components: body("Order {{1}} is ready")))
        let selling = try await e.createTemplate(wabaAccountId: waba, TemplateDraft(name: "big_sale", category: .utility, language: "en", components: body("Big discount for {{1}}")))
        let marketing = try await e.createTemplate(wabaAccountId: waba, TemplateDraft(name: "big_sale_m", category: .marketing, language: "en", components: body("Big discount for {{1}}")))
        func status(_ id: String) async throws -> Template? { try await e.listTemplates(wabaAccountId: waba, ListQuery(filters: ["id": .string(id)])).items.first }
        time.advance(by: 29)
        #expect(try await status(fine.id)?.status == .submitted)
        time.advance(by: 2)
        #expect(try await status(fine.id)?.status == .approved)
        let rejected = try await status(selling.id)
        #expect(rejected?.status == .rejected && rejected?.rejectedReason == "INCORRECT_CATEGORY")
        #expect(try await status(marketing.id)?.status == .approved)
    }

    @Test func usersAndFunds() async throws {
        let e = engine()
        let before = try await e.users().count
        _ = try await e.addUser(name: "New Agent", email: "new@partner.example", role: nil)
        #expect(try await e.users().count == before + 1)
        await #expect(throws: ServiceError.self) { try await e.addUser(name: "Dup", email: "NEW@partner.example", role: nil) }
        var channelId: String?
        for ch in try await e.allChannels() { if let f = try? await e.funds(channelId: ch.id), f.prePayment, f.balance != nil { channelId = ch.id; break } }
        let id = try #require(channelId)
        let start = try await e.funds(channelId: id).balance!
        let amount = Money(minorUnits: 2500, currency: start.currency)
        let b1 = try await e.addFunds(channelId: id, amount: amount, idempotencyKey: "f1")
        let b2 = try await e.addFunds(channelId: id, amount: amount, idempotencyKey: "f1")
        #expect(b1 == start + amount && b2 == b1)
    }
}

/// Issue 14: the `-modified_at` order the live engine polls is kept up to date with the
/// channels that changed, and is the order a full sort gives.
@Suite struct SandboxModifiedOrderTests {
    func expected(_ e: SandboxEngine) async throws -> [String] {
        try await e.allChannels().sorted { a, b in
            switch (a.modifiedAt, b.modifiedAt) {
            case let (x?, y?) where x != y: return x > y
            case (nil, .some): return false
            case (.some, nil): return true
            default: return a.id < b.id
            }
        }.map(\.id)
    }

    @Test func staysInOrderAsChannelsChangeComeAndGo() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(clients: 80, time: time)
        let first = try await e.listChannels(ListQuery(limit: 10_000, sort: ["-modified_at"]))
        #expect(first.items.map(\.id) == (try await expected(e)))
        let ids = first.items.map(\.id).sorted()
        // Time moves (numbers walk to live), one is renamed, one leaves.
        time.advance(by: 3 * 3600)
        await e.mutateChannel(ids[3]) { $0.setupInfo?.phoneName = "Renamed" }
        await e.dropChannel(ids[7])
        let page = try await e.listChannels(ListQuery(limit: 5, sort: ["-modified_at"]))
        let all = try await expected(e)
        #expect(page.items.map(\.id) == Array(all.prefix(5)))
        #expect(page.total == all.count && !all.contains(ids[7]))
        #expect(try await e.listChannels(ListQuery(limit: 10_000, sort: ["-modified_at"])).items.map(\.id) == all)
        let renamed = try #require(try await e.allChannels().first { $0.id == ids[3] })
        #expect(renamed.setupInfo?.phoneName == "Renamed" && renamed.modifiedAt == page.items.first?.modifiedAt, "changed now: among the newest")
    }

    /// The walk-in, violations and partner changes over two sandbox days, asked every 3
    /// sandbox minutes as the embedded TUI does: always the order a full sort gives.
    @Test func staysInOrderThroughTheWalkIn() async throws {
        let time = ManualTime(reference + 3600)
        let e = engine(clients: 300, time: time)
        for step in 0..<400 {
            let page = try await e.listChannels(ListQuery(limit: 100, sort: ["-modified_at"]))
            let all = try await expected(e)
            #expect(page.items.map(\.id) == Array(all.prefix(100)), "step \(step)")
            if page.items.map(\.id) != Array(all.prefix(100)) { break }
            time.advance(by: 3)
        }
    }
}


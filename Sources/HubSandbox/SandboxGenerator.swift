import Foundation
import HubCore

/// Builds a realistic world from a seed. The same seed, client count and reference day give
/// the same world in every process, so the in-process sandbox and `sandbox serve` agree.
public enum SandboxGenerator {
    public struct Options: Sendable {
        public var seed: UInt64
        public var clients: Int
        public var partnerId: String
        /// Dates are laid out before this instant; the start of the current UTC day by default.
        public var reference: Date

        public init(seed: UInt64 = 1, clients: Int = 40, partnerId: String = "sandboxPA", reference: Date = SandboxGenerator.startOfDay()) {
            self.seed = seed
            self.clients = clients
            self.partnerId = partnerId
            self.reference = reference
        }
    }

    public static func startOfDay(_ now: Date = Date()) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86400).rounded(.down) * 86400)
    }

    /// What a generated channel starts as; the mix covers every card state.
    enum Kind: CaseIterable {
        case live, walking, pendingBlocked, draft, sandbox, pendingDeletion, error, unregistered, classic
    }

    public static func generate(_ o: Options) -> SandboxWorld {
        var rng = SeededRandom(seed: o.seed)
        var world = SandboxWorld(partner: Partner(
            id: o.partnerId, brandName: "Sandbox Partner", webhookUrl: nil,
            partnerRedirectUrl: "https://partner.example/redirect", country: "DE", settings: .object([:]), billingSystem: "stripe"))
        world.partner.allowClientToAddPhoneNo = true
        world.partner.paymentRequired = false

        // IDs come from their own stream so that `newID` can be called while `rng` is in use.
        var idRng = SeededRandom(seed: o.seed ^ 0x5EED_1D5)
        var usedIDs = Set<String>()
        usedIDs.reserveCapacity(o.clients * 12) // about 5 numbers, 1.15 WABAs and 3 payments each
        world.channels.reserveCapacity(o.clients * 5)
        world.clients.reserveCapacity(o.clients)
        func newID(_ suffix: String, length: Int = 8) -> String {
            while true {
                let id = idRng.id(length: length, suffix: suffix)
                if usedIDs.insert(id).inserted { return id }
            }
        }
        var numberCounter = 0
        var legalNames: [String: Int] = [:]
        let day: TimeInterval = 86400

        for brand in SandboxNames.partnerBrands {
            let id = newID("PA", length: 6)
            world.otherPartners[id] = OtherPartner(id: id, brandName: brand.0, autoApprove: brand.1,
                                                   differentPaymentProcessor: brand.2, paymentMethodRequired: brand.3)
        }
        for (name, handle) in SandboxNames.userNames {
            world.users.append(HubUser(id: newID("U", length: 6), name: name, email: "\(handle)@partner.example",
                                       role: world.users.isEmpty ? "admin" : "member", createdAt: o.reference - 200 * day))
        }

        for clientIndex in 0..<o.clients {
            let country = rng.pick(SandboxNames.countries)
            let stem = rng.pick(country.names)
            let suffix = rng.pick(country.suffixes)
            // A repeated name gets a branch number, so every company reads differently.
            let base = "\(stem) \(suffix)"
            let seen = legalNames[base, default: 0]
            legalNames[base] = seen + 1
            let legal = seen == 0 ? base : "\(base) (\(seen + 1))"
            let clientId = newID("CL", length: 10)
            let direct = rng.chance(0.5)
            let currency = Currency(code: country.currency)!
            let created = o.reference - Double(rng.int(30...900)) * day
            let handle = stem.lowercased().filter { $0.isASCII && $0.isLetter }
            let email = (handle.isEmpty ? "contact\(clientIndex)" : handle) + "@" + (handle.isEmpty ? "example.com" : "\(handle).example")
            var client = Client(id: clientId, name: stem, status: .active, maxChannels: 10, organisation: legal,
                                contactInfo: ContactInfo(email: email, fullName: rng.pick(["Maria", "Li Wei", "John", "Fatima", "Hans", "Yuki"]),
                                                         country: country.code),
                                partnerPayload: "crm-\(clientIndex)", createdAt: created, modifiedAt: created + day,
                                paymentModel: direct ? .direct : .partner)
            client.metaInfo = MetaInfo(businessVertical: rng.pick(["RETAIL", "TRAVEL", "FOOD", "EDU", "HEALTH"]), timezone: "UTC")
            client.contactUser = ContactUser(email: email, name: client.contactInfo?.fullName)
            client.createdBy = .system
            world.clients[clientId] = client
            // One client in 20 is a legacy account that cannot change partner (P3); from the
            // index, so the random stream (and every other generated value) stays as it was.
            if clientIndex % 20 == 13 { world.legacyClients.insert(clientId) }
            // And one in 20 has incomplete company information (no country: P4 step 1).
            if clientIndex % 20 == 17 { world.clients[clientId]?.contactInfo?.country = nil }

            // One WABA for most clients, two for some; all numbers of a WABA move together (P2).
            let wabaCount = rng.chance(0.15) ? 2 : 1
            let wabas: [WabaAccount] = (0..<wabaCount).map { w in
                WabaAccount(id: newID("WA", length: 6), status: .approved, fbAccountStatus: .verified,
                            name: wabaCount == 1 ? stem : "\(stem) \(w + 1)", clientId: clientId, partnerId: o.partnerId,
                            externalId: String(rng.int(100_000_000_000_000...999_999_999_999_999)),
                            onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(id: String(rng.int(1_000_000...9_999_999)), name: legal, status: .approved, type: "OWNER"),
                            createdAt: created)
            }
            for waba in wabas {
                // A recipe, made into templates when read: from the WABA's own random stream, so
                // nothing is generated (and thrown away) here.
                world.templates.addRecipe(.init(seed: o.seed, wabaId: waba.id, namespace: waba.namespace, partnerId: o.partnerId, reference: o.reference))
            }

            // About five per client on average: 10,000 clients make about 50,000 channels.
            let channelCount = rng.weighted([(1, 14), (2, 13), (3, 12), (4, 11), (5, 10), (6, 10), (7, 9), (8, 8), (9, 7), (10, 6)])
            var permitted = Set<String>()
            // Each number starts as a copy of one channel per WABA, so a client's numbers share
            // one copy of the client and of each WABA, as a decoded poll does.
            var first = Channel(id: "", clientId: clientId, version: 2,
                                client: ChannelClient(id: clientId, name: stem, organisation: legal, contactInfo: ContactInfo(email: email)),
                                wabaAccount: wabas[0])
            first.client?.partnerPayload = client.partnerPayload
            let bases = wabas.indices.map { w in
                var base = first
                if w > 0 { base.update { $0.wabaAccount = wabas[w]; $0.wabaAccountId = wabas[w].id } }
                return base
            }
            for _ in 0..<channelCount {
                numberCounter += 1
                let prefix = rng.pick(country.prefixes)
                // 7919 is prime, so numbers stay unique up to 10^digits channels.
                let subscriber = zeroPadded((numberCounter * 7919) % tenTo(country.digits), digits: country.digits)
                let phone = country.dial + prefix + subscriber
                // (Drawn in the order they always were: the same seed makes the same world.)
                var ch = bases[rng.int(0...(bases.count - 1))]
                let channelCreated = created + Double(rng.int(0...25)) * day
                ch.id = newID("CH", length: 7)
                ch.update { ch in
                    ch.type = rng.chance(0.8) ? "cloud_api" : "on_premise"
                    ch.createdAt = channelCreated
                    ch.modifiedAt = channelCreated
                    ch.currentLimit = rng.pick(["TIER_1K", "TIER_10K", "TIER_100K", "TIER_0.25K"])
                    ch.currentQualityRating = rng.weighted([(.green, 8), (.yellow, 2), (.red, 1)])
                    ch.setupInfo = SetupInfo(phoneNumber: phone, phoneName: "\(stem) \(rng.pick(SandboxNames.displayNames))")
                    ch.externalId = String(rng.int(100_000_000_000_000...999_999_999_999_999))
                }
                var sc = SandboxChannel(channel: ch, prePayment: direct, payments: [], balance: nil,
                                        usageSinceLatestPayment: nil, monthUsage: nil, monthConversations: 0)
                let kind = rng.weighted([(Kind.live, 50), (.walking, 14), (.pendingBlocked, 8), (.draft, 5), (.sandbox, 5),
                                         (.pendingDeletion, 5), (.error, 3), (.unregistered, 2), (.classic, 8)])
                shape(&sc, kind: kind, rng: &rng, reference: o.reference)
                if direct { fund(&sc, currency: currency, rng: &rng, reference: o.reference, newID: { newID("PY") }) }
                if sc.channel.isLive && rng.chance(0.9) { permitted.insert(sc.channel.id) }
                world.channels.load(sc)
            }
            world.permissions[clientId] = permitted
        }
        world.version = 1
        return world
    }

    /// `value` in `digits` digits with leading zeros (what `%0*d` gives, without String(format:),
    /// which was an eighth of the time it takes to make 50,000 channels).
    static func zeroPadded(_ value: Int, digits: Int) -> String {
        let s = String(value)
        return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
    }

    static func tenTo(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    /// Sets the fields that make a channel what `kind` says (rules in docs/domain.md), in one
    /// `update` (one hash of the channel's facts instead of one per field).
    static func shape(_ sc: inout SandboxChannel, kind: Kind, rng: inout SeededRandom, reference: Date) {
        let appId = String(rng.int(100_000...999_999))
        var next: (stage: SandboxChannel.Stage?, at: Date)?
        sc.channel.update { ch in
            switch kind {
            case .live:
                ch.accountMode = .live
                ch.status = .ready
                ch.integration = Integration(appId: appId, state: "running")
                ch.billingStartedAt = ch.createdAt.map { $0 + 86400 * 2 }
            case .walking:
                // On its way to live: the sandbox clock walks it on (SandboxLifecycle).
                let stage = rng.pick([SandboxChannel.Stage.created, .submitted, .ready, .running])
                SandboxLifecycle.apply(stage, to: &ch, appId: appId)
                next = (SandboxLifecycle.after(stage), reference + Double(rng.int(2...40)) * 60)
            case .pendingBlocked:
                ch.accountMode = nil
                ch.status = .unverified
                ch.integration = Integration(appId: appId, state: "created")
                var waba = ch.wabaAccount
                waba?.fbAccountStatus = rng.pick([.notVerified, .rejected, .pendingNeedMoreInfo])
                if rng.chance(0.4) { waba?.onBehalfOfBusinessInfo?.status = rng.pick([.submitted, .rejected]) }
                ch.wabaAccount = waba
                if rng.chance(0.3) { ch.setupInfo?.newNameStatus = "DECLINED" }
            case .draft:
                ch.accountMode = nil
                ch.status = .created
                ch.integration = nil
                ch.wabaAccount?.fbAccountStatus = .pendingSubmission
                ch.wabaAccount?.onBehalfOfBusinessInfo = nil
            case .sandbox:
                ch.accountMode = .sandbox
                ch.status = .created
                ch.integration = Integration(appId: appId, state: "created")
            case .pendingDeletion:
                // Cancelled: still registered until it is deleted. Under the seed's order an
                // Embedded channel with account_mode live is Live whatever terminated_at says, so
                // the cancelled numbers are no longer live (account_mode cleared, integration stopped).
                ch.accountMode = nil
                ch.status = .ready
                ch.integration = Integration(appId: appId, state: "stopped")
                ch.terminatedAt = reference - Double(rng.int(1...20)) * 86400
            case .error:
                ch.accountMode = nil
                ch.status = .error
                ch.integration = Integration(appId: appId, state: "created")
                ch.setupInfo?.error = rng.pick(["Phone number is already registered on another WhatsApp account",
                                                "Display name rejected by Meta", "Verification code expired"])
            case .unregistered:
                ch.hubStatus = .unregistered
                ch.accountMode = nil
                ch.status = .verified
                ch.integration = Integration(appId: appId, state: "stopped")
            case .classic:
                ch.version = 1
                ch.status = rng.weighted([(.ready, 5), (.created, 1), (.unverified, 1), (.verified, 1), (.certificateDeclined, 1), (.newNameRequested, 1), (.error, 1)])
                ch.integration = Integration(appId: appId, state: ch.status == .ready ? "running" : "created")
                if ch.status == .error { ch.setupInfo?.error = "Classic Signup failed: certificate missing" }
            }
        }
        if let next { sc.nextStage = next.stage; sc.nextStageAt = next.at }
    }

    /// Payments (newest first, card fee 5 %), usage and a balance that is positive, zero or negative.
    static func fund(_ sc: inout SandboxChannel, currency: Currency, rng: inout SeededRandom, reference: Date, newID: () -> String) {
        func money(_ major: Int) -> Money { Money(minorUnits: Int64(major) * Int64(pow(10, Double(currency.minorDigits))), currency: currency) }
        let count = rng.weighted([(0, 15), (1, 40), (2, 25), (3, 20)])
        var payments: [Payment] = []
        for n in 0..<count {
            let credited = money(rng.pick([10, 20, 30, 50, 100, 200]))
            let fee = rng.chance(0.7) ? Money(minorUnits: credited.minorUnits / 20, currency: currency) : .zero(currency)
            payments.append(Payment(id: newID(), invoiceId: "INV-\(Int(reference.timeIntervalSince1970) / 86400)-\(rng.int(10000...99999))",
                                    amount: credited + fee, processingFee: fee, paidAt: reference - Double(n * 20 + rng.int(1...15)) * 86400))
        }
        sc.payments = payments
        let zero = Money.zero(currency)
        guard let latest = payments.first else {
            sc.balance = rng.chance(0.5) ? zero : money(-rng.int(1...15))
            sc.usageSinceLatestPayment = zero
            sc.monthUsage = zero
            return
        }
        let roll = rng.int(0...9)
        let usage: Money
        if roll < 3 { usage = zero }                                                       // untouched: fee refundable
        else if roll < 8 { usage = Money(minorUnits: Int64(rng.int(1...Int(latest.credited.minorUnits - 1))), currency: currency) }
        else if roll == 8 { usage = latest.credited }                                      // exactly 0 left
        else { usage = latest.credited + money(rng.int(1...12)) }                          // overdrawn
        let older = payments.dropFirst().reduce(zero) { $0 + Money(minorUnits: $1.credited.minorUnits * Int64(rng.int(0...1)), currency: currency) }
        sc.usageSinceLatestPayment = usage
        sc.balance = latest.credited - usage + (usage > latest.credited ? zero : older)
        sc.monthUsage = usage
        sc.monthConversations = Int(usage.minorUnits / 7)
        sc.conversationsSinceLatestPayment = usage.isZero ? 0 : max(1, sc.monthConversations)
    }

    static func makeTemplates(_ rng: inout SeededRandom, waba: WabaAccount, partnerId: String, reference: Date, newID: () -> String) -> [Template] {
        let count = rng.int(1...6)
        var names = SandboxNames.templateNames
        return (0..<count).map { _ in
            let name = names.remove(at: rng.int(0...(names.count - 1)))
            let category: TemplateCategory = name == "otp_code" ? .authentication : (name.hasPrefix("promo") ? .marketing : rng.pick([.utility, .marketing]))
            let created = reference - Double(rng.int(1...300)) * 86400
            var t = Template(id: newID(), name: name, category: category, language: rng.pick(SandboxNames.languages),
                             status: rng.weighted([(.approved, 7), (.pending, 1), (.rejected, 1), (.paused, 1)]),
                             components: [.object(["type": "BODY", "text": .string("Hello {{1}}, this is \(name.replacingOccurrences(of: "_", with: " ")).")])],
                             wabaAccountId: waba.id, partnerId: partnerId, createdAt: created, modifiedAt: created + 3600)
            t.namespace = waba.namespace
            t.rejectedReason = t.status == .rejected ? "INVALID_FORMAT" : "NONE"
            t.qualityScore = QualityScore(reasons: nil, score: "UNKNOWN")
            t.createdBy = .system
            return t
        }
    }
}

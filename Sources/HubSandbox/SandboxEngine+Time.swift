import Foundation
import HubCore

/// Sandbox time: channels walk to live, partner change requests get decided, refunds complete,
/// and now and then Meta flags a number. Everything due is applied before a request is answered.
extension SandboxEngine {
    func advance() {
        let simNow = now
        if simNow >= nextWalkAt { walk(simNow) }
        decidePartnerChanges(simNow)
        receiveIncoming(simNow)
        completeRefunds(simNow)
        raiseViolations(simNow)
        reviewTemplates(simNow)
    }

    /// Submitted templates are approved, or rejected with Meta's reason: a UTILITY template
    /// that reads like an offer is in the wrong category.
    func reviewTemplates(_ simNow: Date) {
        for (id, review) in templateReviews where review.at <= simNow {
            templateReviews[id] = nil
            guard var list = world.templates[review.waba], let i = list.firstIndex(where: { $0.id == id }) else { continue }
            let verdict = SandboxLifecycle.templateVerdict(list[i])
            list[i].status = verdict.status
            list[i].rejectedReason = verdict.reason
            list[i].modifiedAt = review.at
            world.templates[review.waba] = list
            world.version += 1
            emit("template_status_update", .object(["id": .string(id), "status": .string(verdict.status.rawValue)]))
        }
    }

    /// The walking channels' steps that are due; notes when the next one is, so that requests
    /// in between do not look at 7,000 channels each.
    func walk(_ simNow: Date) {
        var next = Date.distantFuture
        for id in walking {
            guard var sc = world.channels[id] else { walking.remove(id); continue }
            if let at = sc.nextStageAt, at > simNow {
                next = min(next, at)
                continue
            }
            var changed = false
            while let stage = sc.nextStage, let at = sc.nextStageAt, at <= simNow {
                SandboxLifecycle.apply(stage, to: &sc.channel, appId: sc.channel.integration?.appId ?? String(rng.int(100_000...999_999)))
                sc.channel.modifiedAt = at
                sc.nextStage = SandboxLifecycle.after(stage)
                sc.nextStageAt = sc.nextStage == nil ? nil : at + Double(rng.int(2...20)) * 60
                changed = true
                emit(SandboxLifecycle.event(stage), channelJSON(sc.channel))
            }
            if changed {
                world.channels[id] = sc
                world.version += 1
            }
            if sc.nextStage == nil { walking.remove(id) }
            if let at = sc.nextStageAt { next = min(next, at) }
        }
        nextWalkAt = next
    }

    func decidePartnerChanges(_ simNow: Date) {
        for (id, at) in pcrDecisions where at <= simNow {
            pcrDecisions[id] = nil
            guard var pcr = world.partnerChangeRequests[id], pcr.status == .pending else { continue }
            pcr.status = .completed
            pcr.updatedAt = at
            world.partnerChangeRequests[id] = pcr
            // All numbers of the WABA move at once (P2, P4 step 7): they leave this partner.
            for chId in pcr.channelIds ?? [] { world.channels[chId] = nil; walking.remove(chId) }
            world.version += 1
            world.membershipVersion += 1
            emit("partner_change_request_approved", .object(["id": .string(id), "status": "completed"]))
        }
    }

    func completeRefunds(_ simNow: Date) {
        for (id, refund) in world.refunds where refund.status == .processing && refund.completesAt <= simNow {
            world.refunds[id]?.status = .completed
            world.version += 1
            emit("refund_completed", .object(["id": .string(id), "channel_id": .string(refund.channelId),
                                               "amount": .string(refund.amount.description)]))
        }
    }

    /// Roughly every 30 sandbox minutes a live number gets an account violation (reference §10).
    func raiseViolations(_ simNow: Date) {
        while nextViolationAt <= simNow {
            let at = nextViolationAt
            nextViolationAt = at + Double(rng.int(15...45)) * 60
            guard let id = violationTarget() else { continue }
            world.channels[id]?.channel.wabaAccount?.status = .accountViolation
            world.channels[id]?.channel.modifiedAt = at
            world.version += 1
            if let ch = world.channels[id]?.channel {
                emit("account_violation", .object(["phone_number": .string(ch.setupInfo?.phoneNumber ?? ""),
                                                   "violation_type": "SPAM", "channel_id": .string(id)]))
            }
        }
    }

    /// A live number without a violation, at random. Drawn from the channels in ID order (kept
    /// while nobody comes or goes) until one fits: most are live, so this is a few lookups,
    /// where filtering all 50,000 channels' lifecycles every time was a steady cost of the
    /// embedded sandbox. Few fit: the full scan.
    func violationTarget() -> String? {
        func fits(_ id: String) -> Bool {
            guard let ch = world.channels[id]?.channel else { return false }
            return ch.isLive && ch.wabaAccount?.status?.isViolation != true
        }
        let ids = channelOrder(["id"])
        guard !ids.isEmpty else { return nil }
        for _ in 0..<64 {
            let id = ids[rng.int(0...(ids.count - 1))]
            if fits(id) { return id }
        }
        let live = ids.filter(fits)
        return live.isEmpty ? nil : live[rng.int(0...(live.count - 1))]
    }

    func channelJSON(_ channel: Channel) -> JSONValue {
        guard let data = try? HubJSON.encode(channel), let v = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return v
    }

    // MARK: webhook events

    /// `data` is made only when someone listens: a channel's JSON is an encode and a decode,
    /// and the walk-in of 50,000 channels emits tens of thousands of events.
    func emit(_ event: String, _ data: @autoclosure () -> JSONValue) {
        eventCounter += 1
        guard !eventContinuations.isEmpty else { return }
        let e = WebhookEvent(id: "evt_\(config.seed)_\(eventCounter)", event: event, data: data())
        for c in eventContinuations.values { c.yield(e) }
    }

    /// Webhook events as they happen (the HTTP sandbox can deliver them to a URL).
    public func events() -> AsyncStream<WebhookEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: WebhookEvent.self)
        let id = UUID()
        eventContinuations[id] = continuation
        // Held strongly until the stream ends (its consumer stops or is cancelled): a weak
        // capture of an actor here was optimised to nil in release builds (a compiler warning).
        continuation.onTermination = { _ in
            Task { await self.removeContinuation(id) }
        }
        return stream
    }

    func removeContinuation(_ id: UUID) { eventContinuations[id] = nil }

    /// Moves time forward now (used by tests and by a ticking server).
    public func tick() { advance() }
}

// MARK: for tests

extension SandboxEngine {
    /// Changes one channel as the server would (its `modified_at` moves to now).
    func mutateChannel(_ id: String, _ change: (inout Channel) -> Void) {
        advance() // what was due happened before this change
        guard var sc = world.channels[id] else { return }
        change(&sc.channel)
        sc.channel.modifiedAt = now
        world.channels[id] = sc
        world.version += 1
    }

    /// Every API key issued and still valid (tests check none of them was written anywhere).
    public func issuedAPIKeys() -> [String] { Array(world.apiKeys.keys) }

    /// A channel leaves without a trace in `-modified_at` order (as a deleted one does).
    func dropChannel(_ id: String) {
        world.channels[id] = nil
        walking.remove(id)
        world.version += 1
        world.membershipVersion += 1
    }
}

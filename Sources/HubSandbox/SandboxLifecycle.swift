import Foundation
import HubCore

/// How sandbox time moves a channel: created -> submitted -> ready -> running -> live, each
/// step a webhook event (reference §10).
enum SandboxLifecycle {
    static func after(_ stage: SandboxChannel.Stage) -> SandboxChannel.Stage? {
        switch stage {
        case .created: return .submitted
        case .submitted: return .ready
        case .ready: return .running
        case .running: return .live
        case .live: return nil
        }
    }

    static func event(_ stage: SandboxChannel.Stage) -> String { "channel_\(stage.rawValue)" }

    /// The channel fields of each stage.
    static func apply(_ stage: SandboxChannel.Stage, to ch: inout Channel, appId: String) {
        switch stage {
        case .created:
            ch.accountMode = nil
            ch.status = .created
            ch.integration = Integration(appId: appId, state: "created")
            ch.wabaAccount?.fbAccountStatus = .pendingSubmission
            ch.wabaAccount?.onBehalfOfBusinessInfo?.status = .submitted
        case .submitted:
            ch.status = .unverified
            ch.wabaAccount?.fbAccountStatus = .pending
            ch.wabaAccount?.onBehalfOfBusinessInfo?.status = .submitted
        case .ready:
            ch.status = .ready
            ch.wabaAccount?.fbAccountStatus = .verified
            ch.wabaAccount?.onBehalfOfBusinessInfo?.status = .approved
            ch.integration?.state = "ready"
        case .running:
            ch.integration?.state = "running"
        case .live:
            ch.accountMode = .live
            ch.integration?.state = "running"
        }
    }

    /// How long Meta's review of a new template takes (sandbox seconds).
    static let templateReview: TimeInterval = 30

    /// Approved, or rejected as Meta would: a UTILITY template that sells something.
    static func templateVerdict(_ t: Template) -> (status: TemplateStatus, reason: String) {
        let body = (t.components ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: " ").lowercased()
        let selling = ["offer", "discount", "sale", "% off", "promo"].contains { body.contains($0) }
        return t.category == .utility && selling ? (.rejected, "INCORRECT_CATEGORY") : (.approved, "NONE")
    }
}

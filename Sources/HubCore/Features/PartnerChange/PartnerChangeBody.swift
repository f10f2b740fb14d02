import Foundation

/// What the partner change wizard's dialog shows on each step (P1..P4): the form, the
/// review of the numbers, the terms, the payment method and the approval, people first.
extension AppState {
    func partnerChangeBody(_ w: PartnerChangeWizard) -> (Dialog.Body, Int) {
        switch w.step {
        case .companyInformation:
            let info = w.companyInformation
            let form = Form([
                .text(PartnerChangeDialog.Field.legalName, "Company legal name", value: info.legalName, maxLength: 120, rules: [.required("Enter the company's legal name.")]),
                .text(PartnerChangeDialog.Field.country, "Country (ISO code)", value: info.country, maxLength: 2, rules: [.required("Enter the country."),
                                                                                           .pattern("[A-Za-z]{2}", message: "Two letters, like DE.")]),
                .text(PartnerChangeDialog.Field.address, "Address", value: info.address, maxLength: 200, rules: [.required("Enter the address.")]),
            ], submitLabel: "Next")
            return (.form(form), 9)
        case .destinationPartner:
            let form = Form([
                .text(PartnerChangeDialog.Field.partnerId, "Destination Partner ID", value: w.destinationPartnerId, placeholder: "f167CmPA", maxLength: 64,
                      help: "Letters and digits ending in PA; the destination partner gives it to the client.",
                      rules: [.partnerId(current: w.currentPartnerId)]),
            ], submitLabel: "Look up")
            return (.form(form), 5)
        case .reviewNumbers:
            let lines = reviewLines(w)
            return (.text(ScrollText(lines)), min(16, lines.count + 1))
        case .terms, .submitting:
            let dest = destinations[w.destinationPartnerId].map { "\($0.brandName) (\($0.id))" } ?? w.destinationPartnerId
            // P4 step 5 is the client's: the agent submits with the client, who confirms the terms.
            let confirm = Confirm(message: [
                "Submit the Partner Change Request to \(dest)?",
                "All \(w.channelIds.count) number\(w.channelIds.count == 1 ? "" : "s") of \(wabaLabel(w.wabaAccountId)) move to the destination partner together.",
                "These are the client's steps: submit only once the client has confirmed the terms with you.",
                "The destination partner approves the request (some do so automatically); once approved, all numbers move at once.",
                "Afterwards the client grants the new partner permission: Menu > Settings > Partner Settings, select the numbers, Save Changes.",
            ], confirmLabel: "Submit Partner Change Request", typeToConfirm: w.destinationPartnerId)
            return (.confirm(confirm), confirm.contentHeight(width: 68) + 4)
        case .unconfirmed(let problem):
            let confirm = Confirm(message: [
                "No clear answer from the server: \(problem)",
                "partnerhub cannot tell whether the Partner Change Request reached it. It watches the requests and binds to this one when it shows up.",
                "Send again uses the same idempotency key: the server never acts on it twice.",
            ], confirmLabel: "Send again", cancelLabel: "Close")
            return (.confirm(confirm), confirm.contentHeight(width: 68) + 4)
        case .paymentMethod:
            let dest = destinations[w.destinationPartnerId]?.brandName ?? w.destinationPartnerId
            let confirm = Confirm(message: ["\(dest) asks for the client's payment method before it approves (P4 step 6).",
                                            "Confirm it once the client has confirmed the payment method on file with you; if they have none, ask them to add one in their Hub first."],
                                  confirmLabel: "Confirm payment method")
            return (.confirm(confirm), 5)
        case .approval(let a):
            var lines = [a.label]
            if let id = w.requestId {
                let at = partnerChangeRequests?.first { $0.id == id }?.createdAt.map { ", submitted \(environment.dateTime($0))" } ?? ""
                lines.append("Partner change request \(id) to \(w.destinationPartnerId)\(at).")
            }
            if a == .approved || a == .autoApproved {
                lines.append("The numbers leave this partner's list on the next poll.")
                lines.append("Ask the client to grant the new partner permission: Menu > Settings > Partner Settings, select the numbers, Save Changes (P5).")
            }
            guard a == .pending else { return (.message(lines), lines.count + 2) }
            // Pending: Close (the default) keeps following it; the client may still withdraw.
            lines.append("partnerhub follows it; the notification center (n) says when it is decided, and c reopens this.")
            let confirm = Confirm(message: lines, confirmLabel: "Withdraw request", cancelLabel: "Close")
            return (.confirm(confirm), lines.count + 3)
        case .blocked(let reason):
            var lines = [reason.message]
            if case .differentPaymentProcessor = reason { lines.append("Enter goes back to enter another Partner ID; Esc leaves it for later (c resumes).") }
            return (.message(lines), lines.count + 1)
        case .cancelled:
            return (.message(["Cancelled."]), 2)
        }
    }

    /// A WABA as people know it: its name first, the ID second.
    func wabaLabel(_ waba: String) -> String {
        let name = records.values.lazy.compactMap { ($0.channel.wabaAccount?.id == waba) ? $0.channel.wabaAccount?.name : nil }.first { !$0.isEmpty }
        return name.map { "WABA \(Sanitizer.terminalSafe($0)) (\(waba))" } ?? "WABA \(waba)"
    }

    /// Every number of the WABA moves (P2); the client's other WABAs stay, listed apart.
    func reviewLines(_ w: PartnerChangeWizard) -> [String] {
        let dest = destinations[w.destinationPartnerId].map { "\($0.brandName) (\($0.id))" } ?? w.destinationPartnerId
        var lines = ["To \(dest). All \(w.channelIds.count) number\(w.channelIds.count == 1 ? "" : "s") of \(wabaLabel(w.wabaAccountId)) move together; there is no per-number choice:"]
        for id in w.channelIds {
            let r = records[id]
            lines.append("  → \(r?.phone ?? id)  \(r?.channel.displayName ?? "")  · \(r?.lifecycle.label ?? "gone")")
        }
        let clientId = w.channelIds.first.flatMap { records[$0]?.channel.resolvedClientId }
        let staying = records.values.filter { $0.channel.resolvedClientId == clientId && clientId != nil
            && ($0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId) != w.wabaAccountId }.sorted { $0.phone < $1.phone }
        if !staying.isEmpty {
            lines.append("Staying with this partner (other WABAs of the client):")
            for r in staying { lines.append("    \(r.phone)  \(r.channel.displayName ?? "")  · WABA \(r.channel.wabaAccount?.id ?? "?")") }
        }
        lines.append("Enter goes on to the terms; Shift-Tab goes back a step; Esc leaves it for later (c resumes).")
        return lines
    }
}

import Foundation

/// C7c/C7d/C7f: the refund of one number. The agent reads who and what, the plan (newest
/// payment first, fee included or not and why, the credit note's invoice, the total), that it
/// cannot be reversed and takes 48 to 72 hours, and confirms by typing the number. The request
/// carries the confirmed total: if the funds changed meanwhile the server refuses instead of
/// refunding something else.
extension AppState {
    mutating func openRefund(_ f: ChannelFunds) {
        let title = FundsStep.refund.title
        switch f.refundDecision {
        case .notRefundable(let why):
            var lines = [why.description]
            switch why {
            case .refundInFlight(let r):
                lines.append("Requested \(environment.dateTime(r.requestedAt)); expected by \(environment.dateTime(r.completesAt)) (48 to 72 hours).")
            case .negativeBalance:
                lines.append("Add funds (F) brings the balance back above 0.")
            default: break
            }
            presentMessage(title, lines, notice: Notice(.info, "Nothing was sent."))
        case .refundable(let plan):
            let record = records[f.channelId]
            var message = ["Refund the unused funds of this number to the client."]
            // Being deleted by the lifecycle or by `terminated_at` (a Live number may be both).
            if record?.lifecycle != .pendingDeletion && record?.deletionPendingSince == nil {
                message.append("This number is not cancelled. Refunds are meant for cancelled numbers: after the refund it has no funds left to send messages.")
            }
            var after = [plan.feeReason.description,
                         "Total refund: \(plan.total) · credit note for invoice \(plan.creditNote.invoiceId)"]
            if plan.unrefundableRemainder.isPositive {
                after.append("\(plan.unrefundableRemainder) stays on the balance: no payment accounts for it (ask 360dialog support).")
            }
            let phone = record?.phone ?? ""
            let typed = phone.isEmpty ? f.channelId : phone
            confirmMutation(.requestRefund(channelId: f.channelId, expectedTotal: plan.total), from: nil, title: title + "?",
                            message: message, review: whoAndWhat(f.channelId, funds: f), table: Self.planTable(plan), after: after,
                            notice: Notice(.warning, "A refund cannot be reversed. It takes 48 to 72 hours to complete."),
                            confirmLabel: "Refund \(plan.total)", typeToConfirm: typed,
                            acceptsSuffix: typed.filter(\.isNumber).count >= 6 ? 4 : nil)
        }
    }

    /// Live: the public API has no funds per number nor a refund endpoint. The agent still checks
    /// who and what against the client's balance; confirming hands the step to the Hub, audited.
    mutating func openRefundInHub(channelId: String) {
        var review = whoAndWhat(channelId, funds: nil)
        if let record = records[channelId], let b = balance(for: record)?.balance {
            review.rows.append(.init("Client balance (all its numbers)", b.description, emphasis: .strong))
        }
        confirmMutation(.requestRefund(channelId: channelId, expectedTotal: nil), from: nil, title: FundsStep.refund.title,
                        message: ["Refunds are made in the 360dialog Hub: the public Partner API has no funds per number.",
                                  "The Hub plans it from the most recent payment backwards, fee only when nothing billable happened since."],
                        review: review, notice: Notice(.info, "Nothing is refunded from here; the hand-off is in the audit log."),
                        confirmLabel: "Open in the Hub")
    }

    /// The plan as rows, newest payment first.
    static func planTable(_ plan: RefundPlan) -> DataTable {
        DataTable(columns: ["Paid on", "Invoice", "Paid", "Left", "Refund", "Fee"], widths: [11, 10, -11, -11, -11, 0],
                  rows: plan.lines.map { line in
                      [Timestamp.format(line.paidAt).prefix(10).description, line.invoiceId, line.paid.description, line.leftBefore.description,
                       line.principal.description, line.fee.isZero ? "—" : "+\(line.fee)"]
                  })
    }
}

import Foundation

/// C7a: Add funds to one number. The amount is typed as agents type it and checked against the
/// number's currency (its minor units), above 0 and at most the documented limit; the confirm
/// shows the balance before and after.
extension AppState {
    mutating func openAddFunds(channelId: String, funds f: ChannelFunds?) {
        let record = records[channelId]
        let clientBalance = record.flatMap { balance(for: $0)?.balance }
        guard let currency = f?.balance?.currency ?? clientBalance?.currency else {
            presentMessage(FundsStep.addFunds.title, ["The number's currency is not known yet, so no amount can be checked."],
                           notice: Notice(.warning, "Try again once its balance has loaded."))
            return
        }
        if let f, !f.prePayment {
            presentMessage(FundsStep.addFunds.title, ["The number is not enabled for pre-payment: it has no funds to add to."])
            return
        }
        let limit = FundsLimits.maxTopUp(currency)
        let form = Form([
            FormField(id: AddFundsForm.Field.review, label: "", kind: .review(whoAndWhat(channelId, funds: f))),
            .text(AddFundsForm.Field.amount, "Amount (\(currency.code))", placeholder: currency.minorDigits == 0 ? "25" : "25\(currency.minorDigits == 3 ? ".500" : ".00")",
                  maxLength: 20, help: "Like 25, 25.50, 25,50 or \(currency.symbol ?? currency.code)25; at most \(limit).",
                  rules: [.required("Type the amount to add."), .topUp(currency)]),
        ], submitLabel: "Review")
        present { Dialog(id: $0, feature: AddFundsForm(channelId: channelId, currency: currency), title: FundsStep.addFunds.title,
                         body: .form(form), preferredWidth: 64, preferredHeight: 10) }
    }

    mutating func addFundsSubmitted(_ d: Dialog, channelId: String, currency: Currency, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        guard case .success(let amount) = TopUpAmount.parse(values[AddFundsForm.Field.amount], currency: currency) else { return [] }
        var review = whoAndWhat(channelId, funds: funds[channelId])
        review.rows.append(.init("Add", amount.description, emphasis: .strong))
        if let before = funds[channelId]?.balance, let after = Money.total([before, amount], in: currency) {
            review.rows.append(.init("Balance after", "\(before) → \(after)", emphasis: after.isNegative ? .warning : .good))
        }
        confirmMutation(.addFunds(channelId: channelId, amount: amount), from: d.id, title: "Add \(amount)?",
                        message: ["Charge the client and add these funds to the number?"], review: review, confirmLabel: "Add \(amount)")
        return []
    }
}

/// The Add funds amount form, in the number's currency.
public struct AddFundsForm: DialogFeature {
    public let channelId: String
    public let currency: Currency
    enum Field: String, FormKey { case review, amount }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.addFundsSubmitted(d, channelId: channelId, currency: currency, result)
    }
}

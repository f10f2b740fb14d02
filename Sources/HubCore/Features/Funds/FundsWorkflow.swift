import Foundation

/// C7a/C7b: the way into a refund or a top-up. The card's commands act on the selected number;
/// Manage funds chooses one number of the client (never several: C7e), then the action. A
/// number's funds are always read fresh before its dialog opens: what the agent confirms is
/// what the server does.
extension AppState {
    mutating func openFunds(_ step: FundsStep) -> [Effect] {
        guard !readOnly else { return [] }
        guard let record = selectedRecord else {
            flash(.warning, "Select a number first: funds are per number.")
            return []
        }
        if let problem = notDirect(client(for: record), balance(for: record)?.balance, what: "the number has no funds of its own") {
            flash(.info, problem)
            return []
        }
        return loadFundsThen(step, channelId: record.id)
    }

    mutating func openManageFunds() -> [Effect] {
        guard !readOnly else { return [] }
        guard let record = selectedRecord, let client = client(for: record) else {
            flash(.warning, "Select a number first: Manage funds opens on its client.")
            return []
        }
        if let problem = notDirect(client, balance(for: record)?.balance, what: "its numbers have no funds of their own") {
            flash(.info, problem)
            return []
        }
        let numbers = records.values.filter { $0.channel.resolvedClientId == client.id }.sorted { $0.phone < $1.phone }
        let options = numbers.map { r in
            SelectList.Option(id: r.id, label: r.phone.isEmpty ? r.id : r.phone,
                              detail: [r.channel.displayName, funds[r.id]?.balance?.description].compactMap { $0 }.joined(separator: " · "))
        }
        let list = SelectList(options: options, chosen: [record.id], visibleRows: min(8, max(1, options.count)))
        let form = Form([
            FormField(id: ManageFundsNumberForm.Field.review, label: "", kind: .review(ReviewTable([
                .init("Company legal name", client.displayCompany, emphasis: .strong),
                .init("Client ID", client.id),
            ]))),
            FormField(id: ManageFundsNumberForm.Field.number, label: "Phone number (one at a time)", kind: .select(list),
                      rules: [.required("Choose the number.")]),
        ], submitLabel: "Next")
        present { Dialog(id: $0, feature: ManageFundsNumberForm(clientId: client.id), title: "Manage funds", body: .form(form),
                         steps: Stepper(["Number", "Action", "Confirm"]), preferredWidth: 64, preferredHeight: 5 + list.visibleRows) }
        return []
    }

    /// Why funds do not apply to this client, or nil when it pays directly.
    func notDirect(_ client: Client?, _ balance: Money?, what: String) -> String? {
        guard let client else { return nil }
        let company = Sanitizer.terminalSafe(client.displayCompany)
        switch ClientPayment.of(client, balance: balance) {
        case .direct: return nil
        case .partner: return "\(company) pays through the partner: \(what)."
        case .notConfigured: return "\(company): \(ClientPayment.notConfiguredText); funds per number apply to direct payment only."
        }
    }

    mutating func manageFundsNumberChosen(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result, let id = values.chosen(ManageFundsNumberForm.Field.number).first else { return [] }
        dialogs.remove(d.id)
        return loadFundsThen(.choose, channelId: id)
    }

    /// A dialog that waits for the number's funds; `fundsArrived` replaces it with the next step.
    mutating func loadFundsThen(_ step: FundsStep, channelId: String) -> [Effect] {
        let label = records[channelId].map { $0.phone.isEmpty ? $0.id : $0.phone } ?? channelId
        let started = now
        present { id in
            var d = Dialog(id: id, feature: FundsLoading(channelId: channelId, next: step), title: step.title,
                           body: .message(["Reading the funds of \(label): balance, payments, refunds…"]), preferredWidth: 64, preferredHeight: 2)
            d.working = ProgressLine("Asking the server", startedAt: started)
            return d
        }
        return [.loadFunds(channelId: channelId)]
    }

    mutating func fundsArrived(_ f: ChannelFunds) -> [Effect] {
        funds[f.channelId] = f
        balanceHistory[f.channelId, default: BalanceHistory()].record(f, at: now)
        fundsProblems[f.channelId] = nil
        for d in dialogs.items {
            guard let loading = d.owned(by: FundsLoading.self), loading.channelId == f.channelId else { continue }
            dialogs.remove(d.id)
            switch loading.next {
            case .refund: openRefund(f)
            case .addFunds: openAddFunds(channelId: f.channelId, funds: f)
            case .choose: openFundsChoice(f)
            }
        }
        return []
    }

    mutating func fundsUnavailable(_ channelId: String, _ problem: Problem) -> [Effect] {
        fundsProblems[channelId] = problem
        for d in dialogs.items {
            guard let loading = d.owned(by: FundsLoading.self), loading.channelId == channelId else { continue }
            let step = loading.next
            dialogs.remove(d.id)
            switch problem {
            case .failed, .notFound:
                presentMessage(step.title, ["The funds of this number could not be read, so nothing was planned or sent.", problem.description],
                               notice: Notice(.error, "Try again in a moment (r refreshes the rest)."))
            case .hubOnly:
                // The public API has no per-number funds: the plan is the client's balance, and
                // the step itself is handed to the Hub through the audited pipeline.
                switch step {
                case .refund, .choose: openRefundInHub(channelId: channelId)
                case .addFunds: openAddFunds(channelId: channelId, funds: nil)
                }
            }
        }
        return []
    }

    mutating func openFundsChoice(_ f: ChannelFunds) {
        let refundReason: String? = {
            if case .notRefundable(let why) = f.refundDecision { return why.short }
            return nil
        }()
        let addReason: String? = f.prePayment ? (f.pendingRefund == nil ? nil : "a refund is processing") : "not on pre-payment"
        let first = refundReason == nil ? FundsAction.refund.rawValue : FundsAction.addFunds.rawValue
        let list = SelectList(options: [
            .init(id: FundsAction.refund.rawValue, label: FundsAction.refund.label, detail: refundReason == nil ? f.balance.map { "balance \($0)" } ?? "" : "",
                  disabledReason: refundReason),
            .init(id: FundsAction.addFunds.rawValue, label: FundsAction.addFunds.label, disabledReason: addReason),
        ], chosen: [first], visibleRows: 2)
        let form = Form([
            FormField(id: ManageFundsActionForm.Field.review, label: "", kind: .review(whoAndWhat(f.channelId, funds: f))),
            FormField(id: ManageFundsActionForm.Field.action, label: "What to do", kind: .select(list), rules: [.required("Choose what to do.")]),
        ], submitLabel: "Next")
        let stepper = Stepper(["Number", "Action", "Confirm"], current: 1)
        present { Dialog(id: $0, feature: ManageFundsActionForm(channelId: f.channelId), title: "Manage funds", body: .form(form),
                         steps: stepper, preferredWidth: 64, preferredHeight: 11) }
    }

    mutating func manageFundsActionChosen(_ d: Dialog, channelId: String, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result, let choice = values.chosen(ManageFundsActionForm.Field.action).first.flatMap(FundsAction.init) else { return [] }
        dialogs.remove(d.id)
        guard let f = funds[channelId] else { return loadFundsThen(choice == .refund ? .refund : .addFunds, channelId: channelId) }
        if choice == .refund { openRefund(f) } else { openAddFunds(channelId: channelId, funds: f) }
        return []
    }

    /// Company legal name, client ID, number and WABA: what the agent double-checks (C7c).
    func whoAndWhat(_ channelId: String, funds f: ChannelFunds?) -> ReviewTable {
        let record = records[channelId]
        let client = record.flatMap { self.client(for: $0) }
        var rows: [ReviewTable.Row] = [
            .init("Company legal name", (record.map(\.company).flatMap { $0.isEmpty ? nil : $0 } ?? client?.displayCompany ?? "—"), emphasis: .strong),
            .init("Client ID", record?.channel.resolvedClientId ?? "—"),
            .init("Phone number", record.map { $0.phone.isEmpty ? $0.id : $0.phone } ?? channelId, emphasis: .strong),
            .init("WABA", record.flatMap { $0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId } ?? "—"),
        ]
        if let balance = f?.balance {
            rows.append(.init("Balance of this number", balance.description, emphasis: balance.isNegative ? .bad : .normal))
        }
        return ReviewTable(rows)
    }
}

/// What follows once a number's funds are known.
public enum FundsStep: Equatable, Sendable {
    case refund
    case addFunds
    /// Manage funds: choose between the two.
    case choose
}

/// Waiting for a number's funds, then `next` (C7).
public struct FundsLoading: DialogFeature {
    public let channelId: String
    public let next: FundsStep
}

/// Manage funds, step 1: which number of the client (one, never several: C7e).
public struct ManageFundsNumberForm: DialogFeature {
    public let clientId: String
    enum Field: String, FormKey { case review, number }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] { state.manageFundsNumberChosen(d, result) }
}

/// Manage funds, step 2: refund or add funds.
public struct ManageFundsActionForm: DialogFeature {
    public let channelId: String
    enum Field: String, FormKey { case review, action }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.manageFundsActionChosen(d, channelId: channelId, result)
    }
}

extension FundsStep {
    var title: String {
        switch self {
        case .refund: return "Refund account funds"
        case .addFunds: return "Add funds"
        case .choose: return "Manage funds"
        }
    }
}

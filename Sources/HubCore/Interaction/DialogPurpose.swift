/// Who opened a dialog and for what: the workflow that gets its result. Each workflow lives
/// in its own file under Workflows/.
public enum DialogPurpose: Equatable, Sendable {
    /// A message with nothing to do afterwards (results, errors, hand-offs to the Hub).
    case info
    /// Export all accounts as CSV: the path form.
    case exportPath
    /// The file exists: overwrite it? (`form` is the path dialog below).
    case exportOverwrite(path: String, form: Int)
    /// C11: the max channels form for a client.
    case maxChannels(clientId: String)
    /// The confirm over the max channels form, with the intent it will send.
    case confirmMutation(MutationRequest)
    /// The audit log (`:audit`).
    case auditLog
    /// Waiting for a number's funds, then `next` (C7).
    case fundsLoading(channelId: String, next: FundsStep)
    /// Manage funds, step 1: which number of the client (one, never several: C7e).
    case manageFundsNumber(clientId: String)
    /// Manage funds, step 2: refund or add funds.
    case manageFundsAction(channelId: String)
    /// P5: which numbers of a client the partner may manage.
    case partnerSettings(clientId: String)
    /// Pending incoming partner change requests: choose one to approve.
    case incomingRequests
    /// The partner change wizard of a WABA (P1..P4): its state is `AppState.partnerChanges[waba]`.
    case partnerChange(wabaAccountId: String)
    /// The Add funds amount form, in the number's currency.
    case addFunds(channelId: String, currency: Currency)
    /// C8: the hub's team members (`a` adds one, unless read-only).
    case users(canAdd: Bool)
    /// C8: the Add user form.
    case addUser
    /// The Template Message Manager of a WABA (`n` and `d` when it may change them).
    case templates(wabaAccountId: String, canEdit: Bool)
    /// A new template's form.
    case newTemplate(wabaAccountId: String)
    /// A just-generated API key, shown once (`Dialog.secret`).
    case apiKey(channelId: String)
    /// The health form: the key to check for a number.
    case health(channelId: String)
    /// A health check's answer.
    case healthResult(channelId: String)
}

/// What follows once a number's funds are known.
public enum FundsStep: Equatable, Sendable {
    case refund
    case addFunds
    /// Manage funds: choose between the two.
    case choose
}

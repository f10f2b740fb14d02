import Foundation

/// Everything that can happen to the app: keys (already mapped to actions by the key router),
/// data from the live engine, time and the terminal size. The reducer is the only place that
/// turns them into state; what the runtime must do comes back as `Effect`s.
public enum Action: Sendable {
    // Data
    case snapshotLoaded(partner: Partner?, clients: [Client], channels: [Channel], asOf: Date, fromCache: Bool)
    /// The first part of a list of `total` numbers (a first page, or the cache's first
    /// screenful): shown as it is, and the header says the rest is still loading.
    case partialSnapshotLoaded(partner: Partner?, clients: [Client], channels: [Channel], asOf: Date, fromCache: Bool, total: Int)
    /// What changed since the last snapshot (live polls after the first): only those records
    /// are touched.
    case snapshotChanged(partner: Partner?, clients: ListDelta<Client>, channels: ListDelta<Channel>, asOf: Date)
    case balanceLoaded(clientId: String, ClientBalance)
    /// The server refused one client's data (403 and the like): shown on that client only.
    case clientDataFailed(clientId: String, reason: String)
    case templatesLoaded(wabaAccountId: String, [Template])
    case fundsLoaded(ChannelFunds)
    /// The destination partner a wizard asked for (nil summary: `problem` says why).
    case partnerLookedUp(id: String, PartnerSummary?, problem: Problem?)
    /// Whether a WABA's client may change partner (nil: not known, e.g. live: the Hub decides).
    case partnerChangeEligibility(wabaAccountId: String, PartnerChangeEligibility?)
    /// The Partner API cannot take the partner change (live): the Hub does, with the client.
    case partnerChangeInHubOnly(wabaAccountId: String)
    /// Partner change requests as last polled (the wizards follow theirs).
    case partnerChangesLoaded([PartnerChangeRequest])
    /// Wizards kept from an earlier run (resumed with `c`).
    case partnerChangeWizardsRestored([PartnerChangeWizard])
    /// The funds of a number could not be read (Hub-only on a live connection, or an error).
    case fundsUnavailable(channelId: String, Problem)
    case permissionsLoaded(clientId: String, [String])
    /// The permissions cannot be read: `hubURL` when the API has no such endpoint (live), else why.
    case permissionsUnavailable(clientId: String, Problem)
    case auditLoaded([AuditEntry])
    /// C8: the hub's team members as the server listed them.
    case usersLoaded([HubUser])
    /// They could not be listed: why (Hub-only on a live connection, an error).
    case usersFailed(Problem)
    /// A health check answered, for the dialog that asked.
    case healthChecked(dialog: Int, channelId: String, HealthReport)
    /// A generated API key, for the screen only (never the audit log).
    case apiKeyReady(channelId: String, Secret, address: String?)
    case themeChanged(String)
    case liveStatusChanged(LiveStatus)
    case notify(HubNotification)
    case notificationsRestored([HubNotification])
    case flash(HubNotification.Level, String)

    // Time and terminal: the reducer knows the clock and the size only from these.
    case tick(Date)
    case resized(width: Int, height: Int)

    // Features, each with its own reducer (Store/*Reducer.swift).
    case grid(GridAction)
    case details(DetailsAction)
    case clients(ClientsAction)
    case filter(FilterAction)
    case overlay(OverlayAction)
    case dialog(DialogAction)
    /// Opens a workflow's first dialog (Workflows/).
    case open(Workflow)

    // The runtime's work.
    case setTheme(String)
    case redraw
    case refreshNow
    case togglePause
    /// Copy details (`y`): Features/CopyDetails.
    case copyDetails
    case quit

    public enum Direction: Sendable { case up, down, left, right, pageUp, pageDown, first, last }
}

public enum GridAction: Sendable {
    case move(Action.Direction)
    case select(channelId: String)
    case cycleSort
    /// A client's numbers together, under its name; again: the plain order.
    case toggleGroupByClient
}

public enum DetailsAction: Sendable {
    case open
    case close
    case setTab(AppState.DetailTab)
    case nextTab
    case previousTab
    case togglePaneFocus
    /// `maxScroll`: the last offset that still fills the pane, measured by the key router on
    /// the lines it would draw; scrolling never passes it.
    case scroll(Int, maxScroll: Int)
}

public enum FilterAction: Sendable {
    case begin
    case edit(EditKey)
    /// Replaces the whole text (a saved filter, a test).
    case set(String)
    case commit
    case clear
    /// Shows only the cards in this state (`.all`: every card).
    case state(StateFilter)
}

public enum OverlayAction: Sendable {
    case open(AppState.Overlay)
    case close
    case paletteEdit(EditKey)
    /// Moves the palette's selection among `count` matching entries.
    case paletteMove(Int, count: Int)
    /// Scrolls help by lines, never past `max` (measured by the router on what it draws).
    case scroll(Int, max: Int)
    /// The notification center's level filter (nil: all).
    case notificationLevel(HubNotification.Level?)
}

public enum DialogAction: Sendable {
    /// A key for the top dialog.
    case key(EditKey)
    /// The pipeline's answer to the dialog that asked (`correlation` is its ID).
    case mutationSettled(MutationRequest, MutationOutcome)
    case exportProgress(dialog: Int, done: Int, total: Int)
    case exportExists(dialog: Int, path: String)
    case exportFinished(dialog: Int, path: String, rows: Int)
    case exportFailed(dialog: Int, message: String)
}

/// Work the reducer asks for; the runtime performs it and reports back with actions.
public enum Effect: Hashable, Sendable {
    case loadTemplates(wabaAccountId: String)
    case loadFunds(channelId: String)
    case lookupPartner(id: String)
    case checkPartnerChange(clientId: String, wabaAccountId: String)
    /// Keeps a wizard's state on disk (nil: it is done with).
    case persistPartnerChange(wabaAccountId: String, PartnerChangeWizard?)
    case loadPartnerChanges
    case loadPermissions(clientId: String)
    case loadAudit
    case loadUsers
    /// C15: the health of the number behind a key (HubLive `HealthChecks`: once per 5 minutes).
    case checkHealth(channelId: String, platform: HostingPlatform, apiKey: Secret, dialog: Int)
    /// OSC 52, when the agent turned it on.
    case copyToClipboard(Secret)
    /// Writes the accounts CSV off the main actor; answers with `DialogAction.export*`.
    case exportCSV(path: String, overwrite: Bool, dialog: Int)
    /// Sends a confirmed intent through the operation pipeline.
    case mutate(MutationRequest)
    case setTheme(String)
    case redraw
    case refreshNow
    case setPaused(Bool)
    /// The live engine polls what is on screen: the balances, the focused client first, the funds.
    case watch(Interest)
    case quit
}

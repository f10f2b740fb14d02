import Foundation

/// Everything that can happen to the app: keys (already mapped to intents), data from the live
/// engine, and time. The reducer is the only place that turns them into state.
public enum Action: Sendable {
    // Data
    case snapshotLoaded(partner: Partner?, clients: [Client], channels: [Channel], asOf: Date, fromCache: Bool)
    case balanceLoaded(clientId: String, ClientBalance)
    case templatesLoaded(wabaAccountId: String, [Template])
    case paymentsLoaded(channelId: String, [Payment])
    case permissionsLoaded(clientId: String, [String])
    case themeChanged(String)
    case liveStatusChanged(LiveStatus)
    case notify(HubNotification)
    case notificationsRestored([HubNotification])
    case flash(HubNotification.Level, String)

    // Time
    case tick(Date)

    // Navigation; the grid's column count and page size come from the layout.
    case move(Direction, columns: Int, pageRows: Int)
    case select(channelId: String)
    case openDetails
    case closeDetails
    case setTab(AppState.DetailTab)
    case nextTab
    case previousTab
    case togglePaneFocus
    case scrollDetails(Int)

    // Filter and sort
    case beginFilter
    case setFilter(String)
    case commitFilter
    case clearFilter
    case cycleSort

    // Overlays
    case openOverlay(AppState.Overlay)
    case closeOverlay

    // Live engine
    case refreshNow
    case togglePause

    case quit

    public enum Direction: Sendable { case up, down, left, right, pageUp, pageDown, first, last }
}

/// Work the reducer asks for; the runtime performs it and reports back with actions.
public enum Effect: Hashable, Sendable {
    case loadBalance(clientId: String)
    case loadTemplates(wabaAccountId: String)
    case loadPayments(channelId: String)
    case loadPermissions(clientId: String)
    case exportCSV
    case setTheme(String)
    case refreshNow
    case setPaused(Bool)
    /// Balance polling should follow what is on screen: the focused client first.
    case focusClient(String?)
    case quit
}

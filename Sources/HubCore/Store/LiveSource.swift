import Foundation

/// Where the screen's live data comes from, and what it is asked: one agent's own engine
/// polling the Partner API (`LiveFeed`, HubLive) or the team's poller read from PostgreSQL
/// (`TeamFeed`, HubTeam). The app and its effect runner see only this, so the two are wired
/// the same way (TUICommand, its team variant and the test harness).
public protocol LiveSource: Sendable {
    /// What happened, for the store: snapshots, changes, statuses, notifications.
    var actions: AsyncStream<Action> { get }
    /// An action from elsewhere in the same stream (restored wizards, reconcile notes).
    func inject(_ action: Action) async
    /// Fresh data now; answers when it will be fetched (nil: it is being fetched already).
    func refreshNow() async -> Date?
    func setPaused(_ paused: Bool) async
    /// What the screen shows: these balances (the focused client's first) and funds.
    func watch(_ interest: Interest) async
    /// A refund or partner change was just made: what settles it is watched closely from now on.
    func settlementStarted() async
    /// A template submitted from here: followed until Meta decides.
    func followReview(wabaAccountId: String, name: String) async
    /// A WABA's templates through the source (which then notifies their changes), or nil:
    /// the runner reads them straight from the service.
    func templates(of wabaAccountId: String) async throws -> [Template]?
}

import Foundation

// The parts of `AppState` (issue 27): the root holds these few values; each groups the state
// of one concern. `AppState` forwards its old property names to them (AppState+Forwarding.swift; the
// ones only AppState.swift may set are forwarded there),
// so callers migrate one at a time.

extension AppState {
    /// Who, where and when: the mode, the agent, the clock and the terminal size.
    public struct Session: Sendable {
        let mode: Mode
        let readOnly: Bool
        /// Who is at the keyboard and where: for audit rows, default paths and idempotency keys.
        let environment: AppEnvironment
        /// The clock, from `.tick` only.
        var now: Date
        /// The terminal size, from `.resized` only.
        var width: Int = 80
        var height: Int = 24
        var themeName: String = "default"
        var quitRequested: Bool = false
        /// Counts intents, for idempotency keys unique within the session.
        var intentSequence: Int = 0
    }

    /// What the API said: the partner, its clients and numbers, and what was read about them.
    public struct Entities: Sendable {
        var partner: Partner? = nil
        var records: [String: ChannelRecord] = [:]
        var clients: [String: Client] = [:]
        var balances: [String: ClientBalance] = [:]
        /// Why a client's balance could not be read (a 403 on that client): its cards and details say so.
        var clientErrors: [String: String] = [:]
        var templates: [String: [Template]] = [:]
        /// Each number's funds (C7) as last read: balance, payments, refunds.
        var funds: [String: ChannelFunds] = [:]
        /// Each number's balance readings since its latest payment (the billing tab's sparkline).
        var balanceHistory: [String: BalanceHistory] = [:]
        var fundsProblems: [String: Problem] = [:]
        /// Whether each client may change partner, as the server said (P3; absent: not asked or not known).
        var partnerChangeEligibility: [String: PartnerChangeEligibility] = [:]
        /// Partner change requests as last polled (nil: not yet).
        var partnerChangeRequests: [PartnerChangeRequest]? = nil
        /// The auto-approve setting as this app last set it (the partner's settings otherwise).
        var autoApproveSet: Bool? = nil
        /// Destination partners looked up by ID.
        var destinations: [String: PartnerSummary] = [:]
        /// When the data on screen was fetched; set from the cache first, then from polls.
        var dataAsOf: Date? = nil
        var dataFromCache: Bool = false
        /// Set while what is shown is only the first part of a list of this many numbers.
        var loadingTotal: Int? = nil
        /// Numbers each client lets the partner manage (Partner Settings, P5).
        var permissions: [String: Set<String>] = [:]
        /// The audit log as last loaded (`:audit`).
        var audit: [AuditEntry]? = nil
        /// The hub's team members as last listed (C8; nil: not yet).
        var users: [HubUser]? = nil
        /// Kept with the records: the header shows it every frame, and counting 48,000 records there
        /// cost over a millisecond a frame.
        var needsActionCount: Int = 0
    }

    /// How the agent looks at the numbers: selection, filters, sort, the clients view, the details pane.
    public struct Browse: Sendable {
        /// Selection by channel ID, never by row.
        var selection: String? = nil
        var filter: FilterState = FilterState()
        /// Cards by state, with the text filter (`f`, `:filter …`).
        var stateFilter: StateFilter = .all
        var sort: SortKey = .needsActionFirst
        /// The order does not jump for a few seconds after a keypress (htop).
        var orderFrozenUntil: Date? = nil
        /// Filtered and sorted channel IDs: what the grid shows.
        var visible: [String] = []
        /// All IDs in sort order, cached so a filter keystroke only filters, with their search
        /// bytes beside them (no dictionary lookup per channel per keystroke).
        var sortedAll: [String] = []
        var sortedSearch: [[UInt8]] = []
        var selectionIndexHint: Int = 0
        /// The cards, or the clients view beside them (`clients`).
        var mainView: MainView = .cards
        var clientsView: ClientsViewState = ClientsViewState()
        /// The cards of one client only (Enter in the clients view); Esc goes back.
        var clientScope: String? = nil
        /// The cards' filter while one client's cards are shown, restored on the way back.
        var scopedFilterBackup: FilterState? = nil
        /// A client's numbers sit together, under its name (`group-by-client`).
        var groupByClient: Bool = false
        /// First card row shown; kept by moves so the view scrolls only when the cursor leaves it.
        var gridScrollRow: Int = 0
        var details: DetailsState = DetailsState()
        /// What the live engine was last told the screen shows (`Interest`).
        var watching: Interest = Interest()
        /// Channels that changed recently, highlighted until the time given.
        var highlightedUntil: [String: Date] = [:]
    }

    /// What is open over the screen: the overlay, the dialog stack and the flows behind them.
    public struct Presentation: Sendable {
        var overlay: Overlay? = nil
        /// How far help is scrolled (lines); in the notification center, the selected row.
        var overlayScroll: Int = 0
        /// The notification center shows this level and above (nil: every one).
        var notificationLevel: HubNotification.Level? = nil
        var dialogs: DialogStack = DialogStack()
        /// Partner change wizards by WABA: one per WABA, resumed when opened again.
        var partnerChanges: [String: PartnerChangeWizard] = [:]
    }
}

import Foundation

/// The names `AppState` had before its parts (issue 27), forwarded in place (`_modify`: a
/// change to one record never copies the dictionary).
extension AppState {
    // MARK: session
    public var mode: Mode { session.mode }
    public var readOnly: Bool { session.readOnly }
    public var environment: AppEnvironment { session.environment }
    public internal(set) var themeName: String {
        get { session.themeName }
        set { session.themeName = newValue }
        _modify { yield &session.themeName }
    }
    public internal(set) var quitRequested: Bool {
        get { session.quitRequested }
        set { session.quitRequested = newValue }
        _modify { yield &session.quitRequested }
    }
    var intentSequence: Int {
        get { session.intentSequence }
        set { session.intentSequence = newValue }
        _modify { yield &session.intentSequence }
    }

    // MARK: entities
    public internal(set) var partner: Partner? {
        get { entities.partner }
        set { entities.partner = newValue }
        _modify { yield &entities.partner }
    }
    public internal(set) var clientErrors: [String: String] {
        get { entities.clientErrors }
        set { entities.clientErrors = newValue }
        _modify { yield &entities.clientErrors }
    }
    public internal(set) var templates: [String: [Template]] {
        get { entities.templates }
        set { entities.templates = newValue }
        _modify { yield &entities.templates }
    }
    public internal(set) var funds: [String: ChannelFunds] {
        get { entities.funds }
        set { entities.funds = newValue }
        _modify { yield &entities.funds }
    }
    public internal(set) var balanceHistory: [String: BalanceHistory] {
        get { entities.balanceHistory }
        set { entities.balanceHistory = newValue }
        _modify { yield &entities.balanceHistory }
    }
    public internal(set) var fundsProblems: [String: Problem] {
        get { entities.fundsProblems }
        set { entities.fundsProblems = newValue }
        _modify { yield &entities.fundsProblems }
    }
    public internal(set) var partnerChangeEligibility: [String: PartnerChangeEligibility] {
        get { entities.partnerChangeEligibility }
        set { entities.partnerChangeEligibility = newValue }
        _modify { yield &entities.partnerChangeEligibility }
    }
    public internal(set) var partnerChangeRequests: [PartnerChangeRequest]? {
        get { entities.partnerChangeRequests }
        set { entities.partnerChangeRequests = newValue }
        _modify { yield &entities.partnerChangeRequests }
    }
    var autoApproveSet: Bool? {
        get { entities.autoApproveSet }
        set { entities.autoApproveSet = newValue }
        _modify { yield &entities.autoApproveSet }
    }
    public internal(set) var destinations: [String: PartnerSummary] {
        get { entities.destinations }
        set { entities.destinations = newValue }
        _modify { yield &entities.destinations }
    }
    public internal(set) var dataAsOf: Date? {
        get { entities.dataAsOf }
        set { entities.dataAsOf = newValue }
        _modify { yield &entities.dataAsOf }
    }
    public internal(set) var dataFromCache: Bool {
        get { entities.dataFromCache }
        set { entities.dataFromCache = newValue }
        _modify { yield &entities.dataFromCache }
    }
    public internal(set) var loadingTotal: Int? {
        get { entities.loadingTotal }
        set { entities.loadingTotal = newValue }
        _modify { yield &entities.loadingTotal }
    }
    public internal(set) var permissions: [String: Set<String>] {
        get { entities.permissions }
        set { entities.permissions = newValue }
        _modify { yield &entities.permissions }
    }
    public internal(set) var audit: [AuditEntry]? {
        get { entities.audit }
        set { entities.audit = newValue }
        _modify { yield &entities.audit }
    }
    public internal(set) var users: [HubUser]? {
        get { entities.users }
        set { entities.users = newValue }
        _modify { yield &entities.users }
    }
    public internal(set) var selection: String? {
        get { browse.selection }
        set { browse.selection = newValue }
        _modify { yield &browse.selection }
    }
    public internal(set) var filter: FilterState {
        get { browse.filter }
        set { browse.filter = newValue }
        _modify { yield &browse.filter }
    }
    public internal(set) var stateFilter: StateFilter {
        get { browse.stateFilter }
        set { browse.stateFilter = newValue }
        _modify { yield &browse.stateFilter }
    }
    public internal(set) var sort: SortKey {
        get { browse.sort }
        set { browse.sort = newValue }
        _modify { yield &browse.sort }
    }
    public internal(set) var orderFrozenUntil: Date? {
        get { browse.orderFrozenUntil }
        set { browse.orderFrozenUntil = newValue }
        _modify { yield &browse.orderFrozenUntil }
    }
    var sortedAll: [String] {
        get { browse.sortedAll }
        set { browse.sortedAll = newValue }
        _modify { yield &browse.sortedAll }
    }
    var sortedSearch: [[UInt8]] {
        get { browse.sortedSearch }
        set { browse.sortedSearch = newValue }
        _modify { yield &browse.sortedSearch }
    }
    var selectionIndexHint: Int {
        get { browse.selectionIndexHint }
        set { browse.selectionIndexHint = newValue }
        _modify { yield &browse.selectionIndexHint }
    }
    public internal(set) var mainView: MainView {
        get { browse.mainView }
        set { browse.mainView = newValue }
        _modify { yield &browse.mainView }
    }
    public internal(set) var clientsView: ClientsViewState {
        get { browse.clientsView }
        set { browse.clientsView = newValue }
        _modify { yield &browse.clientsView }
    }
    public internal(set) var clientScope: String? {
        get { browse.clientScope }
        set { browse.clientScope = newValue }
        _modify { yield &browse.clientScope }
    }
    var scopedFilterBackup: FilterState? {
        get { browse.scopedFilterBackup }
        set { browse.scopedFilterBackup = newValue }
        _modify { yield &browse.scopedFilterBackup }
    }
    public internal(set) var groupByClient: Bool {
        get { browse.groupByClient }
        set { browse.groupByClient = newValue }
        _modify { yield &browse.groupByClient }
    }
    public internal(set) var gridScrollRow: Int {
        get { browse.gridScrollRow }
        set { browse.gridScrollRow = newValue }
        _modify { yield &browse.gridScrollRow }
    }
    /// What the live engine was last told the screen shows.
    public internal(set) var watching: Interest {
        get { browse.watching }
        set { browse.watching = newValue }
    }
    public internal(set) var details: DetailsState {
        get { browse.details }
        set { browse.details = newValue }
        _modify { yield &browse.details }
    }
    public internal(set) var highlightedUntil: [String: Date] {
        get { browse.highlightedUntil }
        set { browse.highlightedUntil = newValue }
        _modify { yield &browse.highlightedUntil }
    }

    // MARK: presentation
    public internal(set) var overlay: Overlay? {
        get { presentation.overlay }
        set { presentation.overlay = newValue }
        _modify { yield &presentation.overlay }
    }
    public internal(set) var overlayScroll: Int {
        get { presentation.overlayScroll }
        set { presentation.overlayScroll = newValue }
        _modify { yield &presentation.overlayScroll }
    }
    public internal(set) var notificationLevel: HubNotification.Level? {
        get { presentation.notificationLevel }
        set { presentation.notificationLevel = newValue }
        _modify { yield &presentation.notificationLevel }
    }
    public internal(set) var dialogs: DialogStack {
        get { presentation.dialogs }
        set { presentation.dialogs = newValue }
        _modify { yield &presentation.dialogs }
    }
    public internal(set) var partnerChanges: [String: PartnerChangeWizard] {
        get { presentation.partnerChanges }
        set { presentation.partnerChanges = newValue }
        _modify { yield &presentation.partnerChanges }
    }
}

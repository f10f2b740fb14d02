import HubCore
import Foundation

/// Everything a key can do. Raw values are the names used in `[keys]` and the palette.
public enum Command: String, CaseIterable, Sendable {
    case up, down, left, right
    case pageUp = "page-up", pageDown = "page-down", first, last
    case details = "show-details", back, nextPane = "next-pane"
    case nextTab = "next-tab", previousTab = "previous-tab", tab1 = "tab-1", tab2 = "tab-2", tab3 = "tab-3", tab4 = "tab-4"
    case filter, stateFilter = "filter-state", sort, palette, help, notifications, liveStatus = "live-status"
    case refresh, pause, export, maxChannels = "max-channels", refund, addFunds = "add-funds", manageFunds = "manage-funds", partnerChange = "partner-change", incomingRequests = "partner-requests", autoApprove = "auto-approve", partnerSettings = "partner-settings", users, addUser = "add-user", templates, generateAPIKey = "api-key", health, clients, groupByClient = "group-by-client", audit, redraw, quit

    public var help: String {
        switch self {
        case .up: return "Move up"
        case .down: return "Move down"
        case .left: return "Move left"
        case .right: return "Move right"
        case .pageUp: return "Page up"
        case .pageDown: return "Page down"
        case .first: return "First card"
        case .last: return "Last card"
        case .details: return "Show details"
        case .back: return "Back / close"
        case .nextPane: return "Switch between cards and details"
        case .nextTab: return "Next details tab"
        case .previousTab: return "Previous details tab"
        case .tab1: return "Overview"
        case .tab2: return "Template Message Manager"
        case .tab3: return "Insights & Billing"
        case .tab4: return "Partner Settings"
        case .filter: return "Filter by number, name or ID"
        case .stateFilter: return "Cards by state: need action, Error, Pending, Unregistered, Pending deletion, Draft, Live, all"
        case .sort: return "Cycle the sort order"
        case .palette: return "Command palette"
        case .help: return "This help"
        case .notifications: return "Notification center"
        case .liveStatus: return "Live status of each data source"
        case .refresh: return "Refresh now"
        case .pause: return "Pause / resume live updates"
        case .export: return "Export all accounts as CSV"
        case .maxChannels: return "Max channels of the selected client"
        case .refund: return "Refund account funds of the selected number"
        case .addFunds: return "Add funds to the selected number"
        case .manageFunds: return "Manage funds: choose a number of the client"
        case .partnerChange: return "Change partner: move the selected number's WABA to another partner"
        case .incomingRequests: return "Incoming partner change requests: approve one"
        case .partnerSettings: return "Partner Settings: numbers of the client the partner may manage"
        case .autoApprove: return "Turn automatic approval of incoming partner change requests on or off"
        case .audit: return "Audit log of changes made from here"
        case .users: return "Users: the hub's team members"
        case .templates: return "Template Message Manager of the selected number's WABA"
        case .generateAPIKey: return "Generate API key for the selected number (revokes its old keys)"
        case .health: return "Messaging health of the number behind an API key"
        case .clients: return "Clients view: one row per client; Enter shows its numbers"
        case .groupByClient: return "Group the cards by client"
        case .addUser: return "Add user: a new team member of the hub"
        case .redraw: return "Redraw the screen"
        case .quit: return "Quit"
        }
    }

    public var group: String {
        switch self {
        case .up, .down, .left, .right, .pageUp, .pageDown, .first, .last: return "Move"
        case .details, .back, .nextPane, .nextTab, .previousTab, .tab1, .tab2, .tab3, .tab4, .templates: return "Details"
        case .filter, .stateFilter, .sort, .clients, .groupByClient: return "Find"
        case .maxChannels, .refund, .addFunds, .manageFunds, .partnerChange, .incomingRequests, .autoApprove, .partnerSettings, .addUser, .generateAPIKey: return "Change"
        case .palette, .help, .notifications, .liveStatus, .refresh, .pause, .export, .audit, .users, .health, .redraw, .quit: return "General"
        }
    }

    /// Changes accounts or money at the API: hidden in `--read-only` from keys, palette and help.
    public var isMutating: Bool {
        switch self {
        case .maxChannels, .refund, .addFunds, .manageFunds, .partnerChange, .incomingRequests, .autoApprove, .partnerSettings, .addUser, .generateAPIKey: return true
        default: return false
        }
    }

    /// The workflow the command opens, if it opens one.
    public var workflow: Workflow? {
        switch self {
        case .export: return .export
        case .maxChannels: return .maxChannels
        case .refund: return .refund
        case .addFunds: return .addFunds
        case .manageFunds: return .manageFunds
        case .partnerChange: return .partnerChange
        case .incomingRequests: return .incomingRequests
        case .autoApprove: return .autoApprove
        case .partnerSettings: return .partnerSettings
        case .audit: return .audit
        case .users: return .users
        case .addUser: return .addUser
        case .templates: return .templates
        case .generateAPIKey: return .generateAPIKey
        case .health: return .health
        default: return nil
        }
    }
}

/// Keys as data: one table feeds dispatch, help, the palette and docs/keymap.md.
public struct Keymap: Sendable {
    public private(set) var bindings: [Command: [Key]]
    /// The keys read-only took away, so that pressing one says why nothing happens.
    public private(set) var removed: [Key: Command] = [:]
    /// Problems found while applying user overrides, reported at start.
    public private(set) var warnings: [String] = []

    public static let defaults: [Command: [String]] = [
        .up: ["up", "k"], .down: ["down", "j"], .left: ["left", "h"], .right: ["right", "l"],
        .pageUp: ["pgup", "ctrl-u"], .pageDown: ["pgdn", "ctrl-f"], .first: ["g", "home"], .last: ["G", "end"],
        .details: ["enter"], .back: ["esc"], .nextPane: ["tab"],
        .nextTab: ["]"], .previousTab: ["["], .tab1: ["1"], .tab2: ["2"], .tab3: ["3"], .tab4: ["4"],
        .filter: ["/"], .stateFilter: ["f"], .sort: ["s"], .palette: [":"], .help: ["?"], .notifications: ["n"], .liveStatus: ["L"],
        .refresh: ["r"], .pause: ["p"], .export: ["e"], .maxChannels: ["M"], .refund: ["R"], .addFunds: ["F"], .manageFunds: ["$"], .partnerChange: ["c"], .incomingRequests: ["I"], .autoApprove: ["Y"], .partnerSettings: ["P"], .users: ["U"], .addUser: ["+"], .templates: ["T"], .generateAPIKey: ["K"], .health: ["H"], .clients: ["C"], .groupByClient: ["b"], .audit: ["A"], .redraw: ["ctrl-l"], .quit: ["q", "ctrl-c"],
    ]

    /// Keys tmux (and screen) take for themselves: never the only key of a command.
    static let multiplexerKeys: Set<String> = ["ctrl-a", "ctrl-b", "ctrl-d"]

    public init(overrides: [String: [String]] = [:], readOnly: Bool = false) {
        var b: [Command: [Key]] = [:]
        for (c, keys) in Self.defaults { b[c] = keys.compactMap(Key.parse) }
        var warnings: [String] = []
        for (name, keys) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let command = Command(rawValue: name) else {
                warnings.append("[keys] \(name): no such command (see docs/keymap.md)")
                continue
            }
            var parsed: [Key] = []
            for k in keys {
                if let key = Key.parse(k) { parsed.append(key) } else { warnings.append("[keys] \(name): \"\(k)\" is not a key name") }
            }
            guard !parsed.isEmpty else { continue }
            if parsed.allSatisfy({ Self.multiplexerKeys.contains($0.name) }) {
                warnings.append("[keys] \(name): \(parsed.map(\.label).joined(separator: ", ")) is taken by tmux; add another key")
            }
            // A key the user gives to this command leaves the command it had by default.
            for (other, otherKeys) in b where other != command {
                let taken = otherKeys.filter { parsed.contains($0) }
                if !taken.isEmpty {
                    b[other] = otherKeys.filter { !parsed.contains($0) }
                    if overrides[other.rawValue] != nil {
                        warnings.append("[keys] \(taken.map(\.label).joined(separator: ", ")) is bound to both \(name) and \(other.rawValue); \(name) wins")
                    }
                    if b[other]!.isEmpty { warnings.append("[keys] \(other.rawValue) has no key left after overriding \(name)") }
                }
            }
            b[command] = parsed
        }
        if readOnly {
            for c in Command.allCases where c.isMutating {
                for k in b[c] ?? [] { removed[k] = c }
                b[c] = []
            }
        }
        bindings = b
        // The names come from the user's file: shown and logged, so made safe (and kept short).
        self.warnings = warnings.map { Sanitizer.oneLine($0, max: 200) }
    }

    public func command(for key: Key) -> Command? {
        for c in Command.allCases where bindings[c]?.contains(key) == true { return c }
        return nil
    }

    public func keys(_ c: Command) -> [Key] { bindings[c] ?? [] }

    /// "↓/j" for help; Ctrl-C stays out of the status bar's "q" to save room.
    public func label(_ c: Command) -> String { keys(c).map(\.label).joined(separator: "/") }

    public func shortLabel(_ c: Command) -> String { keys(c).first?.label ?? "" }
}

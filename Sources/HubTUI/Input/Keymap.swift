import HubCore
import Foundation

/// Everything a key can do. Raw values are the names used in `[keys]` and the palette.
public enum Command: String, CaseIterable, Sendable {
    case up, down, left, right
    case pageUp = "page-up", pageDown = "page-down", first, last
    case details = "show-details", back, nextPane = "next-pane"
    case nextTab = "next-tab", previousTab = "previous-tab", tab1 = "tab-1", tab2 = "tab-2", tab3 = "tab-3", tab4 = "tab-4", copyDetails = "copy-details", detailsText = "details-text"
    case filter, stateFilter = "filter-state", sort, palette, help, notifications, liveStatus = "live-status", overview
    case refresh, pause, export, maxChannels = "max-channels", refund, addFunds = "add-funds", manageFunds = "manage-funds", partnerChange = "partner-change", incomingRequests = "partner-requests", autoApprove = "auto-approve", partnerSettings = "partner-settings", users, addUser = "add-user", templates, generateAPIKey = "api-key", health, clients, groupByClient = "group-by-client", audit, redraw, quit

    /// Everything about the command, in one place (keys, help, group, read-only, workflow).
    public var descriptor: CommandDescriptor {
        switch self {
        case .up: return CommandDescriptor(keys: ["up", "k"], help: "Move up", group: .move)
        case .down: return CommandDescriptor(keys: ["down", "j"], help: "Move down", group: .move)
        case .left: return CommandDescriptor(keys: ["left", "h"], help: "Move left", group: .move)
        case .right: return CommandDescriptor(keys: ["right", "l"], help: "Move right", group: .move)
        case .pageUp: return CommandDescriptor(keys: ["pgup", "ctrl-u"], help: "Page up", group: .move)
        case .pageDown: return CommandDescriptor(keys: ["pgdn", "ctrl-f"], help: "Page down", group: .move)
        case .first: return CommandDescriptor(keys: ["g", "home"], help: "First card", group: .move)
        case .last: return CommandDescriptor(keys: ["G", "end"], help: "Last card", group: .move)
        case .details: return CommandDescriptor(keys: ["enter"], help: "Show details", group: .details)
        case .back: return CommandDescriptor(keys: ["esc"], help: "Back / close", group: .details)
        case .nextPane: return CommandDescriptor(keys: ["tab"], help: "Switch between cards and details", group: .details)
        case .nextTab: return CommandDescriptor(keys: ["]"], help: "Next details tab", group: .details)
        case .previousTab: return CommandDescriptor(keys: ["["], help: "Previous details tab", group: .details)
        case .copyDetails:
            return CommandDescriptor(keys: ["y"], help: "Copy the selected number's details (for a ticket)", group: .details, action: .copyDetails,
                                     doc: "Copy the selected number's details as plain text (number, display name, company, status, actions, Hosting Platform Type, partner, channel, client and WABA IDs, created) for a support ticket, with OSC 52 when `osc52_clipboard = true` under `[ui]`; otherwise it says how to turn copying on")
        case .detailsText:
            return CommandDescriptor(keys: ["D"], help: "The selected number's details as text, to select or copy", group: .details, opens: .detailsText,
                                     doc: "The selected number's details as text, as Copy details words them, in a dialog: select them with the terminal (Shift and drag in most terminals), or `c` copies them with OSC 52 when `osc52_clipboard = true` under `[ui]`")
        case .tab1: return CommandDescriptor(keys: ["1"], help: "Overview", group: .details)
        case .tab2: return CommandDescriptor(keys: ["2"], help: "Template Message Manager", group: .details)
        case .tab3: return CommandDescriptor(keys: ["3"], help: "Insights & Billing", group: .details)
        case .tab4: return CommandDescriptor(keys: ["4"], help: "Partner Settings", group: .details)
        case .filter: return CommandDescriptor(keys: ["/"], help: "Filter by number, name or ID", group: .find)
        case .stateFilter: return CommandDescriptor(keys: ["f"], help: "Cards by state: need action, Error, Pending, Unregistered, Pending deletion, Draft, Live, all", group: .find)
        case .sort: return CommandDescriptor(keys: ["s"], help: "Cycle the sort order", group: .find)
        case .palette: return CommandDescriptor(keys: [":"], help: "Command palette", group: .general)
        case .help: return CommandDescriptor(keys: ["?"], help: "This help", group: .general)
        case .notifications: return CommandDescriptor(keys: ["n"], help: "Notification center", group: .general)
        case .liveStatus: return CommandDescriptor(keys: ["L"], help: "Live status of each data source", group: .general)
        case .overview:
            return CommandDescriptor(keys: ["O"], help: "Overview: numbers by state, what waits, the last hour", group: .general, action: .overlay(.open(.overview)),
                                     doc: "Overview: every number by state (Live, Pending, Error, Unregistered, Pending deletion, Draft) as one bar with the counts, how many need action, refunds in flight (among the numbers whose funds were read), partner change requests waiting, and the changes of the last hour (notifications per 5 minutes); `←→` choose a state, `Enter` shows its cards")
        case .refresh: return CommandDescriptor(keys: ["r"], help: "Refresh now", group: .general)
        case .pause: return CommandDescriptor(keys: ["p"], help: "Pause / resume live updates", group: .general)
        case .export: return CommandDescriptor(keys: ["e"], help: "Export all accounts as CSV", group: .general, opens: .export)
        case .maxChannels: return CommandDescriptor(keys: ["M"], help: "Max channels of the selected client", group: .change, mutating: true, opens: .maxChannels)
        case .refund: return CommandDescriptor(keys: ["R"], help: "Refund account funds of the selected number", group: .change, mutating: true, opens: .refund)
        case .addFunds: return CommandDescriptor(keys: ["F"], help: "Add funds to the selected number", group: .change, mutating: true, opens: .addFunds)
        case .manageFunds: return CommandDescriptor(keys: ["$"], help: "Manage funds: choose a number of the client", group: .change, mutating: true, opens: .manageFunds)
        case .partnerChange: return CommandDescriptor(keys: ["c"], help: "Change partner: move the selected number's WABA to another partner", group: .change, mutating: true, opens: .partnerChange)
        case .incomingRequests: return CommandDescriptor(keys: ["I"], help: "Incoming partner change requests: approve one", group: .change, mutating: true, opens: .incomingRequests)
        case .autoApprove: return CommandDescriptor(keys: ["Y"], help: "Turn automatic approval of incoming partner change requests on or off", group: .change, mutating: true, opens: .autoApprove)
        case .partnerSettings: return CommandDescriptor(keys: ["P"], help: "Partner Settings: numbers of the client the partner may manage", group: .change, mutating: true, opens: .partnerSettings)
        case .users: return CommandDescriptor(keys: ["U"], help: "Users: the hub's team members", group: .general, opens: .users)
        case .addUser: return CommandDescriptor(keys: ["+"], help: "Add user: a new team member of the hub", group: .change, mutating: true, opens: .addUser)
        case .templates: return CommandDescriptor(keys: ["T"], help: "Template Message Manager of the selected number's WABA", group: .details, opens: .templates)
        case .generateAPIKey: return CommandDescriptor(keys: ["K"], help: "Generate API key for the selected number (revokes its old keys)", group: .change, mutating: true, opens: .generateAPIKey)
        case .health: return CommandDescriptor(keys: ["H"], help: "Messaging health of the number behind an API key", group: .general, opens: .health)
        case .clients: return CommandDescriptor(keys: ["C"], help: "Clients view: one row per client; Enter shows its numbers", group: .find)
        case .groupByClient: return CommandDescriptor(keys: ["b"], help: "Group the cards by client", group: .find)
        case .audit: return CommandDescriptor(keys: ["A"], help: "Audit log of changes made from here", group: .general, opens: .audit)
        case .redraw: return CommandDescriptor(keys: ["ctrl-l"], help: "Redraw the screen", group: .general)
        case .quit: return CommandDescriptor(keys: ["q", "ctrl-c"], help: "Quit", group: .general)
        }
    }

    public var help: String { descriptor.help }
    public var group: String { descriptor.group.rawValue }
    /// Changes accounts or money at the API: hidden in `--read-only` from keys, palette and help.
    public var isMutating: Bool { descriptor.mutating }
    /// The workflow the command opens, if it opens one.
    public var workflow: Workflow? { descriptor.opens }

    /// The one read-only gate: the keymap, the router, the palette and help all ask this.
    public func isAvailable(readOnly: Bool) -> Bool { !(readOnly && isMutating) }
}

/// What a command is: its default keys, its line in help, its group there, whether it changes
/// accounts or money (and so is off in read-only), and the workflow it opens. A new command is
/// one `case` and one descriptor; the keymap, help, the palette, docs/keymap.md and (for one
/// action or a workflow) the key router follow.
public struct CommandDescriptor: Sendable {
    public enum Group: String, CaseIterable, Sendable {
        case move = "Move", details = "Details", find = "Find", change = "Change", general = "General"
    }

    public let keys: [String]
    public let help: String
    public let group: Group
    public let mutating: Bool
    public let opens: Workflow?
    /// What the key does on the main screen when it is one action (no dialog, no context).
    public let action: Action?
    /// Its paragraph in docs/keymap.md, when `help` is too short for it.
    public let doc: String?

    public init(keys: [String], help: String, group: Group, mutating: Bool = false, opens: Workflow? = nil,
                action: Action? = nil, doc: String? = nil) {
        self.keys = keys
        self.help = help
        self.group = group
        self.mutating = mutating
        self.opens = opens
        self.action = action
        self.doc = doc
    }
}

/// Keys as data: one table feeds dispatch, help, the palette and docs/keymap.md.
public struct Keymap: Sendable {
    public private(set) var bindings: [Command: [Key]]
    /// The keys read-only took away, so that pressing one says why nothing happens.
    public private(set) var removed: [Key: Command] = [:]
    /// Problems found while applying user overrides, reported at start.
    public private(set) var warnings: [String] = []

    public static let defaults: [Command: [String]] = Dictionary(uniqueKeysWithValues: Command.allCases.map { ($0, $0.descriptor.keys) })

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
            for c in Command.allCases where !c.isAvailable(readOnly: true) {
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

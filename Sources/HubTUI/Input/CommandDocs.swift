import HubCore

/// What each command does, as docs/keymap.md says it (generated from here by `KeymapDoc`):
/// longer than `help`, which fits a line of the help screen. A new command can give its
/// paragraph in its descriptor (`doc:`) instead; without either, the page shows its help.
extension Command {
    public var doc: String { descriptor.doc ?? Self.docs[self] ?? help }

    static let docs: [Command: String] = [
        .up: "Move up (in the details pane: scroll)",
        .down: "Move down (in the details pane: scroll)",
        .left: "Move left (in the details pane: previous tab)",
        .right: "Move right (in the details pane: next tab)",
        .pageUp: "Page up",
        .pageDown: "Page down",
        .first: "First card",
        .last: "Last card",
        .details: "Show details of the selected number",
        .back: "Close details, overlay or filter",
        .nextPane: "Move the keyboard between the cards and the details pane",
        .nextTab: "Next details tab",
        .previousTab: "Previous details tab",
        .tab1: "Overview",
        .tab2: "Template Message Manager",
        .tab3: "Insights & Billing",
        .tab4: "Partner Settings",
        .filter: "Filter by number, display name, company, client name or any ID (case- and accent-insensitive); Enter keeps it, Esc clears it",
        .stateFilter: "Cards by state, cycling: need action, Error, Pending, Unregistered, Pending deletion, Draft, Live, all; combined with the `/` text filter; the palette names each (`filter needs-action`, `filter error`, `filter pending`, …); Esc shows all again",
        .sort: "Cycle the sort: needs action first, status, number, company, last change",
        .palette: "Command palette: fuzzy search over every command, with its key",
        .help: "Help generated from this table, then what the cards' words and glyphs mean; `↑↓ PgUp PgDn g G` scroll it",
        .notifications: "Notification center (history of changes): `↑↓` choose, `Enter` goes to the number it is about (whatever filter hid it), `l` shows warnings and errors, then errors, then all",
        .liveStatus: "Live status: each data source (channels, clients, balances on screen, partner changes, refunds) with its last update, next run, requests against its budget, and the error while it backs off",
        .refresh: "Refresh now (rate limits still apply)",
        .pause: "Pause or resume live updates",
        .export: "Export all accounts as CSV: a dialog with the file path (default: the current directory), an overwrite confirm, progress, and the row count",
        .maxChannels: "Max channels of the selected number's client (C11): a form, a confirm, then the change through the operation pipeline. Changes the account: hidden with `--read-only`",
        .refund: "Refund account funds of the selected number (C7): reads its funds, shows who and what, the plan newest payment first, fee included or not and why, the credit note and the total; confirm by typing the number or its last 4 digits. Cannot be reversed; takes 48 to 72 hours. Hidden with `--read-only`",
        .addFunds: "Add funds to the selected number (C7a): the amount as you type it (25, 25.50, 25,50, €25) in the number's currency, then a confirm with the balance before and after. Hidden with `--read-only`",
        .manageFunds: "Manage funds (C7b): choose one number of the client, then Refund account funds or Add funds. Hidden with `--read-only`",
        .partnerChange: "Change partner (P1..P4) of the selected number's WABA: destination Partner ID (looked up), every number of the WABA reviewed (they all move), terms with the destination ID typed to submit, payment method when asked, then the approval followed live. Shift-Tab is one step back; Esc leaves it, kept, and `c` resumes it. Hidden with `--read-only`",
        .incomingRequests: "Incoming partner change requests (other partners' clients moving to this partner): who, which numbers, since when; approve one by typing its ID (or its last 4), never one Tab+Enter away. Hidden with `--read-only`",
        .autoApprove: "Turn automatic approval of incoming partner change requests on or off, typed to confirm (`approve all` / `approve by hand`). Hidden with `--read-only`",
        .partnerSettings: "Partner Settings (P5): the numbers of the selected client the partner may manage; Space selects, Save Changes with a confirm. The client grants these: the dialog says so; live, where the API cannot read them, it says at once what the client does in their Hub (Menu > Settings > Partner Settings). Hidden with `--read-only`",
        .users: "Users (C8): the hub's team members (name, email, role, added); `/` filters, `a` opens Add user; `e`, `d` or Delete say that editing and removing a user is done in the Hub (the Partner API has neither). Read-only lists them only",
        .addUser: "Add user (C8): name, email (checked, and not one of the team already), a confirm, then the request; the new user is selected in the list at once. A duplicate the server finds lands on the email field. Hidden with `--read-only`",
        .templates: "Template Message Manager (C2) of the selected number's WABA: the list (`/` filters by any word of name, status, category, language), `Enter` shows a template whole (header, body with each variable and its example, footer, buttons, the rejection reason), `n` a new one (a form checked before it is sent: name rules, category, language, `{{1}}` variables numbered without gaps with one example each, optional header, footer and quick replies), `d` deletes with the name typed to confirm. Meta's decision on a template submitted from here comes as a notification. `n` and `d` are not offered with `--read-only`",
        .generateAPIKey: "Generate API key for the selected number (reference §7): only for a running number the partner may manage; the confirm says it revokes every existing key of the number (the client's integration stops until it uses the new one) and asks for the number or its last 4 digits. The key is shown once, masked (`v` shows it, `c` copies it with OSC 52 when `osc52_clipboard = true` under `[ui]`, `h` checks its health); it is never written to the audit log, the database or the log. Hidden with `--read-only`",
        .health: "Messaging health (C15, C16) of the number behind an API key you paste (masked): Cloud API numbers ask the Cloud health status, on-premise ones `/v1/health`; says \"checked 3 min ago, next check possible in 2 min\" (one request per key every 5 minutes, across restarts and every partnerhub on the same database, errors included), when the number needs a support ticket, and whether the key belongs to the selected number",
        .clients: "Clients view beside the cards: one row per client (company legal name, numbers, live, needing action, max channels, `(10)` when not set, payment model, balance for direct-payment clients, partner payload). `↑↓ PgUp PgDn g G` move, `/` filters (the same rules as on the cards: company, client ID, payload), `s` sorts (needs action, company, numbers, lowest balance), `Enter` shows that client's numbers as cards (Esc comes back, with the cards' filter as it was), `M` / `P` / `$` act on the selected client; `C` again returns to all cards",
        .groupByClient: "Group the cards by client: a client's numbers sit together, its name on the first card's border; the sort applies within each client. `b` again: the plain order",
        .audit: "The audit log: every change asked for from this machine (time, agent, operation, target with names first, outcome); `Enter` shows an entry whole: who, when, what was sent, the answer",
        .redraw: "Repaint the whole screen",
        .quit: "Quit (SIGTERM and SIGHUP also restore the terminal)",
    ]
}

/// What a cell is, not how it looks: the theme maps roles to colours, so `render` stays the
/// same for every theme and snapshots stay stable.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case normal, dim, header, headerAccent, badgeSandbox, badgeLive, title, border, borderSelected
    case selected, highlight, statusLive, statusPending, statusDraft, statusSandbox, statusDeleting
    case statusError, statusClassic, ok, warn, bad, muted, key, keyText, flashInfo, flashWarning
    case flashError, tabActive, tabInactive, overlay, overlayTitle, input, match
}

/// A role plus a bold flag for emphasis inside a role.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool

    public init(_ role: Role, bold: Bool = false) {
        self.role = role
        self.bold = bold
    }

    public static let normal = Style(.normal)
}

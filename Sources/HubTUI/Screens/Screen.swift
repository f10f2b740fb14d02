import Foundation
import HubCore

/// `render(state, size) -> CellBuffer`: pure. The same state, size and context give the same cells.
public enum Screen {
    public static func render(_ state: AppState, width: Int, height: Int, context: RenderContext = RenderContext()) -> CellBuffer {
        var buf = CellBuffer(width: width, height: height)
        let layout = Layout(width: width, height: height, detailsOpen: state.detailsOpen)
        if layout.tooSmall {
            TooSmallView.draw(&buf, context: context)
            return buf
        }
        HeaderView.draw(&buf, state, layout, context)
        if state.mainView == .clients {
            ClientsView.draw(&buf, state, Layout(width: width, height: height, detailsOpen: false).grid, context)
        } else if !layout.grid.isEmpty {
            CardGridView.draw(&buf, state, layout, context)
        }
        if let details = layout.details { DetailsView.draw(&buf, state, rect: details, context) }
        FooterView.draw(&buf, state, layout, context)
        if !state.dialogs.isEmpty { DialogView.draw(&buf, state, layout, context) }
        if let overlay = state.overlay { OverlayView.draw(&buf, overlay, state, context) }
        return buf
    }
}

enum TooSmallView {
    static func draw(_ buf: inout CellBuffer, context: RenderContext) {
        let lines = ["Terminal too small: \(buf.width)x\(buf.height)",
                     "Needs at least \(Layout.minWidth)x\(Layout.minHeight).",
                     "Enlarge it, or q quits."]
        let top = max(0, (buf.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            buf.put(line, x: max(0, (buf.width - w) / 2), y: top + i, style: Style(i == 0 ? .warn : .normal, bold: i == 0))
        }
    }
}

/// Boxes and clipped text shared by the views.
enum Draw {
    static func box(_ buf: inout CellBuffer, _ r: Rect, style: Style, g: Glyphs, title: String? = nil, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        let h = String(repeating: g.horizontal, count: r.width - 2)
        buf.put(g.topLeft + h + g.topRight, x: r.x, y: r.y, style: style)
        for y in (r.y + 1)..<(r.y + r.height - 1) {
            buf.put(g.vertical, x: r.x, y: y, style: style)
            buf.put(g.vertical, x: r.x + r.width - 1, y: y, style: style)
        }
        buf.put(g.bottomLeft + h + g.bottomRight, x: r.x, y: r.y + r.height - 1, style: style)
        if let title, r.width > 6 {
            buf.put(" " + DisplayWidth.truncate(title, to: r.width - 6, ellipsis: g.ellipsis) + " ", x: r.x + 2, y: r.y, style: titleStyle ?? style)
        }
    }

    /// Text from the API: sanitised, then cut to fit with the ellipsis.
    static func text(_ buf: inout CellBuffer, _ s: String, x: Int, y: Int, width: Int, style: Style, g: Glyphs) {
        guard width > 0 else { return }
        buf.put(DisplayWidth.truncate(Sanitizer.terminalSafe(s), to: width, ellipsis: g.ellipsis), x: x, y: y, style: style, maxWidth: width)
    }

    /// Right-aligned text ending at column `right` (exclusive); returns where it starts.
    @discardableResult
    static func right(_ buf: inout CellBuffer, _ s: String, right: Int, y: Int, style: Style) -> Int {
        let x = right - DisplayWidth.of(s)
        buf.put(s, x: x, y: y, style: style)
        return x
    }
}

extension Lifecycle {
    var role: Role {
        switch self {
        case .live: return .statusLive
        case .pending: return .statusPending
        case .draft: return .statusDraft
        case .sandbox: return .statusSandbox
        case .pendingDeletion: return .statusDeleting
        case .error: return .statusError
        case .unregistered: return .statusPending
        case .classic(let s): return s == .certificateDeclined ? .statusError : .statusClassic
        case .unknown: return .statusDraft
        }
    }
}

extension ActivationStatus {
    var role: Role {
        switch self {
        case .done: return .ok
        case .pending: return .warn
        case .rejected, .notVerified: return .bad
        case .needsMoreInformation, .notSubmitted: return .warn
        case .notStarted, .deregistered, .notReported, .unknown: return .muted
        }
    }
}

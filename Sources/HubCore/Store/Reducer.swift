import Foundation

/// How long the grid keeps its order after a keypress, so the card under the cursor stays put.
public let orderFreezeInterval: TimeInterval = 3

/// The one place state changes. Pure and synchronous: the same state and action always give
/// the same state and effects. Each feature has its own reducer in its own file.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let wizards = state.partnerChanges
    var effects = reduceFeature(&state, action)
    // The clients view follows the data while it is shown (one pass over the records).
    if state.mainView == .clients {
        switch action {
        case .snapshotLoaded, .partialSnapshotLoaded: state.refreshClientRows()
        case let .snapshotChanged(_, clients, channels, _):
            state.updateClientRows(channels: Set(channels.upserted.map(\.id) + channels.removed), clients: Set(clients.upserted.map(\.id) + clients.removed))
        case .balanceLoaded(let clientId, _): state.updateClientRows(channels: [], clients: [clientId])
        default: break
        }
    }
    // What the screen shows, whatever changed it (a key, a resize, the first snapshot, a card
    // that went away): told first, so the focused client jumps the queue.
    let interest = state.interest(keeping: state.watching)
    if interest != state.watching {
        state.watching = interest
        effects.insert(.watch(interest), at: 0)
    }
    // A partner change wizard is kept on disk as it changes, so a crash or quit resumes it.
    if state.partnerChanges != wizards {
        for waba in Set(wizards.keys).union(state.partnerChanges.keys).sorted() where wizards[waba] != state.partnerChanges[waba] {
            effects.append(.persistPartnerChange(wabaAccountId: waba, state.partnerChanges[waba]))
        }
    }
    return effects
}

func reduceFeature(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .tick(let now): return state.reduceTick(now)
    case let .resized(width, height):
        state.setSize(width: width, height: height)
        state.keepGridScroll()
        return []
    case .grid(let a): return state.reduceGrid(a)
    case .details(let a): return state.reduceDetails(a)
    case .clients(let a): return state.reduceClients(a)
    case .filter(let a): return state.reduceFilter(a)
    case .overlay(let a): return state.reduceOverlay(a)
    case .dialog(let a): return state.reduceDialog(a)
    case .open(let workflow): return state.open(workflow)
    case .setTheme(let name): return [.setTheme(name)]
    case .redraw: return [.redraw]
    case .copyDetails: return state.copySelectedDetails()
    case .refreshNow: return [.refreshNow]
    case .togglePause:
        let pause = state.live.phase != .paused
        state.live.phase = pause ? .paused : .idle
        return [.setPaused(pause)]
    case .quit:
        state.quitRequested = true
        return [.quit]
    default:
        return state.reduceData(action)
    }
}

extension AppState {
    mutating func reduceTick(_ date: Date) -> [Effect] {
        setNow(date)
        notifications.expire(now: date)
        if !highlightedUntil.isEmpty { highlightedUntil = highlightedUntil.filter { $0.value > date } }
        if let until = orderFrozenUntil, date >= until {
            orderFrozenUntil = nil
            reorder(resort: false)
        }
        return []
    }
}

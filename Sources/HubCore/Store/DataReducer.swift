import Foundation

/// Data from the live engine and the runtime: snapshots, balances, details content, messages.
extension AppState {
    /// Replaces what is shown with a snapshot; false when it is dropped (a late answer older
    /// than what is shown, or a cache over live data).
    mutating func loadSnapshot(partner: Partner?, clients: [Client], channels: [Channel], asOf: Date, fromCache: Bool) -> Bool {
        if let shown = dataAsOf, !dataFromCache, fromCache || asOf < shown { return false }
        let (changed, membership) = replaceData(partner: partner, clients: clients, channels: channels)
        dataAsOf = asOf
        dataFromCache = fromCache
        if membership { reorder(resort: true) } else { reorder(updating: changed) }
        return true
    }

    mutating func reduceData(_ action: Action) -> [Effect] {
        switch action {
        case let .snapshotLoaded(partner, clients, channels, asOf, fromCache):
            guard loadSnapshot(partner: partner, clients: clients, channels: channels, asOf: asOf, fromCache: fromCache) else { return [] }
            loadingTotal = nil
            return exportListProgressed()
        case let .partialSnapshotLoaded(partner, clients, channels, asOf, fromCache, total):
            // Only onto an empty screen or another part: a whole list already shown stays.
            guard dataAsOf == nil || loadingTotal != nil else { return [] }
            guard loadSnapshot(partner: partner, clients: clients, channels: channels, asOf: asOf, fromCache: fromCache) else { return [] }
            loadingTotal = total > channelCount ? total : nil
            return exportListProgressed()
        case let .snapshotChanged(partner, clients, channels, asOf):
            if let shown = dataAsOf, asOf < shown { return [] }
            let (changed, membership) = applyChanges(partner: partner, clients: clients, channels: channels)
            dataAsOf = asOf
            dataFromCache = false
            if membership { reorder(resort: true) } else { reorder(updating: changed) }
        case let .balanceLoaded(clientId, balance):
            clientErrors[clientId] = nil
            reorder(updating: setBalance(balance, clientId: clientId))
        case let .clientDataFailed(clientId, reason):
            clientErrors[clientId] = Sanitizer.oneLine(reason, max: 120)
        case let .templatesLoaded(waba, list):
            templates[waba] = list
            fillTemplates(waba)
        case .fundsLoaded(let f): return fundsArrived(f)
        case let .partnerLookedUp(id, summary, problem): return partnerLookedUp(id, summary, problem: problem)
        case .partnerChangesLoaded(let list): return partnerChangesArrived(list)
        case .partnerChangeWizardsRestored(let list):
            for w in list where partnerChanges[w.wabaAccountId] == nil { partnerChanges[w.wabaAccountId] = w }
            // One submitted before the crash learns its request (and its state) from the server.
            return list.contains { $0.requestId == nil && $0.step.awaitsItsRequest } ? [.loadPartnerChanges] : []
        case let .partnerChangeEligibility(waba, answer): return partnerChangeEligibility(waba, answer)
        case .partnerChangeInHubOnly(let waba): partnerChangeInHubOnly(waba)
        case let .fundsUnavailable(channelId, problem): return fundsUnavailable(channelId, problem)
        case let .permissionsUnavailable(clientId, problem): partnerSettingsUnavailable(clientId, problem)
        case let .permissionsLoaded(clientId, ids):
            permissions[clientId] = Set(ids)
            fillPartnerSettings(clientId)
        case .auditLoaded(let entries): showAudit(entries)
        case .usersLoaded(let list): usersLoaded(list)
        case .usersFailed(let problem): usersFailed(problem)
        case let .healthChecked(dialog, channelId, report): healthChecked(dialog: dialog, channelId: channelId, report)
        case let .apiKeyReady(channelId, key, address): apiKeyReady(channelId: channelId, key, address: address)
        case .themeChanged(let name): themeName = name
        case .liveStatusChanged(let status): live = status
        case .notify(let n): notifications.push(n)
        case .notificationsRestored(let older): notifications.restore(older)
        case let .flash(level, text): flash(level, text)
        default: break
        }
        return []
    }

    /// A flash on the footer line, timed by the reducer's clock.
    mutating func flash(_ level: HubNotification.Level, _ text: String) {
        notifications.flashOnly(HubNotification(id: "flash-\(now.timeIntervalSince1970)", level: level, time: now, text: text))
    }
}

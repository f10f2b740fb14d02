/// Show details: open and close, tabs, keyboard focus, and a scroll that never passes the end.
extension AppState {
    mutating func reduceDetails(_ action: DetailsAction) -> [Effect] {
        switch action {
        case .open:
            guard let record = selectedRecord else { return [] }
            details.open = true
            keepGridScroll()
            return detailEffects(record)
        case .close:
            details.open = false
            details.focused = false
            keepGridScroll()
        case .setTab(let tab):
            guard details.open else { return [] }
            details.tab = tab
            details.scroll = 0
        case .nextTab, .previousTab:
            guard details.open else { return [] }
            let all = DetailTab.allCases
            let step = { if case .nextTab = action { return 1 } else { return all.count - 1 } }()
            details.tab = all[(details.tab.rawValue + step) % all.count]
            details.scroll = 0
        case .togglePaneFocus:
            details.focused = details.open && !details.focused
        case let .scroll(delta, maxScroll):
            // From where the pane really is (content may have shrunk), so a key back always moves.
            let from = min(details.scroll, max(0, maxScroll))
            details.scroll = min(max(0, from + delta), max(0, maxScroll))
        }
        return []
    }

    func detailEffects(_ record: ChannelRecord) -> [Effect] {
        var effects: [Effect] = []
        if let waba = record.channel.wabaAccount?.id ?? record.channel.wabaAccountId { effects.append(.loadTemplates(wabaAccountId: waba)) }
        effects.append(.loadFunds(channelId: record.id))
        if let clientId = record.channel.resolvedClientId { effects.append(.loadPermissions(clientId: clientId)) }
        // P3: whether Change Partner is available for the client, shown before it is chosen.
        if let clientId = record.channel.resolvedClientId, let waba = record.channel.wabaAccount?.id ?? record.channel.wabaAccountId,
           partnerChangeEligibility[clientId] == nil {
            effects.append(.checkPartnerChange(clientId: clientId, wabaAccountId: waba))
        }
        return effects
    }
}

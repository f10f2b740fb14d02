import Foundation
import Testing
@testable import HubCore

func makeChannel(_ id: String, phone: String, name: String, client: String, live: Bool = true, fb: FBAccountStatus = .verified,
                 modified: TimeInterval = 0) -> Channel {
    Channel(id: id, clientId: client, accountMode: live ? .live : nil, type: "cloud_api",
            createdAt: testNow, modifiedAt: testNow.addingTimeInterval(modified),
            client: ChannelClient(id: client),
            setupInfo: SetupInfo(phoneNumber: phone, phoneName: name),
            wabaAccount: WabaAccount(id: "\(id)WA", fbAccountStatus: fb, onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: .approved)),
            integration: Integration(appId: "1", state: live ? "running" : "created"))
}

@Suite struct StoreTests {
    let clients = [
        Client(id: "aCL", name: "Acme", organisation: "Acme Corp", paymentModel: .direct),
        Client(id: "mCL", name: "Müller", organisation: "Müller Bäckerei GmbH"),
        Client(id: "zCL", name: "中文公司", organisation: "北京科技有限公司"),
    ]

    func loaded(_ channels: [Channel]? = nil) -> AppState {
        var s = AppState(mode: .sandbox, now: testNow)
        _ = reduce(&s, .resized(width: 110, height: 20)) // 3 columns, 2 rows of cards
        let chs = channels ?? [
            makeChannel("1CH", phone: "4930111", name: "Acme Support", client: "aCL"),
            makeChannel("2CH", phone: "4930222", name: "Brot", client: "mCL", live: false, fb: .notVerified),
            makeChannel("3CH", phone: "8610333", name: "客服", client: "zCL", modified: 100),
        ]
        _ = reduce(&s, .snapshotLoaded(partner: Partner(id: "pPA", brandName: "Partner"), clients: clients, channels: chs, asOf: testNow, fromCache: false))
        return s
    }

    @Test func snapshotSelectsFirstAndSortsNeedsActionFirst() {
        let s = loaded()
        #expect(s.visible.first == "2CH")
        #expect(s.selection == "2CH")
        #expect(s.channelCount == 3 && s.needsActionCount == 1)
    }

    @Test func filterIsCaseAndAccentInsensitive() {
        var s = loaded()
        _ = reduce(&s, .filter(.set("MULLER")))
        #expect(s.visible == ["2CH"])
        _ = reduce(&s, .filter(.set("bäckerei")))
        #expect(s.visible == ["2CH"])
        _ = reduce(&s, .filter(.set("北京")))
        #expect(s.visible == ["3CH"])
        _ = reduce(&s, .filter(.set("+4930")))
        #expect(Set(s.visible) == ["1CH", "2CH"])
        _ = reduce(&s, .filter(.set("+49 30 111")))
        #expect(s.visible == ["1CH"])
        _ = reduce(&s, .filter(.set("3ch")))
        #expect(s.visible == ["3CH"])
        _ = reduce(&s, .filter(.set("aCL")))
        #expect(s.visible == ["1CH"])
        _ = reduce(&s, .filter(.set("nothing matches")))
        #expect(s.visible.isEmpty && s.selection == nil)
        _ = reduce(&s, .filter(.clear))
        #expect(s.visible.count == 3 && !s.filterEditing)
    }

    @Test func selectionFollowsTheFilterAndSticksToTheID() {
        var s = loaded()
        _ = reduce(&s, .grid(.select(channelId: "3CH")))
        _ = reduce(&s, .filter(.set("acme")))
        #expect(s.selection == "1CH")
        _ = reduce(&s, .filter(.clear))
        #expect(s.selection == "1CH")
    }

    @Test func selectionStaysOnTheSameIDWhenDataChanges() {
        var s = loaded()
        _ = reduce(&s, .grid(.select(channelId: "3CH")))
        // New data where 3CH now needs action and a new channel appears.
        let chs = [
            makeChannel("1CH", phone: "4930111", name: "Acme Support", client: "aCL"),
            makeChannel("2CH", phone: "4930222", name: "Brot", client: "mCL", live: false, fb: .notVerified),
            makeChannel("3CH", phone: "8610333", name: "客服", client: "zCL", live: false, fb: .rejected),
            makeChannel("0CH", phone: "4410000", name: "New", client: "aCL"),
        ]
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: clients, channels: chs, asOf: testNow, fromCache: false))
        #expect(s.selection == "3CH")
        #expect(s.highlightedUntil["3CH"] != nil)
        #expect(s.highlightedUntil["1CH"] == nil)
        #expect(s.partner?.id == "pPA")
    }

    @Test func orderDoesNotJumpRightAfterAKeypress() {
        var s = loaded()
        _ = reduce(&s, .grid(.move(.down)))
        let before = s.visible
        // 1CH suddenly needs action: it would sort first, but the agent just pressed a key.
        let chs = [
            makeChannel("1CH", phone: "4930111", name: "Acme Support", client: "aCL", live: false, fb: .rejected),
            makeChannel("2CH", phone: "4930222", name: "Brot", client: "mCL", live: false, fb: .notVerified),
            makeChannel("3CH", phone: "8610333", name: "客服", client: "zCL", modified: 100),
        ]
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: clients, channels: chs, asOf: testNow, fromCache: false))
        #expect(s.visible == before)
        _ = reduce(&s, .tick(testNow.addingTimeInterval(orderFreezeInterval + 0.1)))
        #expect(s.visible != before)
        #expect(s.visible.first == "1CH" || s.visible.first == "2CH")
    }

    @Test func gridNavigation() {
        var chs: [Channel] = []
        for i in 0..<10 { chs.append(makeChannel("\(i)CH", phone: "49301\(i)", name: "N\(i)", client: "aCL")) }
        var s = loaded(chs)
        _ = reduce(&s, .grid(.cycleSort)); _ = reduce(&s, .grid(.cycleSort)) // number order
        #expect(s.sort == .number)
        #expect(s.selection == "0CH")
        _ = reduce(&s, .grid(.move(.right))); #expect(s.selection == "1CH")
        _ = reduce(&s, .grid(.move(.down))); #expect(s.selection == "4CH")
        _ = reduce(&s, .grid(.move(.pageDown))); #expect(s.selection == "9CH")
        _ = reduce(&s, .grid(.move(.up))); #expect(s.selection == "6CH")
        _ = reduce(&s, .grid(.move(.first))); #expect(s.selection == "0CH")
        _ = reduce(&s, .grid(.move(.left))); #expect(s.selection == "0CH")
        _ = reduce(&s, .grid(.move(.last))); #expect(s.selection == "9CH")
        _ = reduce(&s, .grid(.move(.first)))
        _ = reduce(&s, .grid(.move(.right))); _ = reduce(&s, .grid(.move(.right)))
        // From 8 (row 2 of 0-2,3-5,6-8,9), down goes to the last card in the short last row.
        _ = reduce(&s, .grid(.move(.down))); _ = reduce(&s, .grid(.move(.down)))
        #expect(s.selection == "8CH")
        _ = reduce(&s, .grid(.move(.down))); #expect(s.selection == "9CH")
    }

    @Test func sortCyclesThroughEveryKey() {
        var s = loaded()
        var seen: [SortKey] = [s.sort]
        for _ in 0..<4 { _ = reduce(&s, .grid(.cycleSort)); seen.append(s.sort) }
        #expect(seen == [.needsActionFirst, .status, .number, .company, .lastChange])
        #expect(s.visible.first == "3CH") // last change: most recent first
        _ = reduce(&s, .grid(.cycleSort))
        #expect(s.sort == .needsActionFirst)
        var c = loaded(); while c.sort != .company { _ = reduce(&c, .grid(.cycleSort)) }
        #expect(c.visible == ["1CH", "2CH", "3CH"]) // Acme, Müller (folded to muller), 北京
    }

    @Test func detailsLoadWhatTheyShow() {
        var s = loaded()
        _ = reduce(&s, .grid(.select(channelId: "1CH")))
        let effects = reduce(&s, .details(.open)).filter { if case .watch = $0 { false } else { true } }
        #expect(s.detailsOpen)
        #expect(s.watching.focused == "aCL", "the selected number's client is the focused one")
        #expect(effects == [.loadTemplates(wabaAccountId: "1CHWA"), .loadFunds(channelId: "1CH"),
                            .loadPermissions(clientId: "aCL"), .checkPartnerChange(clientId: "aCL", wabaAccountId: "1CHWA")])
        // Asked once per client: the answer is kept.
        _ = reduce(&s, .partnerChangeEligibility(wabaAccountId: "1CHWA", PartnerChangeEligibility(available: false, reason: "legacy")))
        #expect(s.partnerChangeUnavailableReason == "legacy")
        _ = reduce(&s, .details(.close))
        #expect(!reduce(&s, .details(.open)).contains(.checkPartnerChange(clientId: "aCL", wabaAccountId: "1CHWA")))
        _ = reduce(&s, .details(.nextTab)); #expect(s.detailTab == .templates)
        _ = reduce(&s, .details(.previousTab)); _ = reduce(&s, .details(.previousTab)); #expect(s.detailTab == .partnerSettings)
        _ = reduce(&s, .details(.setTab(.billing))); #expect(s.detailTab == .billing)
        // Moving while details are open loads the new channel's data.
        let moved = reduce(&s, .grid(.select(channelId: "3CH")))
        #expect(moved.contains(.loadFunds(channelId: "3CH")) && focusOf(moved) == "zCL", "the focus is told first")
        _ = reduce(&s, .details(.close)); #expect(!s.detailsOpen)
        _ = reduce(&s, .details(.setTab(.overview))); #expect(s.detailTab == .billing)
    }

    @Test func negativeBalanceOfADirectClientNeedsFunds() {
        var s = loaded()
        let b = ClientBalance(currency: .eur, balance: Money(minorUnits: -250, currency: .eur))
        _ = reduce(&s, .balanceLoaded(clientId: "aCL", b))
        #expect(s.records["1CH"]?.actions == [.payment])
        #expect(s.balance(for: s.records["1CH"]!)?.balance?.minorUnits == -250)
    }

    @Test func notificationsAreDeduplicatedAndFlashExpires() {
        var s = loaded()
        let n = HubNotification(id: "1CH-live", level: .info, time: testNow, channelId: "1CH", text: "+4930111 is live")
        _ = reduce(&s, .notify(n)); _ = reduce(&s, .notify(n))
        #expect(s.notifications.history.count == 1 && s.notifications.unread == 1)
        #expect(s.notifications.flash == n)
        let err = HubNotification(id: "x", level: .error, time: testNow, text: "violation")
        _ = reduce(&s, .notify(err))
        let info = HubNotification(id: "y", level: .info, time: testNow.addingTimeInterval(1), text: "later info")
        _ = reduce(&s, .notify(info))
        #expect(s.notifications.flash == err) // an error is not hidden by a milder message
        #expect(s.notifications.history.map(\.id) == ["y", "x", "1CH-live"])
        _ = reduce(&s, .tick(testNow.addingTimeInterval(NotificationQueue.flashDuration + 0.5)))
        #expect(s.notifications.flash == nil)
        _ = reduce(&s, .overlay(.open(.notifications)))
        #expect(s.notifications.unread == 0 && s.overlay == .notifications)
        _ = reduce(&s, .overlay(.close))
        #expect(s.overlay == nil)
    }

    @Test func pauseRefreshAndQuitAreEffects() {
        var s = loaded()
        #expect(reduce(&s, .togglePause) == [.setPaused(true)])
        #expect(s.live.phase == .paused)
        #expect(reduce(&s, .togglePause) == [.setPaused(false)])
        #expect(reduce(&s, .refreshNow) == [.refreshNow])
        #expect(reduce(&s, .quit) == [.quit] && s.quitRequested)
    }

    @Test func reducerIsDeterministic() {
        var a = loaded(), b = loaded()
        for action: Action in [.filter(.set("a")), .grid(.cycleSort), .grid(.move(.down)), .details(.open), .details(.nextTab)] {
            #expect(reduce(&a, action) == reduce(&b, action))
        }
        #expect(a.visible == b.visible && a.selection == b.selection && a.detailTab == b.detailTab)
    }
}

@Suite struct StaleSnapshotTests {
    @Test func olderAnswersAndCachesDoNotReplaceNewerData() {
        var s = AppState(mode: .live, now: testNow)
        let newer = [makeChannel("1CH", phone: "1", name: "new", client: "aCL")]
        let older = [makeChannel("1CH", phone: "1", name: "old", client: "aCL")]
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: newer, asOf: testNow, fromCache: false))
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: older, asOf: testNow - 5, fromCache: false))
        #expect(s.records["1CH"]?.channel.displayName == "new")
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: older, asOf: testNow + 5, fromCache: true))
        #expect(s.records["1CH"]?.channel.displayName == "new" && !s.dataFromCache)
        // The cache first, then live data: live wins.
        var t = AppState(mode: .live, now: testNow)
        _ = reduce(&t, .snapshotLoaded(partner: nil, clients: [], channels: older, asOf: testNow - 3600, fromCache: true))
        #expect(t.dataFromCache)
        _ = reduce(&t, .snapshotLoaded(partner: nil, clients: [], channels: newer, asOf: testNow, fromCache: false))
        #expect(!t.dataFromCache && t.records["1CH"]?.channel.displayName == "new")
    }
}

@Suite struct CacheThenLiveTests {
    /// Live data replaces the cache even when the cache's clock was ahead.
    @Test func liveAlwaysReplacesTheCache() {
        var t = AppState(mode: .live, now: testNow)
        _ = reduce(&t, .snapshotLoaded(partner: nil, clients: [], channels: [makeChannel("1CH", phone: "1", name: "cached", client: "aCL")],
                                       asOf: testNow + 3600, fromCache: true))
        _ = reduce(&t, .snapshotLoaded(partner: nil, clients: [], channels: [makeChannel("1CH", phone: "1", name: "live", client: "aCL")],
                                       asOf: testNow, fromCache: false))
        #expect(!t.dataFromCache && t.records["1CH"]?.channel.displayName == "live")
    }
}

@Suite struct PartialSnapshotTests {
    let first = (1...3).map { makeChannel("\($0)CH", phone: "\($0)", name: "n\($0)", client: "aCL") }
    let all = (1...5).map { makeChannel("\($0)CH", phone: "\($0)", name: "n\($0)", client: "aCL") }

    /// A first page says how many are coming; the whole list ends the loading.
    @Test func theFirstPartOfAListKnowsItsTotalUntilTheWholeListArrives() {
        var s = AppState(mode: .live, now: testNow)
        _ = reduce(&s, .partialSnapshotLoaded(partner: nil, clients: [], channels: first, asOf: testNow, fromCache: false, total: 5))
        #expect(s.channelCount == 3 && s.loadingTotal == 5)
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: all, asOf: testNow + 1, fromCache: false))
        #expect(s.channelCount == 5 && s.loadingTotal == nil)
        // A part that comes late never replaces a whole list.
        _ = reduce(&s, .partialSnapshotLoaded(partner: nil, clients: [], channels: first, asOf: testNow + 2, fromCache: true, total: 5))
        #expect(s.channelCount == 5 && s.loadingTotal == nil)
    }

    /// A part that is in fact the whole list (a total no larger than it) is not "loading".
    @Test func aPartAsLargeAsItsTotalIsTheWholeList() {
        var s = AppState(mode: .live, now: testNow)
        _ = reduce(&s, .partialSnapshotLoaded(partner: nil, clients: [], channels: all, asOf: testNow, fromCache: true, total: 5))
        #expect(s.channelCount == 5 && s.loadingTotal == nil)
    }

    /// The selection the first snapshot makes is a focus like any other: its client's balance
    /// is asked for first, before any key is pressed.
    @Test func theFirstSelectionFocusesItsClient() {
        var s = AppState(mode: .live, now: testNow)
        let effects = reduce(&s, .partialSnapshotLoaded(partner: nil, clients: [], channels: first, asOf: testNow, fromCache: true, total: 9))
        #expect(s.selection != nil && focusOf(effects) == "aCL")
        // Nothing new when the selection stays on the same client.
        let again = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: all, asOf: testNow, fromCache: true))
        #expect(focusOf(again) == .none || focusOf(again) == "aCL")
        #expect(s.watching.focused == "aCL")
        // The selected card went away: the card now at its place is focused.
        let other = [makeChannel("7CH", phone: "7", name: "n7", client: "bCL")]
        let moved = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: other, asOf: testNow + 1, fromCache: false))
        #expect(s.selection == "7CH" && focusOf(moved) == "bCL")
        // And no card at all: no focus.
        let gone = reduce(&s, .snapshotLoaded(partner: nil, clients: [], channels: [], asOf: testNow + 2, fromCache: false))
        #expect(s.selection == nil && focusOf(gone) == .some(nil))
    }
}

/// The focused client of the `.watch` the reducer put first (none: the interest did not change).
func focusOf(_ effects: [Effect]) -> String?? {
    if case .watch(let i)? = effects.first { return .some(i.focused) }
    return .none
}

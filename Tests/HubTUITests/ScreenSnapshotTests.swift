import Foundation
import Testing
import HubCore
@testable import HubTUI

@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    func render(_ s: AppState, _ w: Int, _ h: Int, _ c: RenderContext = Fixtures.context) -> CellBuffer {
        Screen.render(s, width: w, height: h, context: c)
    }

    @Test(arguments: sizes) func mainScreen(_ size: (Int, Int)) {
        Golden.check(render(Fixtures.state(), size.0, size.1), "main-\(size.0)x\(size.1)")
    }

    @Test(arguments: sizes) func detailsTabs(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .details(.open))
        let record = s.selectedRecord!
        _ = reduce(&s, .templatesLoaded(wabaAccountId: record.channel.wabaAccount!.id, Fixtures.world().templates[record.channel.wabaAccount!.id] ?? []))
        _ = reduce(&s, .fundsLoaded(Fixtures.funds(record.id)))
        _ = reduce(&s, .permissionsLoaded(clientId: record.channel.clientId!, Array(Fixtures.world().permissions[record.channel.clientId!] ?? [])))
        for tab in AppState.DetailTab.allCases {
            _ = reduce(&s, .details(.setTab(tab)))
            Golden.check(render(s, size.0, size.1), "details-\(tab.rawValue + 1)-\(size.0)x\(size.1)")
        }
    }

    @Test(arguments: sizes) func filter(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .filter(.begin))
        _ = reduce(&s, .filter(.set("sa")))
        Golden.check(render(s, size.0, size.1), "filter-\(size.0)x\(size.1)")
    }

    @Test(arguments: sizes) func palette(_ size: (Int, Int)) {
        var s = Fixtures.state()
        var p = PaletteState()
        p.query.setText("the")
        p.selected = 1
        _ = reduce(&s, .overlay(.open(.palette(p))))
        Golden.check(render(s, size.0, size.1), "palette-\(size.0)x\(size.1)")
    }

    @Test(arguments: sizes) func help(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .overlay(.open(.help)))
        Golden.check(render(s, size.0, size.1), "help-\(size.0)x\(size.1)")
    }

    /// Issue 26: help at the smallest size the screen is drawn at scrolls to every line.
    @Test func helpAtTheSmallestSize() {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: 40, height: 12))
        _ = reduce(&s, .overlay(.open(.help)))
        Golden.check(render(s, 40, 12), "help-top-40x12")
        for action in KeyRouter.route(Key("G"), state: s, context: Fixtures.context) { _ = reduce(&s, action) }
        #expect(s.overlayScroll > 0, "help scrolls at 40x12")
        Golden.check(render(s, 40, 12), "help-end-40x12")
    }

    /// Issue 26: read-only shows no changing hints (cards, details, footer, help) at every size.
    @Test(arguments: sizes.dropLast() + [(40, 12)]) func readOnlyScreens(_ size: (Int, Int)) {
        var s = Fixtures.state(readOnly: true)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let main = render(s, size.0, size.1, Fixtures.context(readOnly: true))
        Golden.check(main, "read-only-main-\(size.0)x\(size.1)")
        _ = reduce(&s, .details(.open))
        _ = reduce(&s, .fundsLoaded(Fixtures.funds(s.selectedRecord!.id)))
        let details = render(s, size.0, size.1, Fixtures.context(readOnly: true))
        Golden.check(details, "read-only-details-\(size.0)x\(size.1)")
        for frame in [main.text, details.text] {
            for hint in ["Refund · R", "Change Partner", "Manage funds", "R refund", "Add funds · F"] {
                #expect(!frame.contains(hint), "read-only shows \(hint)")
            }
        }
        _ = reduce(&s, .overlay(.open(.help)))
        let help = render(s, size.0, size.1, Fixtures.context(readOnly: true))
        Golden.check(help, "read-only-help-\(size.0)x\(size.1)")
        #expect(!help.text.contains("Refund account funds"))
    }

    @Test(arguments: sizes) func notifications(_ size: (Int, Int)) {
        var s = Fixtures.state()
        let t = Fixtures.now
        _ = reduce(&s, .notify(HubNotification(id: "a", level: .info, time: t - 120, text: "+4930609859535 (Shop Support) is live")))
        _ = reduce(&s, .notify(HubNotification(id: "b", level: .warning, time: t - 60, text: "+33600657277: Meta business verification rejected")))
        _ = reduce(&s, .notify(HubNotification(id: "c", level: .error, time: t, text: "+971550332598: account violation reported by Meta")))
        Golden.check(render(s, size.0, size.1), "flash-\(size.0)x\(size.1)")
        _ = reduce(&s, .overlay(.open(.notifications)))
        Golden.check(render(s, size.0, size.1), "notifications-\(size.0)x\(size.1)")
    }

    @Test(arguments: sizes) func liveStatus(_ size: (Int, Int)) {
        var s = Fixtures.state()
        let t = Fixtures.now
        let sources = [
            SourceStatus(name: "channels", lastSuccess: t - 2, nextRun: t + 1, used: 1, budget: "1 per 2 s"),
            SourceStatus(name: "clients", lastSuccess: t - 5, nextRun: t + 5, inFlight: true, used: 1, budget: "1 per 2 s"),
            SourceStatus(name: "balances", count: 12, lastSuccess: t - 1, nextRun: t + 9, used: 1, budget: "1 per 10 s per client"),
            SourceStatus(name: "refunds", lastSuccess: nil, nextRun: t + 20, error: "API error 503: down", used: 1, budget: "1 per 2 s"),
        ]
        _ = reduce(&s, .liveStatusChanged(LiveStatus(phase: .idle, lastSuccess: t - 2, nextRun: t + 1, sources: sources)))
        _ = reduce(&s, .overlay(.open(.liveStatus)))
        Golden.check(render(s, size.0, size.1), "live-status-\(size.0)x\(size.1)")
    }

    @Test func tooSmall() {
        Golden.check(render(Fixtures.state(), 30, 10), "too-small-30x10")
        Golden.check(render(Fixtures.state(), 39, 12), "too-small-39x12")
        #expect(render(Fixtures.state(), 40, 12).text.contains("WhatsApp Accounts"))
    }

    @Test(arguments: sizes) func monoTheme(_ size: (Int, Int)) {
        var c = Fixtures.context
        c.monochrome = true
        var s = Fixtures.state()
        Golden.check(render(s, size.0, size.1, c), "mono-\(size.0)x\(size.1)")
        _ = reduce(&s, .details(.open))
        Golden.check(render(s, size.0, size.1, c), "mono-details-\(size.0)x\(size.1)")
    }

    /// CJK, emoji (VS16 and ZWJ) and right-to-left names stay inside their cards.
    @Test(arguments: sizes) func unicodeCards(_ size: (Int, Int)) {
        let names = [("北京星辰科技有限公司", "客服中心 📞"), ("Lab 👩‍🔬 Supplies ⚠️ Ltd", "Alerts ⚠️⚡️"), ("شركة الأمل للتجارة", "خدمة العملاء"),
                     ("Café Ünïcödé Müller GmbH", "Ça va? Ñandú"), ("🇩🇪 Flaggen 🇫🇷 Shop", "🍜🍣🍱 Ramen"), ("\u{1B}[2JEvil\u{07} Corp", "Name\u{1B}]0;pwned\u{07}")]
        var channels: [Channel] = []
        var clients: [Client] = []
        for (i, (company, display)) in names.enumerated() {
            clients.append(Client(id: "u\(i)CL", name: company, organisation: company, paymentModel: i % 2 == 0 ? .direct : .partner))
            channels.append(Channel(id: "u\(i)CH", clientId: "u\(i)CL", accountMode: i == 1 ? nil : .live, type: "cloud_api",
                                    createdAt: Fixtures.now, modifiedAt: Fixtures.now,
                                    setupInfo: SetupInfo(phoneNumber: "4930\(1000 + i)", phoneName: display),
                                    wabaAccount: WabaAccount(id: "u\(i)WA", fbAccountStatus: i == 1 ? .notVerified : .verified,
                                                             onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: .approved)),
                                    integration: Integration(appId: "1", state: "running")))
        }
        var s = AppState(mode: .sandbox, now: Fixtures.now)
        _ = reduce(&s, .snapshotLoaded(partner: Partner(id: "uniPA", brandName: "Ünï 中文 Partner"), clients: clients, channels: channels, asOf: Fixtures.now, fromCache: false))
        _ = reduce(&s, .balanceLoaded(clientId: "u0CL", ClientBalance(currency: Currency(code: "USD")!, balance: Money(minorUnits: -1234, currency: .usd))))
        let frame = render(s, size.0, size.1)
        Golden.check(frame, "unicode-\(size.0)x\(size.1)")
        #expect(!frame.text.contains("\u{1B}") && !frame.text.contains("\u{07}"))
        // Every card row has its right border in the same column as its top corner.
        let lines = frame.text.components(separatedBy: "\n")
        for line in lines where line.hasPrefix("│") {
            #expect(DisplayWidth.of(line.prefix { _ in true }) <= size.0)
        }
    }

    @Test func renderIsPure() {
        let s = Fixtures.state()
        #expect(render(s, 120, 40) == render(s, 120, 40))
    }
}

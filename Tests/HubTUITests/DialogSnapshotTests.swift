import Foundation
import Testing
@testable import HubCore
@testable import HubTUI
import HubSandbox

/// Golden frames of every widget and of stacked dialogs, at 80x24 and 120x40.
@Suite struct DialogSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func render(_ s: AppState, _ size: (Int, Int)) -> CellBuffer {
        Screen.render(s, width: size.0, height: size.1, context: Fixtures.context)
    }

    func sized(_ size: (Int, Int)) -> AppState {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        return s
    }

    func key(_ s: inout AppState, _ keys: EditKey...) { for k in keys { _ = reduce(&s, .dialog(.key(k))) } }

    @Test(arguments: sizes) func maxChannelsFormOverDetailsThenConfirm(_ size: (Int, Int)) {
        var s = sized(size)
        _ = reduce(&s, .details(.open))
        _ = reduce(&s, .open(.maxChannels))
        Golden.check(render(s, size), "dialog-form-\(size.0)x\(size.1)")
        key(&s, .clear, .insert("0"), .enter)
        Golden.check(render(s, size), "dialog-form-error-\(size.0)x\(size.1)")
        key(&s, .clear, .insert("42"), .enter)
        #expect(s.dialogs.count == 2)
        Golden.check(render(s, size), "dialog-stacked-confirm-\(size.0)x\(size.1)")
    }

    /// The example scenario's data, loaded through the sandbox as the app would see it.
    func scenarioState(_ size: (Int, Int)) async throws -> AppState {
        var c = SandboxConfig()
        c.scenario = try Harness.exampleScenario()
        c.reference = Fixtures.reference
        let e = SandboxEngine(config: c)
        var s = AppState(mode: .sandbox, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        _ = reduce(&s, .snapshotLoaded(partner: try await e.partner(), clients: try await e.allClients(), channels: try await e.allChannels(),
                                       asOf: Fixtures.now, fromCache: false))
        for id in ["acme3CH", "tokyo1CH", "minus1CH"] { _ = reduce(&s, .fundsLoaded(try await e.funds(channelId: id))) }
        return s
    }

    /// The refund of example 3 (two payments), the Add funds form of a CJK client in JPY below
    /// 0, and Manage funds' second step with the refund greyed out.
    @Test(arguments: sizes) func fundsDialogs(_ size: (Int, Int)) async throws {
        var s = try await scenarioState(size)
        _ = reduce(&s, .grid(.select(channelId: "acme3CH")))
        let effects = reduce(&s, .open(.refund))
        #expect(effects == [.loadFunds(channelId: "acme3CH")])
        Golden.check(render(s, size), "dialog-funds-loading-\(size.0)x\(size.1)")
        _ = reduce(&s, .fundsLoaded(s.funds["acme3CH"]!))
        Golden.check(render(s, size), "dialog-refund-\(size.0)x\(size.1)")
        key(&s, .insert("9999"), .enter)
        #expect(s.dialogs.top?.working == nil)
        Golden.check(render(s, size), "dialog-refund-mismatch-\(size.0)x\(size.1)")
        key(&s, .escape)
        #expect(s.dialogs.isEmpty)

        _ = reduce(&s, .grid(.select(channelId: "tokyo1CH")))
        _ = reduce(&s, .open(.addFunds))
        _ = reduce(&s, .fundsLoaded(s.funds["tokyo1CH"]!))
        key(&s, .insert("12.5"), .enter)
        Golden.check(render(s, size), "dialog-add-funds-jpy-\(size.0)x\(size.1)")
        key(&s, .clear, .insert("2000"), .enter)
        Golden.check(render(s, size), "dialog-add-funds-confirm-\(size.0)x\(size.1)")
        key(&s, .escape, .escape, .escape) // the amount was typed: the form asks before it discards it

        _ = reduce(&s, .grid(.select(channelId: "minus1CH")))
        _ = reduce(&s, .open(.manageFunds))
        key(&s, .enter)
        _ = reduce(&s, .fundsLoaded(s.funds["minus1CH"]!))
        Golden.check(render(s, size), "dialog-manage-funds-\(size.0)x\(size.1)")
    }

    @Test(arguments: sizes) func exportDialogAndOverwrite(_ size: (Int, Int)) {
        var s = sized(size)
        _ = reduce(&s, .open(.export))
        Golden.check(render(s, size), "dialog-export-\(size.0)x\(size.1)")
        let id = s.dialogs.top!.id
        key(&s, .enter)
        _ = reduce(&s, .dialog(.exportProgress(dialog: id, done: 2000, total: 48439)))
        Golden.check(render(s, size), "dialog-export-progress-\(size.0)x\(size.1)")
        _ = reduce(&s, .dialog(.exportExists(dialog: id, path: "/tmp/exports/accounts.csv")))
        Golden.check(render(s, size), "dialog-export-overwrite-\(size.0)x\(size.1)")
    }

    /// Issue 25: an export confirmed while the header said "1000 of 48439 … loading" wrote 1000
    /// rows without a word. It says so, waits for the whole list with its progress, then writes.
    @Test(arguments: sizes) func anExportWhileTheListLoadsWaitsForAllOfIt(_ size: (Int, Int)) {
        var s = AppState(mode: .sandbox, readOnly: false, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let w = Fixtures.world(clients: 14, seed: 3)
        let all = w.channelList().sorted { $0.id < $1.id }
        _ = reduce(&s, .partialSnapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: Array(all.prefix(10)),
                                              asOf: Fixtures.now, fromCache: false, total: all.count))
        _ = reduce(&s, .open(.export))
        Golden.check(render(s, size), "dialog-export-loading-\(size.0)x\(size.1)")
        let id = s.dialogs.top!.id
        let effects = reduce(&s, .dialog(.key(.enter)))
        #expect(!effects.contains { if case .exportCSV = $0 { return true } else { return false } }, "nothing is written from part of the list")
        #expect(s.dialogs.top?.working?.countText == "10 of \(all.count)")
        Golden.check(render(s, size), "dialog-export-waiting-\(size.0)x\(size.1)")
        _ = reduce(&s, .partialSnapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: Array(all.prefix(20)),
                                              asOf: Fixtures.now + 1, fromCache: false, total: all.count))
        #expect(s.dialogs.top?.working?.countText == "20 of \(all.count)")
        let whole = reduce(&s, .snapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: all, asOf: Fixtures.now + 2, fromCache: false))
        #expect(whole.contains { if case .exportCSV(_, false, id) = $0 { return true } else { return false } }, "written once all is here")
        #expect(s.dialogs.top?.working?.label == "Exporting \(all.count) accounts")
    }

    /// The widgets that the next workflows use, each in a dialog of its own.
    @Test(arguments: sizes) func widgetGallery(_ size: (Int, Int)) {
        let options = [SelectList.Option(id: "1", label: "+4930609859535", detail: "Live"), .init(id: "2", label: "+4930609859536", detail: "Pending"),
                       .init(id: "3", label: "+4930609859537", detail: "Draft", disabledReason: "legacy account")]
        let gallery: [(String, Dialog.Body, Stepper?, Notice?, ProgressLine?)] = [
            ("select", .form(Form([FormField(id: "n", label: "Phone number", kind: .select(SelectList(options: options, chosen: ["2"])))])), nil, nil, nil),
            ("multiselect", .form(Form([FormField(id: "n", label: "Numbers the partner may manage",
                                                  kind: .select(SelectList(options: options, multiple: true, chosen: ["1"])))])), nil, nil, nil),
            ("masked", .form(Form([.text("key", "API key", value: "s3cr3t-value", masked: true), .text("name", "Name", placeholder: "Ana Lima")])),
             nil, Notice(.error, "The API refused the key: unauthorized."), nil),
            ("terms", .text(ScrollText((1...40).map { "\($0). The client accepts that every number of the WABA moves to the destination partner." })),
             Stepper(["Company", "Destination", "Numbers", "Terms", "Payment", "Approval"], current: 3), nil, nil),
            ("type-to-confirm", .confirm(Confirm(message: ["Refund account funds of +4930609859535?", "This cannot be reversed."],
                                                 review: ReviewTable([.init("Company legal name", "Müller Bäckerei GmbH", emphasis: .strong),
                                                                      .init("Total", "€55.00", emphasis: .strong)]),
                                                 confirmLabel: "Refund", typeToConfirm: "+4930609859535", acceptsSuffix: 4)), nil, nil, nil),
            ("working", .message(["Sending the change."]), nil, nil, ProgressLine("Sending: Add funds €25.00", done: 1, total: 3, startedAt: Fixtures.now)),
            ("table", .table(DataTable(columns: ["Time", "Agent", "Operation"], widths: [17, 10, 0],
                                       rows: [["2025-11-22 12:00", "ana", "set-max-channels"], ["2025-11-22 12:05", "中文用户", "add-funds"]])), nil, nil, nil),
        ]
        for (name, body, steps, notice, working) in gallery {
            var s = sized(size)
            s.present { id in
                var d = Dialog(id: id, title: "Widget: \(name)", body: body, steps: steps, notice: notice, preferredWidth: 70, preferredHeight: 10)
                d.working = working
                return d
            }
            Golden.check(render(s, size), "widget-\(name)-\(size.0)x\(size.1)")
        }
    }

    @Test func dialogHelpPaletteAndFooterFollowTheDialog() {
        var s = sized((120, 40))
        _ = reduce(&s, .open(.maxChannels))
        let frame = render(s, (120, 40)).text
        #expect(frame.contains("Enter review") && frame.contains("Esc cancel"))
        for a in KeyRouter.route(Key("f1"), state: s, context: Fixtures.context) { _ = reduce(&s, a) }
        let help = render(s, (120, 40)).text
        #expect(help.contains("In \"Max channels\"") && help.contains("Ctrl-W"))
        _ = reduce(&s, .overlay(.close))
        let entries = Fixtures.context.paletteEntries(s).map(\.name)
        #expect(entries.contains("submit") && entries.contains("cancel") && !entries.contains("quit"))
    }

    @Test func typedTextSurvivesATooSmallTerminal() {
        var s = sized((80, 24))
        _ = reduce(&s, .open(.maxChannels))
        key(&s, .clear, .insert("33"))
        _ = reduce(&s, .resized(width: 30, height: 10))
        #expect(render(s, (30, 10)).text.contains("Terminal too small"))
        for a in KeyRouter.route(Key("5"), state: s, context: Fixtures.context) { _ = reduce(&s, a) }
        _ = reduce(&s, .resized(width: 80, height: 24))
        #expect(s.dialogs.top?.form?["max_channels"]?.textValue == "33")
        #expect(render(s, (80, 24)).text.contains("33"))
    }
}

import Foundation
import Testing
import HubCore
import HubLive
@testable import HubTUI

/// Dialog flows through the real app, in process: keys in, frames out.
@Suite(.serialized) @MainActor struct FlowTests {
    @Test func formOverDetailsValidationConfirmCancelThenSend() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.press("enter")
        await h.waitFor("Hosting Platform Type")
        await h.press("M")
        var s = await h.waitFor("Max channels now")
        #expect(s.contains("Show details")) // the form is over the details pane
        let clientId = try #require(h.app.state.selectedRecord?.channel.resolvedClientId)
        let before = try #require(h.app.state.clients[clientId]?.maxChannels)

        // Type a wrong value: the error shows on the field, nothing is sent.
        await h.press("ctrl-u")
        await h.type("0")
        await h.press("enter")
        s = await h.waitFor("Max channels is a whole number of at least 1")
        #expect(s.contains("1 field to fix"))
        // Fix it: the error goes as soon as it is right; Enter opens the confirm over the form.
        let target = before + 7
        await h.press("ctrl-u")
        await h.type("\(target)")
        s = await h.waitFor("At least") { !$0.contains("whole number of at least 1") }
        await h.press("enter")
        s = await h.waitFor("Set max channels?")
        #expect(s.contains("\(before) → \(target)") && h.app.state.dialogs.count == 2)
        // Cancel is the default: Enter goes back to the form, unchanged.
        await h.press("enter")
        s = await h.waitFor("Max channels now") { !$0.contains("Set max channels?") }
        #expect(h.app.state.dialogs.count == 1 && h.app.state.dialogs.top?.form?["max_channels"]?.textValue == "\(target)")
        #expect(try h.database.auditLog().isEmpty)
        // Confirm this time: through the pipeline to the sandbox, and back to the dialog.
        await h.press("enter")
        await h.waitFor("Set max channels?")
        await h.press("tab", "enter")
        s = await h.waitFor("The API answered")
        #expect(s.contains("max channels \(target)"))
        let audit = try h.database.auditLog()
        #expect(audit.count == 1 && audit[0].action == "set-max-channels" && audit[0].actor == "tester" && audit[0].result?.hasPrefix("ok") == true)
        await h.press("enter")
        await h.press("A")
        s = await h.waitFor("set-max-channels")
        #expect(s.contains("Audit log") && s.contains("tester"))
        // Issue 26: Enter shows the entry whole: who, when, what was sent, the answer, names first.
        await h.press("enter")
        s = await h.waitFor("Audit entry")
        let company = try #require(h.app.state.clients[clientId]?.displayCompany)
        #expect(s.contains("Who: tester") && s.contains("Sent: ") && s.contains("Answer: ok: max channels \(target)") && s.contains(company), "\(s)")
        await h.press("esc")
        await h.waitFor("Audit log") { !$0.contains("Audit entry") }
        await h.press("esc")
        s = await h.waitFor("WhatsApp Accounts") { !$0.contains("Audit log") }
        #expect(h.app.state.dialogs.isEmpty)
    }

    @Test func readOnlyShowsNoMutatingCommandAnywhere() async throws {
        let h = try Harness(readOnly: true)
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        let mutating = Command.allCases.filter(\.isMutating)
        #expect(!mutating.isEmpty)
        // Keys: every key of the default keymap; none opens a form.
        var silent: [String] = []
        for c in mutating {
            for k in Keymap().keys(c) {
                await h.press(k.name)
                #expect(h.app.state.dialogs.isEmpty, "\(k.name) opened a dialog in read-only mode")
                // Issue 26: never silently nothing.
                if h.app.state.notifications.flash?.text.hasPrefix("read-only: ") != true { silent.append(k.name) }
            }
        }
        #expect(silent.isEmpty, "keys that said nothing: \(silent)")
        // No hint advertises a key read-only does not have: cards and details.
        await h.press("enter")
        for tab in ["1", "3"] {
            await h.press(tab)
            let screen = await h.waitFor("Show details")
            for hint in ["Refund · R", "Add funds · F", "Change Partner", "Manage funds ($)"] { #expect(!screen.contains(hint), "\(hint) shown in read-only") }
        }
        await h.press("esc")
        // Help and palette list none of them.
        await h.press("?")
        var s = await h.waitFor("Help · keys")
        for c in mutating { #expect(!s.contains(c.help)) }
        await h.press("esc", ":")
        await h.type("max-ch")
        s = await h.waitFor("Commands")
        #expect(s.contains("No command matches"))
        let entries = h.app.context.paletteEntries(h.app.state)
        #expect(entries.allSatisfy { if case .command(let c) = $0.intent { return !c.isMutating }; return true })
        // And the reducer refuses a mutating workflow even if asked directly.
        await h.press("esc")
        #expect(reduceCopy(h.app.state, .open(.maxChannels)).dialogs.isEmpty)
    }

    func reduceCopy(_ s: AppState, _ a: Action) -> AppState {
        var copy = s
        _ = reduce(&copy, a)
        return copy
    }

    @Test func exportDialogWritesOffTheMainActorAndAsksBeforeOverwriting() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.press("e")
        await h.waitFor("Export all accounts as CSV")
        await h.press("ctrl-u")
        let path = h.folder + "/accounts.csv"
        await h.type(h.folder + "/no-such-folder/x.csv")
        await h.press("enter")
        var s = await h.waitFor("does not exist")
        await h.press("ctrl-u")
        await h.type(path)
        await h.press("enter")
        s = await h.waitFor("accounts written to")
        let rows = h.app.state.channelCount
        #expect(s.contains("\(rows) accounts written"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == rows + 1)
        // Again to the same file: asked first; Cancel keeps the file.
        await h.press("enter", "e", "ctrl-u")
        await h.type(path)
        await h.press("enter")
        s = await h.waitFor("Overwrite it")
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        await h.press("enter") // Cancel is the default
        await h.waitFor("Export all accounts") { !$0.contains("Overwrite it") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        await h.press("enter")
        await h.waitFor("Overwrite it")
        await h.press("tab", "enter")
        await h.waitFor("accounts written to")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("Company"))
    }

    @Test func aLongPasteIsOneEditAndDoesNotFreeze() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.press("e", "ctrl-u")
        let started = Date()
        h.terminal.paste(String(repeating: "ab/", count: 1700)) // 5,100 characters
        await h.idle()
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(h.app.state.dialogs.top?.form?["path"]?.textValue.count == 1024) // the field's max length
        // A burst of typed keys on the main screen is still keys, one at a time. (Esc over
        // typed input asks first; the second discards it.)
        await h.press("esc", "esc")
        h.terminal.press([Key(paste: "lll")])
        await h.idle()
        #expect(h.app.state.selection == h.app.state.visible[3])
    }
}

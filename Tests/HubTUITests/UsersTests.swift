import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// C8: the Users list and the Add user form: the reducer's rules, golden frames, and the whole
/// operation in process against the sandbox.
@Suite struct UsersReducerTests {
    static let team = [
        HubUser(id: "U1", name: "Ana Admin", email: "ana@partner.example", role: "admin", createdAt: Fixtures.reference),
        HubUser(id: "U2", name: "Bo Member", email: "bo@partner.example", role: "member", createdAt: Fixtures.reference),
    ]

    func key(_ s: inout AppState, _ keys: EditKey...) { for k in keys { _ = reduce(&s, .dialog(.key(k))) } }

    func withForm(readOnly: Bool = false) -> AppState {
        var s = Fixtures.state(readOnly: readOnly)
        #expect(reduce(&s, .open(.users)) == [.loadUsers])
        _ = reduce(&s, .usersLoaded(Self.team))
        return s
    }

    @Test func theListShowsEveryMemberAndAOpensTheForm() {
        var s = withForm()
        guard case .table(let t)? = s.dialogs.top?.body else { Issue.record("no table"); return }
        #expect(t.rows.map { $0[1] } == ["ana@partner.example", "bo@partner.example"])
        #expect(t.selectedId == "U1")
        key(&s, .down)
        guard case .table(let moved)? = s.dialogs.top?.body else { return }
        #expect(moved.selectedId == "U2")
        key(&s, .insert("a"))
        #expect(s.dialogs.top?.isOwned(by: AddUserForm.self) == true && s.dialogs.count == 2)
    }

    @Test func everyFieldIsCheckedBeforeAnythingIsSent() {
        var s = withForm()
        key(&s, .insert("a"))
        // Nothing typed: Enter through the fields to submit; both text fields say what is missing.
        key(&s, .enter, .enter)
        var form = s.dialogs.top?.form
        #expect(form?["name"]?.error == "Type the person's name.")
        #expect(form?["email"]?.error == "Type an email address.")
        #expect(s.dialogs.count == 2) // no confirm
        key(&s, .insert("Cy New"), .tab, .insert("not-an-email"))
        form = s.dialogs.top?.form
        #expect(form?["email"]?.error == "Type an email address like name@example.com.")
        // A member already: found before sending, in any case.
        key(&s, .clear, .insert("BO@partner.example"))
        #expect(s.dialogs.top?.form?["email"]?.error == "This email is a user of the hub already.")
        key(&s, .clear, .insert("cy@partner.example"), .enter)
        // The confirm over the form, with the intent it will send. Issue 25: no role is asked
        // (the seed knows none) and nothing promises an invitation.
        guard let request = s.dialogs.top?.owned(by: MutationConfirm.self)?.request else { Issue.record("no confirm"); return }
        #expect(request.mutation == .addUser(name: "Cy New", email: "cy@partner.example", role: nil))
    }

    @Test func aDuplicateFromTheServerLandsOnTheEmailFieldAndSuccessSelectsTheNewUser() {
        var s = withForm()
        key(&s, .insert("a"), .insert("Cy"), .tab, .insert("cy@partner.example"), .enter)
        guard let request = s.dialogs.top?.owned(by: MutationConfirm.self)?.request else { Issue.record("no confirm"); return }
        key(&s, .tab, .enter)
        #expect(s.dialogs.top?.working != nil)
        _ = reduce(&s, .dialog(.mutationSettled(request, .failed("cy@partner.example is already a user of this hub", field: "email"))))
        #expect(s.dialogs.top?.form?["email"]?.error == "cy@partner.example is already a user of this hub")
        #expect(s.dialogs.top?.working == nil)
        // Sent again and added: the form goes, the list is read again with the cursor on them.
        let effects = reduce(&s, .dialog(.mutationSettled(request, .succeeded("user U3"))))
        #expect(effects.contains(.loadUsers))
        #expect(s.dialogs.count == 1)
        _ = reduce(&s, .usersLoaded(Self.team + [HubUser(id: "U3", name: "Cy", email: "cy@partner.example", role: "member")]))
        guard case .table(let t)? = s.dialogs.top?.body else { Issue.record("no table"); return }
        #expect(t.selectedId == "U3" && t.rows.count == 3)
    }

    @Test func readOnlyListsUsersButNeverOffersToAdd() {
        var s = withForm(readOnly: true)
        key(&s, .insert("a"))
        #expect(s.dialogs.count == 1)
        #expect(reduce(&s, .open(.addUser)).isEmpty && s.dialogs.count == 1)
        #expect(!DialogKeys.hints(s.dialogs.top!).contains { $0.text == "add user" })
    }

    @Test func aLiveConnectionSaysWhereTheTeamIsManaged() {
        var s = withForm()
        _ = reduce(&s, .usersFailed(.hubOnly(url: "https://hub.360dialog.com")))
        #expect(s.dialogs.top?.notice?.text.contains("managed in the Hub") == true)
    }

    @Test func theFilterNarrowsByAnyColumnAndKeepsTheCursorOnItsRow() {
        var s = withForm()
        key(&s, .down, .insert("/"))
        #expect(s.dialogs.top?.takesText == true)
        key(&s, .insert("member"))
        guard case .table(let t)? = s.dialogs.top?.body else { return }
        #expect(t.shownRows.count == 1 && t.selectedId == "U2")
        key(&s, .enter, .escape) // Enter keeps the filter; Esc then clears it (the dialog stays)
        guard case .table(let cleared)? = s.dialogs.top?.body else { Issue.record("closed"); return }
        #expect(cleared.shownRows.count == 2 && cleared.selectedId == "U2")
        key(&s, .escape)
        #expect(s.dialogs.isEmpty)
    }
}

@Suite struct UsersSnapshotTests {
    @Test(arguments: DialogSnapshotTests.sizes) func usersListFormAndConfirm(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        _ = reduce(&s, .open(.users))
        _ = reduce(&s, .usersLoaded(UsersReducerTests.team))
        let render = { Screen.render(s, width: size.0, height: size.1, context: Fixtures.context) }
        Golden.check(render(), "users-list-\(size.0)x\(size.1)")
        for k: EditKey in [.insert("a"), .insert("Cy"), .tab, .insert("bo@partner.example"), .tab] { _ = reduce(&s, .dialog(.key(k))) }
        Golden.check(render(), "users-add-error-\(size.0)x\(size.1)")
        for k: EditKey in [.backtab, .clear, .insert("cy@partner.example"), .tab, .enter] { _ = reduce(&s, .dialog(.key(k))) }
        Golden.check(render(), "users-add-confirm-\(size.0)x\(size.1)")
    }
}

@Suite(.serialized) @MainActor struct UsersFlowTests {
    @Test func addAUserAgainstTheSandboxAndSeeThemListed() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.press("U")
        var s = await h.waitFor("team members")
        let before = try await h.engine.users()
        #expect(s.contains(before[0].email))
        await h.press("a")
        await h.waitFor("Add user")
        await h.type("Zoë Ünïcode")
        await h.press("tab")
        await h.type(before[0].email.uppercased())
        await h.press("enter")
        s = await h.waitFor("a user of the hub already")
        await h.press("ctrl-u")
        await h.type("zoe@partner.example")
        await h.press("enter")
        s = await h.waitFor("Add this user?")
        await h.press("tab", "enter")
        s = await h.waitFor("zoe@partner.example") { $0.contains("\(before.count + 1) team members") }
        #expect(s.contains("Zoë Ünïcode"))
        let after = try await h.engine.users()
        #expect(after.count == before.count + 1 && after.last?.email == "zoe@partner.example")
        let audit = try h.database.auditLog()
        #expect(audit.first?.action == "add-user" && audit.first?.result?.hasPrefix("ok") == true)
    }
}

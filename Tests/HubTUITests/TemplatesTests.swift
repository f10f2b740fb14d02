import Foundation
import Testing
@testable import HubCore
@testable import HubTUI
import HubSandbox

/// The Template Message Manager (C2): the form's rules, the list, golden frames, and the
/// whole operation in process against the sandbox, Meta's decision included.
@Suite struct TemplateRulesTests {
    func values(_ text: [String: String], category: String = "MARKETING") -> FormValues {
        var base = ["name": "order_update", "language": "en", "header": "", "body": "Hello", "examples": "", "footer": "", "buttons": ""]
        for (k, v) in text { base[k] = v }
        return FormValues(text: base, choices: ["category": [category]])
    }

    @Test func variablesAreReadInOrderAndOddBracesAreRefused() {
        #expect(TemplateRules.variables(in: "Hi {{1}}, your {{2}} is {{1}}") == [1, 2, 1])
        #expect(TemplateRules.variables(in: "No variables") == [])
        #expect(TemplateRules.variables(in: "Hi {{name}}") == nil)
        #expect(TemplateRules.variables(in: "Hi {{ 1 }}") == nil)
        #expect(TemplateRules.variables(in: "Hi {{1}") == nil)
        #expect(TemplateRules.variables(in: "Hi 1}}") == nil)
        #expect(TemplateRules.variables(in: "Hi {{١}}") == nil) // an Arabic-Indic digit is not a variable number
    }

    @Test func everyRuleOfTheFormSaysWhatIsWrong() {
        #expect(TemplateRules.problems(values([:])).isEmpty)
        #expect(TemplateRules.problems(values(["body": "Hi {{1}} and {{3}}", "examples": "a | b"]))[.body]
                == "{{2}} is missing: variables are numbered from {{1}} without gaps.")
        #expect(TemplateRules.problems(values(["body": "Hi {{name}}"]))[.body] == "Variables are numbers in double braces, like {{1}}.")
        #expect(TemplateRules.problems(values(["body": "Hi {{1}}, {{2}}", "examples": "Jakob"]))[.examples]
                == "One example per variable, separated by |: the body has 2, 1 given.")
        #expect(TemplateRules.problems(values(["body": "Hi {{1}}", "examples": ""]))[.examples] != nil)
        #expect(TemplateRules.problems(values(["body": "Hi {{1}}", "examples": " | "]))[.examples] != nil)
        #expect(TemplateRules.problems(values(["body": "Hi", "examples": "Jakob"]))[.examples] == "The body has no variables: leave the examples empty.")
        #expect(TemplateRules.problems(values(["header": "Hi {{1}}"]))[.header] != nil)
        #expect(TemplateRules.problems(values(["footer": "Bye {{1}}"]))[.footer] == "A footer cannot have variables.")
        #expect(TemplateRules.problems(values(["buttons": "Yes | | No"]))[.buttons] != nil)
        #expect(TemplateRules.problems(values(["buttons": (1...11).map(String.init).joined(separator: "|")]))[.buttons] == "At most 10 quick replies.")
        #expect(TemplateRules.problems(values(["buttons": String(repeating: "x", count: 26)]))[.buttons]?.contains("over 25") == true)
        #expect(TemplateRules.problems(values(["buttons": "Yes | yes"]))[.buttons] == "Two quick replies have the same text.")
        #expect(TemplateRules.nameRule.check("Order-Update") != nil && TemplateRules.nameRule.check("order_update_2") == nil)
        #expect(TemplateRules.languageRule.check("english") != nil && TemplateRules.languageRule.check("pt_BR") == nil)
    }

    @Test func theDraftIsTheDocumentedRequestBody() throws {
        let draft = TemplateRules.draft(values(["body": "Hi {{1}}, see {{2}}", "examples": "Jakob | Familie", "header": "News",
                                                "footer": "Bye", "buttons": "Antworten | Mehr Infos"], category: "UTILITY"))
        #expect(draft.name == "order_update" && draft.category == .utility && draft.language == "en")
        let json = try #require(String(data: HubJSON.encode(draft), encoding: .utf8))
        #expect(json.contains(#""example":{"body_text":[["Jakob","Familie"]]}"#))
        #expect(json.contains(#"{"text":"Antworten","type":"QUICK_REPLY"}"#))
        #expect(draft.components.map { $0["type"]?.stringValue } == ["HEADER", "BODY", "FOOTER", "BUTTONS"])
    }

    @Test func anAPIRefusalLandsOnTheFieldItIsAbout() {
        let dup = "The template name you have provided is already in use. Please choose a different name for your template."
        #expect(TemplateRules.field(forServer: nil, message: dup) == "name")
        #expect(TemplateRules.field(forServer: "components", message: "bad") == "body")
        #expect(TemplateRules.field(forServer: nil, message: "Invalid language code") == "language")
        #expect(Mutation.createTemplate(wabaAccountId: "W", draft: TemplateRules.draft(values([:]))).formField(server: nil, message: dup) == "name")
        #expect(Mutation.addUser(name: "a", email: "b", role: nil).formField(server: nil, message: dup) == nil)
    }
}

@Suite struct TemplatesReducerTests {
    static let waba = "tplWA"
    static let list: [Template] = {
        var a = Template(id: "T1", name: "welcome", category: .marketing, language: "en", status: .approved,
                         components: [.object(["type": "BODY", "text": "Hi {{1}}", "example": .object(["body_text": .array([.array(["Ana"])])])])],
                         wabaAccountId: waba, createdAt: Fixtures.reference, modifiedAt: Fixtures.reference)
        a.qualityScore = QualityScore(score: "GREEN")
        var b = Template(id: "T2", name: "order_update", category: .utility, language: "de", status: .rejected,
                         components: [.object(["type": "BODY", "text": "Ihre Bestellung\u{1b}[31m {{1}}"]),
                                      .object(["type": "BUTTONS", "buttons": .array([.object(["type": "QUICK_REPLY", "text": "OK"])])])],
                         wabaAccountId: waba)
        b.rejectedReason = "INVALID_FORMAT"
        let c = Template(id: "T3", name: "otp_code", category: .authentication, language: "en", status: .pending, wabaAccountId: waba)
        return [a, b, c]
    }()

    func key(_ s: inout AppState, _ keys: EditKey...) { for k in keys { _ = reduce(&s, .dialog(.key(k))) } }

    /// The manager of the first number with a WABA, its templates loaded.
    static func opened(readOnly: Bool = false, size: (Int, Int) = (120, 40)) -> AppState {
        var s = Fixtures.state(readOnly: readOnly)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let id = s.visible.first { s.records[$0]?.channel.wabaAccount != nil }!
        _ = reduce(&s, .grid(.select(channelId: id)))
        let effects = reduce(&s, .open(.templates))
        let waba = s.selectedRecord!.channel.wabaAccount!.id
        #expect(effects == [.loadTemplates(wabaAccountId: waba)])
        _ = reduce(&s, .templatesLoaded(wabaAccountId: waba, list.map { var t = $0; t.wabaAccountId = waba; return t }))
        return s
    }

    @Test func theListIsSortedFilteredAndOpensATemplatesWholeContent() {
        var s = Self.opened()
        guard case .table(let t)? = s.dialogs.top?.body else { Issue.record("no table"); return }
        #expect(t.rows.map { $0[0] } == ["order_update", "otp_code", "welcome"])
        #expect(s.dialogs.top?.notice?.text == "3 templates, 1 in review (a notification comes when Meta decides).")
        key(&s, .insert("/"), .insert("en approved"))
        guard case .table(let f)? = s.dialogs.top?.body else { return }
        #expect(f.shownRows.map { $0[0] } == ["welcome"] && f.selectedId == "T1")
        key(&s, .enter, .enter)
        guard case .text(let text)? = s.dialogs.top?.body else { Issue.record("no body"); return }
        #expect(text.paragraphs.contains("  Hi {{1}}") && text.paragraphs.contains("  {{1}} = Ana") && text.paragraphs.contains("Quality: GREEN"))
        key(&s, .escape)
        key(&s, .escape) // clears the filter
        key(&s, .home, .enter)
        guard case .text(let rejected)? = s.dialogs.top?.body else { Issue.record("no body"); return }
        #expect(rejected.paragraphs.contains("Rejected: INVALID_FORMAT"))
        #expect(!rejected.paragraphs.joined().contains("\u{1b}")) // server text is made safe
        #expect(rejected.paragraphs.contains("  [OK] QUICK_REPLY"))
    }

    @Test func theFormChecksEverythingBeforeTheConfirm() {
        var s = Self.opened()
        key(&s, .insert("n"))
        #expect(s.dialogs.top?.owned(by: NewTemplateForm.self)?.wabaAccountId == s.selectedRecord!.channel.wabaAccount!.id)
        key(&s, .insert("Welcome"), .tab)
        #expect(s.dialogs.top?.form?["name"]?.error == "Lowercase letters, digits and underscores only, like order_update_2.")
        key(&s, .backtab, .clear, .insert("welcome"), .tab, .tab, .tab, .tab, .insert("Hi {{1}} and {{3}}"), .tab, .insert("Ana"))
        // Submit from the last field: the cross-field rules land on their fields, no confirm.
        key(&s, .tab, .tab, .enter)
        #expect(s.dialogs.top?.form?["body"]?.error == "{{2}} is missing: variables are numbered from {{1}} without gaps.")
        #expect(s.dialogs.top?.form?.focusedField?.id == "body")
        key(&s, .clear, .insert("Hi {{1}}"), .tab, .tab, .tab, .enter)
        // The same name and language as one on the WABA: refused before sending.
        #expect(s.dialogs.top?.form?["name"]?.error == "welcome (en) exists on this WABA: choose another name.")
        key(&s, .clear, .insert("welcome_back"), .tab, .tab, .tab, .tab, .tab, .tab, .tab, .enter)
        guard let request = s.dialogs.top?.owned(by: MutationConfirm.self)?.request else { Issue.record("no confirm"); return }
        guard case let .createTemplate(_, draft) = request.mutation else { Issue.record("not a create"); return }
        #expect(draft.name == "welcome_back" && draft.category == .marketing)
    }

    @Test func deleteAsksForTheNameAndReadOnlyOffersNeitherNewNorDelete() {
        var s = Self.opened()
        key(&s, .end, .insert("d"))
        guard case .confirm(let c)? = s.dialogs.top?.body else { Issue.record("no confirm"); return }
        #expect(c.typeToConfirm == "welcome")
        key(&s, .insert("welc"), .enter) // not the name: nothing happens
        #expect(s.dialogs.top?.working == nil && s.dialogs.count == 2)
        key(&s, .insert("ome"), .enter)
        #expect(s.dialogs.top?.working != nil)

        var r = Self.opened(readOnly: true)
        key(&r, .insert("n"))
        key(&r, .insert("d"))
        #expect(r.dialogs.count == 1)
        #expect(!DialogKeys.hints(r.dialogs.top!).contains { $0.text == "new" || $0.text == "delete" })
    }

    @Test func aCreatedTemplateIsSelectedWhenTheListComesBack() {
        var s = Self.opened()
        let waba = s.selectedRecord!.channel.wabaAccount!.id
        let draft = TemplateDraft(name: "brand_new", category: .utility, language: "en", components: [])
        let request = MutationRequest(mutation: .createTemplate(wabaAccountId: waba, draft: draft), idempotencyKey: "k", correlation: 99)
        let effects = reduce(&s, .dialog(.mutationSettled(request, .succeeded("template T9 submitted"))))
        #expect(effects.contains(.loadTemplates(wabaAccountId: waba)))
        let fresh = Template(id: "T9", name: "brand_new", category: .utility, language: "en", status: .submitted, wabaAccountId: waba)
        _ = reduce(&s, .templatesLoaded(wabaAccountId: waba, Self.list + [fresh]))
        guard case .table(let t)? = s.dialogs.top?.body else { Issue.record("no table"); return }
        #expect(t.selectedId == "T9")
    }
}

@Suite struct TemplatesSnapshotTests {
    @Test(arguments: DialogSnapshotTests.sizes) func managerBodyFormAndDelete(_ size: (Int, Int)) {
        var s = TemplatesReducerTests.opened(size: size)
        let render = { Screen.render(s, width: size.0, height: size.1, context: Fixtures.context) }
        func key(_ keys: EditKey...) { for k in keys { _ = reduce(&s, .dialog(.key(k))) } }
        Golden.check(render(), "templates-list-\(size.0)x\(size.1)")
        key(.insert("/"), .insert("en"))
        Golden.check(render(), "templates-filtered-\(size.0)x\(size.1)")
        key(.escape, .end, .enter)
        Golden.check(render(), "templates-body-\(size.0)x\(size.1)")
        key(.escape, .insert("n"), .insert("hi"), .tab, .tab, .tab, .tab, .insert("Hi {{2}}"), .tab, .tab, .tab, .enter)
        Golden.check(render(), "templates-new-error-\(size.0)x\(size.1)")
        key(.escape, .escape, .insert("d")) // the new-template form holds typed input: Esc asks, the second discards
        Golden.check(render(), "templates-delete-\(size.0)x\(size.1)")
    }
}

@Suite(.serialized) @MainActor struct TemplatesFlowTests {
    @Test func createATemplateSeeItSelectedThenMetasDecisionArrives() async throws {
        let h = try Harness(timeScale: 60)
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        let id = try #require(h.app.state.visible.first { h.app.state.records[$0]?.channel.wabaAccount != nil })
        await h.select(id)
        await h.press("T")
        await h.waitFor("template") { $0.contains("Templates ·") && !$0.contains("Loading…") }
        await h.press("n")
        await h.waitFor("New template")
        await h.type("spring_offer")
        await h.press("tab", "down", "tab") // UTILITY
        await h.press("tab", "tab")
        await h.type("Big discount for {{1}}")
        await h.press("tab")
        await h.type("Ana")
        await h.press("tab", "tab", "enter")
        await h.waitFor("Submit this template?")
        await h.press("tab", "enter")
        var s = await h.waitFor("spring_offer") { $0.contains("submitted") && !$0.contains("Submit this template?") }
        #expect(s.contains("spring_offer"))
        // Meta's review (30 sandbox seconds): a UTILITY template that sells is rejected, and the
        // notification says why, without the agent asking again.
        s = await h.waitFor("INCORRECT_CATEGORY", timeout: 20) { _ in
            h.app.state.notifications.history.contains { $0.text.contains("spring_offer") && $0.text.contains("INCORRECT_CATEGORY") }
        }
        let waba = try #require(h.app.state.records[id]?.channel.wabaAccount?.id)
        #expect(h.app.state.templates[waba]?.first { $0.name == "spring_offer" }?.status == .rejected)
        let audit = try h.database.auditLog()
        #expect(audit.contains { $0.action == "create-template" && $0.result?.hasPrefix("ok") == true })
    }
}

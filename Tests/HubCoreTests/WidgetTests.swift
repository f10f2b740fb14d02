import Foundation
import Testing
@testable import HubCore

@Suite struct TextFieldTests {
    @Test func editsByGraphemeCluster() {
        var f = TextField("Café 中文 👩‍👩‍👧")
        #expect(f.cursor == f.characters.count && f.characters.count == 9)
        f.handle(.backspace) // the whole family emoji, one grapheme
        #expect(f.text == "Café 中文 ")
        f.handle(.left); f.handle(.left); f.handle(.left)
        f.handle(.backspace) // the space before 中
        #expect(f.text == "Café中文 ")
        f.handle(.home); f.handle(.right); f.handle(.right); f.handle(.right)
        f.handle(.deleteForward) // é, precomposed or not, goes as one
        #expect(f.text == "Caf中文 ")
        f.handle(.insert("e\u{301}"))
        #expect(f.text == "Cafe\u{301}中文 " && f.cursor == 4)
        #expect(f.display().cursorColumn == 4) // é is one cell; 中 starts at column 4
        f.handle(.end)
        #expect(f.display().cursorColumn == 4 + 4 + 1)
    }

    @Test func wordDeleteClearAndKillToEnd() {
        var f = TextField("name@example.com hello world")
        f.handle(.deleteWord)
        #expect(f.text == "name@example.com hello ")
        f.handle(.deleteWord)
        #expect(f.text == "name@example.com ")
        f.handle(.deleteWord)
        #expect(f.text == "name@example.")
        f.handle(.home); f.handle(.right); f.handle(.right)
        f.handle(.deleteToEnd)
        #expect(f.text == "na")
        f.handle(.clear)
        #expect(f.isEmpty && f.cursor == 0)
        f.handle(.deleteWord); f.handle(.backspace); f.handle(.left) // nothing to do, nothing breaks
        #expect(f.isEmpty && f.cursor == 0)
    }

    @Test func maxLengthPasteAndControlCharacters() {
        var f = TextField(maxLength: 10)
        f.handle(.insert("12345"))
        f.handle(.home)
        f.handle(.insert("abcdefgh")) // only 5 fit, at the cursor
        #expect(f.text == "abcde12345" && f.cursor == 5)
        var g = TextField(maxLength: 100)
        g.handle(.insert("line one\nline\u{1B}]0;pwned\u{07} two\t!"))
        #expect(g.text == "line one line two !")
        // A 5,000-character paste is one edit, cut to the field's length.
        var big = TextField(maxLength: 4000)
        big.handle(.insert(String(repeating: "x", count: 5000)))
        #expect(big.characters.count == 4000 && big.cursor == 4000)
    }

    @Test func maskedShowsBulletsNeverTheText() {
        let f = TextField("s3cr3t-key", masked: true)
        let shown = f.display()
        #expect(shown.text == String(repeating: "•", count: 10) && !shown.text.contains("s3cr3t"))
        #expect(f.text == "s3cr3t-key")
    }
}

@Suite struct SelectListTests {
    let options = [SelectList.Option(id: "a", label: "Alpha"), .init(id: "b", label: "Beta", disabledReason: "legacy account"),
                   .init(id: "c", label: "Gamma"), .init(id: "d", label: "Delta")]

    @Test func singleChoiceFollowsTheCursorByID() {
        var s = SelectList(options: options, chosen: ["c"])
        #expect(s.cursor == 2 && s.selection == ["c"])
        s.handle(.up)
        #expect(s.selection.isEmpty) // Beta cannot be chosen
        s.handle(.up); s.handle(.up)
        #expect(s.cursor == 0 && s.selection == ["a"])
        s.handle(.end)
        #expect(s.selection == ["d"])
        let usedSpace = s.handle(.space)
        #expect(!usedSpace) // Space is not a single list's key
    }

    @Test func multiSelectTogglesAndAllOrNone() {
        var s = SelectList(options: options, multiple: true)
        s.handle(.space)
        #expect(s.selection == ["a"])
        s.handle(.down); s.handle(.space) // disabled: stays out
        #expect(s.selection == ["a"])
        s.handle(.insert("a"))
        #expect(s.selection == ["a", "c", "d"])
        s.handle(.insert("a"))
        #expect(s.selection.isEmpty)
    }
}

@Suite struct ConfirmTests {
    @Test func plainConfirmStartsOnCancel() {
        var c = Confirm(message: ["Overwrite?"])
        #expect(c.focus == .cancel)
        let first = c.handle(.enter)
        #expect(first == .cancelled)
        var d = Confirm(message: ["Overwrite?"])
        d.handle(.tab)
        #expect(d.focus == .confirm)
        let second = d.handle(.enter)
        #expect(second == .confirmed)
        var e = Confirm(message: ["?"])
        let third = e.handle(.escape)
        #expect(third == .cancelled)
    }

    @Test func typeToConfirmStaysDisabledUntilItMatches() {
        var c = Confirm(message: ["Refund?"], typeToConfirm: "+4930609859535", acceptsSuffix: 4)
        #expect(!c.canConfirm)
        for ch in "+49306" { c.handle(.insert(String(ch))) }
        let r49353 = c.handle(.enter)
        #expect(r49353 == nil && c.mismatchShown)
        c.handle(.clear)
        for ch in "9535" { c.handle(.insert(String(ch))) } // the last 4 digits
        #expect(c.canConfirm && !c.mismatchShown)
        let r95041 = c.handle(.enter)
        #expect(r95041 == .confirmed)
        var d = Confirm(message: ["Delete?"], typeToConfirm: "delete")
        d.handle(.insert("delet"))
        let r23872 = d.handle(.enter)
        #expect(r23872 == nil)
        d.handle(.insert("e"))
        let r67279 = d.handle(.enter)
        #expect(r67279 == .confirmed)
        var e = Confirm(message: ["Delete?"], typeToConfirm: "delete")
        #expect(e.handle(.enter) == .cancelled) // nothing typed: the default, Cancel
    }
}

@Suite struct FormTests {
    func form() -> Form {
        Form([
            FormField(id: "note", label: "", kind: .note("About", .muted)),
            .text("name", "Name", rules: [.required("Type a name.")]),
            .text("email", "Email", rules: [.required("Type an email."), .email]),
            .text("max", "Max", value: "10", rules: [.integer(1...100, message: "Between 1 and 100.")]),
            FormField(id: "role", label: "Role", kind: .select(SelectList(options: [.init(id: "admin", label: "Admin"), .init(id: "member", label: "Member")]))),
        ])
    }

    @Test func focusOrderSkipsNotesAndWraps() {
        var f = form()
        #expect(f.focusedField?.id == "name")
        f.handle(.tab); #expect(f.focusedField?.id == "email")
        f.handle(.backtab); f.handle(.backtab); #expect(f.focusedField?.id == "role")
        f.handle(.tab); #expect(f.focusedField?.id == "name")
    }

    @Test func errorsShowWhenLeftAndGoAwayWhenFixed() {
        var f = form()
        f.handle(.tab) // leaving an empty required field checks it
        #expect(f["name"]?.error == "Type a name.")
        f.handle(.insert("not-an-email"))
        #expect(f["email"]?.error == nil) // not checked until left
        f.handle(.enter)
        #expect(f["email"]?.error?.contains("email address") == true)
        f.handle(.backtab); f.handle(.end)
        f.handle(.insert("@example.com"))
        #expect(f["email"]?.error == nil) // checked once: every edit re-checks
    }

    @Test func submitChecksEverythingAndFocusesTheFirstError() {
        var f = form()
        f.handle(.tab); f.handle(.tab)
        f.handle(.clear); f.handle(.insert("500"))
        f.handle(.tab)
        #expect(f.handle(.enter) == nil) // on the last field: submit, refused
        #expect(f.focusedField?.id == "name" && f["max"]?.error == "Between 1 and 100.")
        f.handle(.insert("Ana"))
        f.handle(.tab); f.handle(.insert("ana@example.com"))
        f.handle(.tab); f.handle(.clear); f.handle(.insert("20"))
        f.handle(.tab); f.handle(.down)
        let r8659 = f.handle(.enter)
        #expect(r8659 == .submitted(FormValues(text: ["name": "Ana", "email": "ana@example.com", "max": "20"], choices: ["role": ["member"]])))
        let r44348 = f.handle(.escape)
        #expect(r44348 == .cancelled)
    }

    @Test func rulesAsData() {
        #expect(FieldRule.pattern("[A-Za-z0-9]+PA", message: "m").check("abcPA") == nil)
        #expect(FieldRule.pattern("[A-Za-z0-9]+PA", message: "m").check("ab cPA") == "m")
        #expect(FieldRule.integer(1...10, message: "r").check("x") == "Type a whole number.")
        #expect(FieldRule.notEqual("samePA", message: "current").check("samePA") == "current")
    }
}

@Suite struct ScrollTextTests {
    @Test func neverScrollsPastTheEndAndRemembersReading() {
        var t = ScrollText((1...30).map { "Paragraph \($0) of the terms." })
        #expect(!t.reachedEnd)
        t.handle(.pageDown, width: 40, height: 10); t.handle(.pageDown, width: 40, height: 10)
        t.handle(.pageDown, width: 40, height: 10); t.handle(.pageDown, width: 40, height: 10)
        #expect(t.offset == 20 && t.reachedEnd)
        t.handle(.up, width: 40, height: 10)
        #expect(t.offset == 19)
        #expect(TextWrap.wrap(["北京科技有限公司 abc"], width: 6) == ["北京科", "技有限", "公司", "abc"])
    }
}

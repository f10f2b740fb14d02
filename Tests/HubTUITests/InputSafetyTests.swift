import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 26: no keystroke loses input, and the keys do what the footer says.
@Suite struct InputSafetyTests {
    func key(_ s: inout AppState, _ keys: EditKey...) -> [Effect] {
        var out: [Effect] = []
        for k in keys { out += reduce(&s, .dialog(.key(k))) }
        return out
    }

    @Test func escOverTypedInputAsksFirst() {
        var s = Fixtures.state()
        _ = reduce(&s, .open(.users))
        _ = reduce(&s, .usersLoaded([]))
        _ = key(&s, .insert("a"))
        // Nothing typed yet: one Esc closes the form.
        _ = key(&s, .escape)
        #expect(s.dialogs.top?.purpose != .addUser)
        _ = key(&s, .insert("a"), .insert("Zoë"))
        _ = key(&s, .escape)
        #expect(s.dialogs.top?.purpose == .addUser && s.dialogs.top?.form?["name"]?.textValue == "Zoë")
        #expect(s.dialogs.top?.notice?.text == AppState.discardQuestion)
        // Any other key goes on editing and withdraws the question.
        _ = key(&s, .insert("!"))
        #expect(s.dialogs.top?.notice == nil && s.dialogs.top?.form?["name"]?.textValue == "Zoë!")
        _ = key(&s, .escape, .escape)
        #expect(s.dialogs.top?.purpose != .addUser)
    }

    @Test func yDoesWhatTheFooterSays() {
        var c = Confirm(message: ["Turn it off?"], confirmLabel: "Turn off")
        #expect(c.handle(.insert("y")) == .confirmed)
        // With text to type, y is text.
        var typed = Confirm(message: ["Refund?"], confirmLabel: "Refund", typeToConfirm: "+4930")
        #expect(typed.handle(.insert("y")) == nil && typed.field.text == "y")
    }

    @Test func approvingAnIncomingRequestIsTyped() throws {
        var s = Fixtures.state()
        let me = try #require(s.partner?.id)
        let pcr = PartnerChangeRequest(id: "inc42PCR", status: .pending, sourceClientId: "otherCL", sourcePartnerId: "otherPA", targetPartnerId: me,
                                       channelIds: ["x1CH"], createdAt: Fixtures.now)
        _ = reduce(&s, .partnerChangesLoaded([pcr]))
        _ = reduce(&s, .open(.incomingRequests))
        _ = key(&s, .enter)
        // Tab and Enter, the random-key run's way in, approve nothing.
        #expect(!key(&s, .tab, .enter).contains { if case .mutate = $0 { return true } else { return false } })
        #expect({ if case .confirmMutation? = s.dialogs.top?.purpose { return true } else { return false } }())
        _ = key(&s, .insert("42PCR"))
        #expect(key(&s, .enter).isEmpty) // not the ID nor its last 4
        _ = key(&s, .clear, .insert("2PCR"))
        #expect(key(&s, .enter).contains { if case .mutate = $0 { return true } else { return false } })
    }
}

import Foundation
import Testing
@testable import HubCore

/// Each `Mutation` case maps to its command (issue 27): the names the audit log and the
/// one-open-operation rule use, and the pipeline's rules, as they were when each was a switch.
@Suite struct MutationCommandTests {
    static let eur = Money(minorUnits: 2500, currency: .eur)
    static let draft = TemplateDraft(name: "order_ready", category: .utility, language: "en", components: [])

    /// (mutation, kind, target, safe to repeat, resumes after a crash, starts settlement, wizard WABA)
    static let table: [(Mutation, String, String, Bool, Bool, Bool, String?)] = [
        (.setMaxChannels(clientId: "c1", partnerPayload: "p", maxChannels: 5), "set-max-channels", "client c1", true, false, false, nil),
        (.addFunds(channelId: "ch1", amount: eur), "add-funds", "channel ch1", true, true, false, nil),
        (.requestRefund(channelId: "ch1", expectedTotal: nil), "refund", "channel ch1", true, true, true, nil),
        (.submitPartnerChange(clientId: "c1", wabaAccountId: "w1", targetPartnerId: "pB"), "partner-change", "waba w1", true, true, true, "w1"),
        (.setPermissions(clientId: "c1", channelIds: ["a"]), "set-permissions", "client c1", true, false, false, nil),
        (.approvePartnerChange(partnerChangeRequestId: "r1"), "approve-partner-change", "partner change request r1", true, false, false, nil),
        (.setAutoApprove(true), "set-auto-approve", "partner settings", true, false, false, nil),
        (.withdrawPartnerChange(wabaAccountId: "w1", partnerChangeRequestId: "r1"), "withdraw-partner-change", "partner change request r1", false, false, false, "w1"),
        (.confirmPaymentMethod(wabaAccountId: "w1", partnerChangeRequestId: "r1"), "payment-method", "partner change request r1", false, false, false, "w1"),
        (.addUser(name: "Zoë", email: "zoe@example.com", role: nil), "add-user", "user zoe@example.com", false, false, false, nil),
        (.createTemplate(wabaAccountId: "w1", draft: draft), "create-template", "template order_ready on waba w1", false, false, false, nil),
        (.deleteTemplate(wabaAccountId: "w1", templateId: "t1", name: "order_ready"), "delete-template", "template order_ready on waba w1", true, false, false, nil),
        (.generateAPIKey(channelId: "ch1"), "generate-api-key", "channel ch1", false, false, false, nil),
    ]

    @Test func everyCaseKeepsItsNamesAndRules() {
        for (m, kind, target, safe, resumes, settles, waba) in Self.table {
            #expect(m.kind == kind)
            #expect(m.target == target, "\(kind)")
            #expect(m.safeToRepeat == safe, "\(kind)")
            #expect(m.resumesAfterCrash == resumes, "\(kind)")
            #expect(m.startsSettlement == settles, "\(kind)")
            #expect(m.partnerChangeWaba == waba, "\(kind)")
        }
        #expect(Set(Self.table.map(\.1)).count == Self.table.count, "one kind per command")
    }

    @Test func summariesNamePeopleFirst() {
        let names = MutationNames(client: { $0 == "c1" ? "Acme GmbH" : nil }, channel: { $0 == "ch1" ? "+49 151 2345678" : nil })
        #expect(Mutation.setMaxChannels(clientId: "c1", partnerPayload: "p", maxChannels: 20).summary(names) == "Set max channels of Acme GmbH (client c1) to 20")
        #expect(Mutation.addFunds(channelId: "ch1", amount: Self.eur).summary(names) == "Add funds \(Self.eur) to +49 151 2345678 (channel ch1)")
        #expect(Mutation.setMaxChannels(clientId: "c9", partnerPayload: "p", maxChannels: 20).summary == "Set max channels of client c9 to 20")
    }

    /// Rows in the operation ledger hold the intent as JSON: what earlier versions wrote decodes.
    @Test func storedIntentsDecodeAsBefore() throws {
        let stored = #"{"setMaxChannels":{"clientId":"c1","partnerPayload":"p","maxChannels":5}}"#
        let m = try JSONDecoder().decode(Mutation.self, from: Data(stored.utf8))
        #expect(m == .setMaxChannels(clientId: "c1", partnerPayload: "p", maxChannels: 5))
        for (m, _, _, _, _, _, _) in Self.table {
            #expect(try JSONDecoder().decode(Mutation.self, from: JSONEncoder().encode(m)) == m)
        }
    }

    /// A refusal of a new template lands on the field its message is about; others on the one the body names.
    @Test func refusalsLandOnTheirField() {
        #expect(Mutation.setMaxChannels(clientId: "c1", partnerPayload: "p", maxChannels: 5).formField(server: "max_channels", message: "x") == "max_channels")
        let t = Mutation.createTemplate(wabaAccountId: "w1", draft: Self.draft)
        #expect(t.formField(server: nil, message: "x") == TemplateRules.field(forServer: nil, message: "x"))
    }
}

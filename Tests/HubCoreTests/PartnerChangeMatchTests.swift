import Foundation
import Testing
@testable import HubCore

/// Which request a lost submission became: only a live one for the WABA's numbers, created
/// since the intent began; anything doubtful is `unsure`, never a match.
@Suite struct PartnerChangeMatchTests {
    let since = Date(timeIntervalSince1970: 1_800_000_000)
    let numbersB: Set<String> = ["b1CH", "b2CH"]

    func pcr(_ id: String, _ status: PartnerChangeRequestStatus?, numbers: [String]?, at offset: TimeInterval?,
             client: String? = "acmeCL", target: String = "destPA") -> PartnerChangeRequest {
        PartnerChangeRequest(id: id, status: status, sourceClientId: client, targetPartnerId: target, channelIds: numbers,
                             createdAt: offset.map { since + $0 })
    }

    func find(_ list: [PartnerChangeRequest], since: Date? = nil) -> PartnerChangeMatch {
        PartnerChangeMatch.find(in: list, clientId: "acmeCL", wabaChannels: numbersB, target: "destPA", since: since ?? self.since)
    }

    @Test func anotherWabasRequestIsNeverTakenForThisOne() {
        // The reproduction: the client's WABA A has a request (pending or withdrawn) to the
        // same destination; B's POST never arrived.
        #expect(find([pcr("aPCR", .pending, numbers: ["a1CH"], at: 5)]) == .none)
        #expect(find([pcr("aPCR", .withdrawn, numbers: ["a1CH"], at: 5)]) == .none)
    }

    @Test func withdrawnFailedOlderOrElsewhereDoNotCount() {
        #expect(find([pcr("old", .withdrawn, numbers: ["b1CH", "b2CH"], at: 5)]) == .none)
        #expect(find([pcr("old", .failed, numbers: ["b1CH", "b2CH"], at: 5)]) == .none)
        #expect(find([pcr("old", .completed, numbers: ["b1CH", "b2CH"], at: -3600)]) == .none)
        #expect(find([pcr("x", .pending, numbers: ["b1CH", "b2CH"], at: 5, target: "otherPA")]) == .none)
        #expect(find([pcr("x", .pending, numbers: ["b1CH", "b2CH"], at: 5, client: "otherCL")]) == .none)
    }

    @Test func theOneLiveRequestSinceIsFound() {
        let mine = pcr("bPCR", .pending, numbers: ["b2CH", "b1CH"], at: 3)
        let list = [pcr("aPCR", .pending, numbers: ["a1CH"], at: 1), pcr("old", .withdrawn, numbers: ["b1CH", "b2CH"], at: 2), mine]
        #expect(find(list) == .found(mine))
        // Approved at once (automatic approval) is still this submission.
        var done = mine
        done.status = .completed
        #expect(find([done]) == .found(done))
    }

    @Test func doubtIsUnsureNeverApplied() {
        // Two live ones since: which is it?
        if case .unsure = find([pcr("b1", .pending, numbers: ["b1CH"], at: 3), pcr("b2", .created, numbers: ["b2CH"], at: 4)]) {} else { Issue.record("two candidates") }
        // Created a moment before the intent: the server's clock, or an earlier request?
        if case .unsure = find([pcr("b", .pending, numbers: ["b1CH", "b2CH"], at: -30)]) {} else { Issue.record("clock skew") }
        // The request does not say which numbers it moves.
        if case .unsure = find([pcr("b", .pending, numbers: nil, at: 3)]) {} else { Issue.record("no numbers") }
        // No time of intent known (a row from before).
        if case .unsure = PartnerChangeMatch.find(in: [pcr("b", .pending, numbers: ["b1CH"], at: 3)], clientId: "acmeCL",
                                                  wabaChannels: numbersB, target: "destPA", since: nil) {} else { Issue.record("no since") }
    }

    @Test func theSubmissionResultNamesItsRequest() {
        #expect(Mutation.submittedRequestId("partner change request Xy7PCR") == "Xy7PCR")
        #expect(Mutation.submittedRequestId("ok: something else") == nil)
    }
}

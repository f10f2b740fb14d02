import Foundation
import Testing
@testable import HubCore

/// What the runtime hands the reducer when a read fails (issue 27): typed, so a Hub-only step
/// is never worded as a failure and every server string arrives as one clean line.
@Suite struct ProblemTests {
    @Test func errorsBecomeProblems() {
        #expect(Problem(ServiceError.unavailable(operation: "Users", hubURL: "https://hub.360dialog.com")) == .hubOnly(url: "https://hub.360dialog.com"))
        #expect(Problem(ServiceError.notFound("partner")) == .notFound)
        #expect(Problem(ServiceError.api(status: 404, body: APIErrorBody(httpCode: 404, developerMessage: "Partner not found"))) == .notFound)
        let hostile = Problem(ServiceError.api(status: 500, body: APIErrorBody(httpCode: 500, developerMessage: "boom\u{1B}[2J\nsecond")))
        guard case .failed(let text) = hostile else { Issue.record("\(hostile)"); return }
        #expect(!text.contains("\u{1B}") && !text.contains("\n") && text.contains("500"))
        #expect(Problem(CancellationError()).description.contains("CancellationError"))
    }

    /// The wizard's words for a destination that was not found, or not looked up at all (live).
    @Test func theLookupIsWordedByTheWizard() {
        #expect(AppState.lookupProblem("xPA", nil) == nil)
        #expect(AppState.lookupProblem("xPA", .hubOnly(url: "https://hub.360dialog.com")) == nil, "live: the ID is taken as typed")
        #expect(AppState.lookupProblem("xPA", .notFound) == "No partner has the ID xPA: check it with the destination partner.")
        #expect(AppState.lookupProblem("xPA", .failed("Network error: reset")) == "The lookup failed: Network error: reset")
    }
}

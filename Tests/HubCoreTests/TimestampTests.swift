import Foundation
import Testing
@testable import HubCore

@Suite struct TimestampTests {
    @Test func parsesTheAPIForms() {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(Timestamp.parse("2024-10-07T08:50:05Z") == Date(timeIntervalSince1970: 1_728_291_005))
        #expect(Timestamp.parse("2024-10-07T10:50:05+02:00") == Date(timeIntervalSince1970: 1_728_291_005))
        #expect(Timestamp.parse("2024-10-07T08:50:05") == Date(timeIntervalSince1970: 1_728_291_005))
        #expect(Timestamp.parse("2024-02-29T00:00:00.5Z") == Date(timeIntervalSince1970: 1_709_164_800.5))
    }

    @Test func rejectsGarbage() {
        for s in ["", "yesterday", "2024-13-01T00:00:00Z", "2024-10-07", "2024-10-07T08:50:05Zjunk", "2024-10-07T25:00:00Z"] {
            #expect(Timestamp.parse(s) == nil, "\(s)")
        }
    }

    @Test func formatsWholeSecondsUTC() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_728_291_005.9)) == "2024-10-07T08:50:05Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}

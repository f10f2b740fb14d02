import Foundation
import Testing
@testable import HubCore

/// The item ranges a poll fingerprints (issue 14): exact on odd but valid JSON, nil on what
/// it does not expect (the full decoder then reports it).
@Suite struct JSONListScannerTests {
    func scan(_ text: String) -> (page: JSONListScanner.Page, items: [String])? {
        let data = Data(text.utf8)
        guard let page = JSONListScanner.scan(data, itemsKey: "partner_channels") else { return nil }
        return (page, page.items.map { String(decoding: data[$0], as: UTF8.self) })
    }

    @Test func findsEachItemAndEmptiesTheArrayInTheSkeleton() throws {
        let text = #"""
         { "count": 2, "filters": {"a": [1, {"b": "]"}]},
           "partner_channels" : [ {"id": "x", "s": "a \"quoted\" } ]"}, {"id":"y","n":{"m":[1,2,{}]}} ],
           "sort": ["-modified_at"], "total": 7 }
        """#
        let r = try #require(scan(text))
        #expect(r.items == [#"{"id": "x", "s": "a \"quoted\" } ]"}"#, #"{"id":"y","n":{"m":[1,2,{}]}}"#])
        let skeleton = try JSONSerialization.jsonObject(with: r.page.skeleton) as? [String: Any]
        #expect((skeleton?["partner_channels"] as? [Any])?.isEmpty == true)
        #expect(skeleton?["total"] as? Int == 7)
    }

    @Test func anythingUnexpectedIsNil() {
        for bad in [#"{"count": 3, "partner_channels": [{"id": "trunc"#,            // cut off
                    #"{"partner_channels": [1, 2]}"#,                                 // not objects
                    #"{"partner_channels": [{"id": "a"}], "partner_channels": []}"#,  // twice
                    #"{"count": 1}"#,                                                 // no items
                    #"{"partner_channels": [{"id": "a"}]} trailing"#,
                    #"[{"id": "a"}]"#, "", "{", #"{"partner_channels": [{"id": "a"},]}"#,
                    #"{"partner_channels": [{"id": "a"}],}"#] {
            #expect(scan(bad) == nil, "\(bad)")
        }
        let deep = #"{"partner_channels": [{"a": "# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]}"
        #expect(scan(deep) == nil)
    }

    @Test func readsAPlainIdOnlyAtTheTopLevelOfTheItem() throws {
        let data = Data(#"{"partner_channels": [{"client": {"id": "inner"}, "id": "outer"}, {"id": "a\u0062"}, {"id": 5}]}"#.utf8)
        let page = try #require(JSONListScanner.scan(data, itemsKey: "partner_channels"))
        #expect(page.items.map { JSONListScanner.stringField(data, in: $0, key: "id") } == ["outer", nil, nil])
    }

    /// Kept in the database beside each snapshot row: a change of the function makes every
    /// stored fingerprint miss once (harmless, but it should not happen by accident).
    @Test func fingerprintsAreStableAndSeeEveryByte() {
        let a = Data(#"{"id":"1CH","status":"ready"}"#.utf8), b = Data(#"{"id":"1CH","status":"readz"}"#.utf8)
        #expect(JSONListScanner.fingerprint(a, 0..<a.count) == JSONListScanner.fingerprint(a, 0..<a.count))
        #expect(JSONListScanner.fingerprint(a, 0..<a.count) != JSONListScanner.fingerprint(b, 0..<b.count))
        #expect(JSONListScanner.fingerprint(a, 0..<a.count) == 0xb044_72f5_e2f7_9824)
        #expect(JSONListScanner.fingerprint(a, 0..<0) != JSONListScanner.fingerprint(a, 0..<1))
        #expect(JSONListScanner.fingerprint(Data(), 0..<0) == JSONListScanner.fingerprint(Data(), 0..<0))
    }
}

import Foundation
import Testing
@testable import HubCore

/// The team's snapshot rows in HubBinary: every model comes back equal to what JSON gives,
/// and a damaged row is an error, never a trap.
@Suite struct HubBinaryTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        let data = try HubBinary.encode(value)
        #expect(HubBinary.isBinary(data))
        return try HubBinary.decode(T.self, from: data)
    }

    @Test func modelsComeBackEqual() throws {
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: Fixture.data("channels_list")).items
        #expect(!channels.isEmpty)
        for original in channels {
            // What the tables held before: the channel as JSON keeps it (a fixture's field the
            // model does not write back, e.g. an unparsable date's text, is not kept by either).
            let ch = try HubJSON.decode(Channel.self, from: HubJSON.encode(original))
            let back = try roundTrip(ch)
            #expect(back == ch, "\(ch.id)")
            #expect(back.facts == original.facts && back.factsKey == original.factsKey, "\(ch.id)")
            #expect(try HubJSON.encode(back) == HubJSON.encode(original), "\(ch.id)")
        }
        for cl in try HubJSON.decode(ListEnvelope<Client>.self, from: Fixture.data("clients_list")).items {
            #expect(try roundTrip(cl) == cl, "\(cl.id)")
        }
        #expect(try roundTrip(HubJSON.decode(Partner.self, from: Fixture.data("partner"))) == HubJSON.decode(Partner.self, from: Fixture.data("partner")))
        #expect(try roundTrip(HubJSON.decode(ClientBalance.self, from: Fixture.data("balance"))) == HubJSON.decode(ClientBalance.self, from: Fixture.data("balance")))
    }

    @Test func valuesOfEveryShape() throws {
        let value: [String: JSONValue] = ["s": .string("ünïcödé 🇩🇪"), "n": .number(Decimal(string: "-12.5") ?? 0), "i": .number(7), "t": .string("42"), "b": .bool(false), "z": .null,
                                          "a": .array([.string("x"), .object(["k": .number(1)])])]
        #expect(try roundTrip(value) == value)
        #expect(try roundTrip([Int64.min, -1, 0, 1, Int64.max]) == [Int64.min, -1, 0, 1, Int64.max])
        #expect(try roundTrip([Date(timeIntervalSince1970: 1_714_521_600)]) == [Date(timeIntervalSince1970: 1_714_521_600)])
        #expect(try roundTrip(["": ""]) == ["": ""])
    }

    /// Every cut of a row, and every byte flipped, decodes or throws.
    @Test func damagedRowsAreErrors() throws {
        let ch = try #require(try HubJSON.decode(ListEnvelope<Channel>.self, from: Fixture.data("channels_list")).items.first)
        let data = try HubBinary.encode(ch)
        for n in 0..<data.count {
            _ = try? HubBinary.decode(Channel.self, from: data.prefix(n))
        }
        for i in 1..<data.count {
            var bad = data
            bad[i] ^= 0xFF
            _ = try? HubBinary.decode(Channel.self, from: bad)
        }
        #expect(throws: DecodingError.self) { try HubBinary.decode(Channel.self, from: HubJSON.encode(ch)) }
        #expect(!HubBinary.isBinary(try HubJSON.encode(ch)), "a JSON row from an older poller is told apart")
    }
}

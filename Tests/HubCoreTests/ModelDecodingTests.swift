import Foundation
import Testing
@testable import HubCore

@Suite struct ModelDecodingTests {
    @Test func partnerDecodesDocumentedShape() throws {
        let p = try HubJSON.decode(Partner.self, from: Fixture.data("partner"))
        #expect(p.id == "examplePA")
        #expect(p.brandName == "360dialog")
        #expect(p.partnerRedirectUrl == "https://yourwebsite.com/redirect")
        #expect(p.allowClientToAddPhoneNo == true)
        #expect(p.settings == .object([:]))
        #expect(p.publishableKey == nil)
    }

    @Test func clientListEnvelopeAndTolerance() throws {
        let list = try HubJSON.decode(ListEnvelope<Client>.self, from: Fixture.data("clients_list"))
        #expect(list.count == 2 && list.total == 2 && list.limit == 1000 && list.offset == 0)
        #expect(list.sort == ["id"])
        let c = list.items[0]
        #expect(c.organisation == "Company legal name")
        #expect(c.contactInfo?.email == "ops@company.example")
        #expect(c.maxChannels == 10)
        #expect(c.createdBy == .system)
        #expect(c.createdAt == Timestamp.parse("2023-01-01T12:00:00Z"))
        // Unknown enum value kept, null fields are nil.
        #expect(list.items[1].status == .unknown("blocked_by_meta"))
        #expect(list.items[1].maxChannels == nil)
        #expect(list.items[1].displayCompany == "Müller GmbH")
    }

    @Test func channelDecodesEveryNestedObject() throws {
        let list = try HubJSON.decode(ListEnvelope<Channel>.self, from: Fixture.data("channels_list"))
        #expect(list.filters == ["id": "abOd1CH"])
        #expect(list.sort == ["created_at", "-modified_at"])
        let ch = try #require(list.items.first)
        #expect(ch.id == "abOd1CH")
        #expect(ch.accountMode == .live)
        #expect(ch.status == .ready)
        #expect(ch.terminatedAt == nil)
        #expect(ch.currentQualityRating == .green)
        #expect(ch.setupInfo?.phoneNumber == "4930609859535")
        #expect(ch.phoneNumberE164 == "+4930609859535")
        #expect(ch.wabaAccount?.fbAccountStatus == .verified)
        #expect(ch.wabaAccount?.onBehalfOfBusinessInfo?.status == .approved)
        #expect(ch.integration?.appId == "104148")
        #expect(ch.integration?.isRunning == true)
        #expect(ch.hostingPlatform == .cloudAPI)
        #expect(ch.client?.contactInfo?.email == "ops@company.example")
        // Fractional seconds are accepted.
        #expect(ch.modifiedAt == Date(timeIntervalSince1970: Timestamp.parse("2023-01-03T09:30:00Z")!.timeIntervalSince1970 + 0.123))
    }

    @Test func realRecordedTemplateItem() throws {
        let list = try HubJSON.decode(ListEnvelope<Template>.self, from: Fixture.data("templates_list"))
        let t = try #require(list.items.first)
        #expect(t.id == "V7XC4olb3r7aaq416f2eWT")
        #expect(t.name == "welcome_message")
        #expect(t.category == .marketing)
        #expect(t.status == .approved)
        #expect(t.language == "de")
        #expect(t.rejectedReason == "NONE")
        #expect(t.qualityScore == QualityScore(reasons: nil, score: "UNKNOWN"))
        #expect(t.createdBy?.userId == "HmpUn8U")
        #expect(t.wabaAccountId == "uX3BECWA")
        #expect(t.components?.first?["type"] == "BODY")
    }

    @Test func balanceAmountsBecomeMinorUnits() throws {
        let b = try HubJSON.decode(ClientBalance.self, from: Fixture.data("balance"))
        #expect(b.currency == .eur)
        #expect(b.balance == Money(minorUnits: 1234, currency: .eur))
        #expect(b.lastRenewal?.amount == Money(minorUnits: 5000, currency: .eur))
        let u = try #require(b.usage.first)
        #expect(u.totalPrice == Money(minorUnits: 450, currency: .eur))
        #expect(u.quantity == 120 && u.paidQuantity == 100 && u.freeQuantity == 20)
        #expect(u.categories["marketing"]?.price == Money(minorUnits: 300, currency: .eur))
        #expect(u.categories["authentication"]?.quantity == 20)
        #expect(b.estimatedTemplateCost == Decimal(string: "0.05"))
    }

    @Test func balanceNullAndLowercaseCurrency() throws {
        let json = #"{"balance": null, "currency": "eur", "usage": []}"#
        let b = try HubJSON.decode(ClientBalance.self, from: Data(json.utf8))
        #expect(b.balance == nil)
        #expect(b.currency.code == "EUR")
    }

    @Test func partnerChangeRequests() throws {
        let list = try HubJSON.decode(ListEnvelope<PartnerChangeRequest>.self, from: Fixture.data("pcr_list"))
        #expect(list.sort == ["-created_at"]) // a single sort string is accepted
        #expect(list.items[0].status == .pending)
        #expect(list.items[0].channelIds == ["abOd1CH", "oe78HsCH"])
        #expect(list.items[0].updatedAt == Timestamp.parse("2024-01-02T09:00:00Z"))
        #expect(list.items[1].status == .unknown("rolled_back"))
        #expect(list.items[1].channelIds == ["abOd1CH"])
    }

    @Test func metaErrorBody() throws {
        let e = try HubJSON.decode(APIErrorBody.self, from: Fixture.data("error_meta"))
        #expect(e.meta.httpCode == 404)
        #expect(e.meta.developerMessage == "Some error")
        #expect(e.meta.details == ["client not found"])
        #expect(e.meta.errorData?.realMessage == "rm")
        #expect(e.summary == "Some error: client not found")
        let loose = try HubJSON.decode(APIErrorBody.self, from: Data(#"{"meta": {"http_code": 400, "details": "bad max_channels"}}"#.utf8))
        #expect(loose.meta.details == ["bad max_channels"])
    }

    @Test func itemWithoutIdIsAnErrorNamingTheField() throws {
        #expect(throws: MalformedResponse.self) { try HubJSON.decode(ListEnvelope<Channel>.self, from: Fixture.data("channel_without_id")) }
        let data = try Fixture.data("channel_without_id")
        do {
            _ = try HubJSON.decode(ListEnvelope<Channel>.self, from: data)
        } catch {
            #expect(error.path == "partner_channels[1].id")
            #expect(error.description.contains("partner_channels[1].id"))
            #expect(error.description.contains("missing"))
        }
    }

    @Test func malformedInputsAreReported() {
        let cases: [(String, String)] = [
            (#"{"count": 1, "partner_channels": [{"id": 42}]}"#, "partner_channels[0].id"),
            (#"{"count": 1}"#, "partner_channels"),
            (#"{"count": 1, "partner_channels": [{"id": "x", "setup_info": "oops"}]"#, ""),
        ]
        for (json, path) in cases {
            do {
                _ = try HubJSON.decode(ListEnvelope<Channel>.self, from: Data(json.utf8))
                Issue.record("decoded malformed input: \(json)")
            } catch {
                #expect(error.path == path, "\(json)")
            }
        }
        // Loose fields are read as "not known", not as a broken list (docs/domain.md).
        let loose = try? HubJSON.decode(ListEnvelope<Channel>.self, from: Data(#"{"partner_channels": [{"id": "a", "created_at": "yesterday", "setup_info": "oops"}]}"#.utf8))
        #expect(loose?.items.first?.createdAt == nil)
        #expect(loose?.items.first?.setupInfo == nil)
        #expect(throws: MalformedResponse.self) { try HubJSON.decode(ClientBalance.self, from: Data(#"{"balance": 1, "currency": "EURO"}"#.utf8)) }
    }

    @Test func everyModelEncodesBackToTheSameShape() throws {
        func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ fixture: String) throws {
            let original = try HubJSON.decode(type, from: Fixture.data(fixture))
            let encoded = try HubJSON.encode(original)
            let again = try HubJSON.decode(type, from: encoded)
            #expect(again == original, "\(fixture)")
        }
        try roundTrip(Partner.self, "partner")
        try roundTrip(APIErrorBody.self, "error_meta")
        try roundTrip(ClientBalance.self, "balance")
        let channels = try HubJSON.decode(ListEnvelope<Channel>.self, from: Fixture.data("channels_list"))
        let json = String(decoding: try HubJSON.encode(channels), as: UTF8.self)
        #expect(json.contains(#""partner_channels":["#))
        #expect(json.contains(#""phone_number":"4930609859535""#))
        #expect(json.contains(#""fb_account_status":"verified""#))
        #expect(json.contains(#""on_behalf_of_business_info":{"#))
        #expect(json.contains(#""waba_account_id":"DWLgd6WA""#))
        #expect(json.contains(#""modified_at":"2023-01-03T09:30:00Z""#))
        #expect(try HubJSON.decode(ListEnvelope<Channel>.self, from: Data(json.utf8)).items.first?.id == "abOd1CH")
        let balance = String(decoding: try HubJSON.encode(try HubJSON.decode(ClientBalance.self, from: Fixture.data("balance"))), as: UTF8.self)
        #expect(balance.contains(#""total_price":4.5"#))
        #expect(balance.contains(#""marketing_paid_quantity":50"#))
        #expect(balance.contains(#""balance":12.34"#))
        let templates = String(decoding: try HubJSON.encode(try HubJSON.decode(ListEnvelope<Template>.self, from: Fixture.data("templates_list"))), as: UTF8.self)
        #expect(templates.contains(#""waba_templates":["#) && templates.contains(#""rejected_reason":"NONE""#))
        let unknown = String(decoding: try HubJSON.encode(try HubJSON.decode(ListEnvelope<Client>.self, from: Fixture.data("clients_list"))), as: UTF8.self)
        #expect(unknown.contains(#""status":"blocked_by_meta""#))
    }

    @Test func listQueryEncodesFiltersAndSortAsTheAPIExpects() {
        let q = ListQuery(filters: ["id": "abOd1CH", "setup_info.phone_number": "4930609859535"], limit: 50, offset: 100, sort: ["created_at", "-modified_at"])
        let items = Dictionary(uniqueKeysWithValues: q.queryItems.map { ($0.name, $0.value ?? "") })
        #expect(items["filters"] == #"{"id":"abOd1CH","setup_info.phone_number":"4930609859535"}"#)
        #expect(items["limit"] == "50")
        #expect(items["offset"] == "100")
        #expect(items["sort"] == "created_at,-modified_at")
        #expect(ListQuery().queryItems.isEmpty)
    }
}

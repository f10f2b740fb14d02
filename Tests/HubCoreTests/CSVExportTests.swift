import Foundation
import Testing
@testable import HubCore

@Suite struct CSVExportTests {
    @Test func headerIsTheHubs() {
        #expect(CSVExport.render([]) == "Company legal name,WhatsApp number,Contact email,Message on behalf,Meta business verification,Number registration\r\n")
    }

    @Test func quotingFollowsRFC4180() {
        #expect(CSVExport.quote("plain") == "plain")
        #expect(CSVExport.quote("Acme, Inc.") == "\"Acme, Inc.\"")
        #expect(CSVExport.quote("The \"Best\" Shop") == "\"The \"\"Best\"\" Shop\"")
        #expect(CSVExport.quote("two\nlines") == "\"two\nlines\"")
        #expect(CSVExport.quote("cr\r\nlf") == "\"cr\r\nlf\"")
        #expect(CSVExport.quote("Café 中文 🚀") == "Café 中文 🚀")
    }

    @Test func rowsFromChannelsAndClients() {
        var ch = makeChannel("1CH", phone: "4930609859535", name: "Shop", client: "aCL", live: false, fb: .pending)
        ch.integration = Integration(appId: "1", state: "created")
        let client = Client(id: "aCL", name: "Acme", organisation: "Acme, \"Inc.\"", contactInfo: ContactInfo(email: "ops@acme.example"))
        let csv = CSVExport.render(CSVExport.rows(channels: [ch], clients: ["aCL": client]))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[1] == "\"Acme, \"\"Inc.\"\"\",+4930609859535,ops@acme.example,Approved,Pending,Pending")
        #expect(lines.count == 3 && lines[2].isEmpty)
        // UTF-8 bytes survive.
        let utf8 = CSVExport.render([CSVExport.Row(companyLegalName: "Müller 中文", whatsAppNumber: "+1", contactEmail: "",
                                                   messageOnBehalf: "", metaBusinessVerification: "", numberRegistration: "")])
        #expect(Data(utf8.utf8).count > utf8.count)
        #expect(String(decoding: Data(utf8.utf8), as: UTF8.self) == utf8)
    }

    @Test func companyFallsBackToTheChannelsClient() {
        var ch = makeChannel("1CH", phone: "1", name: "x", client: "gone")
        ch.client = ChannelClient(id: "gone", name: "Name only", contactInfo: ContactInfo(email: "a@b.c"))
        let row = CSVExport.row(channel: ch, client: nil)
        #expect(row.companyLegalName == "Name only" && row.contactEmail == "a@b.c")
    }
}

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

/// Spreadsheet safety and control characters (docs/export.md).
@Suite struct CSVSafetyTests {
    @Test func formulaStartsBecomeTextInTheSafeForm() {
        for cell in ["=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|'x'!A0", "@SUM(A1:A9)", "\u{9}=x", "=HYPERLINK(\"http://e\")"] {
            #expect(CSVExport.cell(cell).hasPrefix("'"), "\(cell)")
            #expect(!CSVExport.cell(cell, .raw).hasPrefix("'"), "raw: \(cell)")
        }
        // Plain numbers cannot carry a formula: the phone column stays exact.
        for plain in ["+4930609859535", "-12.50", "12 345", "+49 30 609859535"] {
            #expect(CSVExport.cell(plain) == plain, "\(plain)")
        }
        #expect(CSVExport.cell("Acme = good") == "Acme = good")
    }

    @Test func controlCharactersAreAlwaysRemoved() {
        let hostile = "Shop\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}x\u{2028}y\u{0}z"
        for options in [CSVExport.Options.safe, .raw] {
            let out = CSVExport.cell(hostile, options)
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x2028 })
            #expect(out.hasPrefix("Shop"))
        }
    }

    /// Found by fuzzing: a combining mark after a quote or a comma (one Character, two scalars).
    @Test func combiningMarksDoNotHideQuotesOrCommas() {
        #expect(CSVExport.quote("a\"\u{0743}b") == "\"a\"\"\u{0743}b\"")
        let row = CSVExport.Row(companyLegalName: "=cmd\u{0E}\u{0743}", whatsAppNumber: "\u{0}\u{0743}", contactEmail: "x\"\u{301}",
                                messageOnBehalf: ",\u{301}", metaBusinessVerification: "", numberRegistration: "")
        let parsed = CSVReader.parse(CSVExport.render([row]))
        #expect(parsed.count == 2 && parsed[1] == row.fields.map { CSVExport.cell($0) })
    }

    @Test func aBOMOnlyWhenAsked() {
        #expect(!CSVExport.render([]).hasPrefix("\u{FEFF}"))
        #expect(CSVExport.render([], options: CSVExport.Options(bom: true)).hasPrefix("\u{FEFF}"))
    }

    /// Written then read back with an RFC 4180 reader: the same fields (after cleaning), one row each.
    @Test func roundTripsThroughACSVReader() {
        let rows = (0..<50).map { i in
            CSVExport.Row(companyLegalName: ["Acme, Inc.", "The \"Best\" Shop", "two\nlines", "=evil()", "Café 中文 🚀"][i % 5] + " \(i)",
                          whatsAppNumber: "+4930\(i)", contactEmail: "a\(i)@x.example", messageOnBehalf: "Approved",
                          metaBusinessVerification: "Pending", numberRegistration: "Unknown")
        }
        let parsed = CSVReader.parse(CSVExport.render(rows))
        #expect(parsed.count == rows.count + 1)
        for (row, fields) in zip(rows, parsed.dropFirst()) {
            #expect(fields == row.fields.map { CSVExport.cell($0) })
        }
    }
}

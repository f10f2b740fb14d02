import Foundation
import HubCore

// libFuzzer entry points over the parsers that take server or file input (scripts/fuzz.sh
// builds one binary; PARTNERHUB_FUZZ_TARGET picks the target). A target fails only by
// crashing: every input must give a value or a typed error, and what is written must read back.

let target = ProcessInfo.processInfo.environment["PARTNERHUB_FUZZ_TARGET"] ?? "decoders"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    let text = String(decoding: data, as: UTF8.self)
    switch target {
    case "decoders":
        _ = try? HubJSON.decode(ListEnvelope<Channel>.self, from: data).items.map { ($0.statusDecision(), ActivationStatuses(channel: $0)) }
        _ = try? HubJSON.decode(ListEnvelope<Client>.self, from: data)
        _ = try? HubJSON.decode(ClientBalance.self, from: data)
        _ = try? HubJSON.decode(APIErrorBody.self, from: data).summary
        _ = try? HubJSON.decode(ChannelFunds.self, from: data)
        _ = try? HubJSON.decode(ListEnvelope<PartnerChangeRequest>.self, from: data)
        _ = try? HubJSON.decode(ListEnvelope<Template>.self, from: data)
    case "money":
        if let m = try? Money.parse(text) {
            // What is printed parses back to the same amount.
            guard let back = try? Money.parse(m.description), back == m else { fatalError("Money round trip: \(m)") }
        }
        _ = TopUpAmount.parse(text, currency: .eur)
        if let yen = Currency(code: "JPY") { _ = TopUpAmount.parse(text, currency: yen) }
    case "csv":
        let fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var row = Array(fields.prefix(6))
        while row.count < 6 { row.append("") }
        let r = CSVExport.Row(companyLegalName: row[0], whatsAppNumber: row[1], contactEmail: row[2],
                              messageOnBehalf: row[3], metaBusinessVerification: row[4], numberRegistration: row[5])
        let parsed = CSVReader.parse(CSVExport.render([r]))
        guard parsed.count == 2, parsed[1] == r.fields.map({ CSVExport.cell($0) }) else { fatalError("CSV round trip: \(row)") }
    case "scenario":
        if let s = try? HubJSON.decode(SandboxScenario.self, from: data) { _ = s.problems() }
        _ = SandboxScenario.syntaxError(data)
    case "text":
        let safe = Sanitizer.oneLine(text, max: 80)
        guard !safe.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { fatalError("unsafe: \(safe)") }
        _ = Timestamp.parse(text).map(Timestamp.format)
        _ = DisplayWidth.of(text)
    default:
        break
    }
    return 0
}

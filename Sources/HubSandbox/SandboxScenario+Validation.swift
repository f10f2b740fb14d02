import Foundation
import HubCore

// Loading a scenario file strictly, like config.toml: a file that cannot be read, JSON that is
// not JSON (with its line and column), a field of the wrong shape, and every value the sandbox
// would otherwise take loosely (an unknown state silently live, a negative max_channels, an
// unknown payment model, duplicate IDs merged, amounts that do not parse) is an error naming
// the file and the place in the document.
extension SandboxScenario {
    /// The channel states a scenario may ask for (docs/sandbox.md, "Scenario files").
    public static let states: Set<String> = ["live", "pending", "draft", "sandbox", "pending_deletion", "error", "unregistered", "walking"]

    public static func load(path: String) throws -> SandboxScenario {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ScenarioError(path: path, message: exists ? "cannot be read" : "no such file")
        }
        let scenario: SandboxScenario
        do {
            scenario = try HubJSON.decode(SandboxScenario.self, from: data)
        } catch {
            throw ScenarioError(path: path, message: Self.syntaxError(data) ?? Self.shapeError(error))
        }
        let problems = scenario.problems()
        if !problems.isEmpty {
            let shown = problems.prefix(20).joined(separator: "\n\(path): ")
            throw ScenarioError(path: path, message: shown + (problems.count > 20 ? "\n\(path): and \(problems.count - 20) more" : ""))
        }
        return scenario
    }

    /// "line 3, column 12: not valid JSON" when the bytes are not JSON at all.
    static func syntaxError(_ data: Data) -> String? {
        do { _ = try JSONSerialization.jsonObject(with: data); return nil } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            guard let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(text[range].dropFirst("character ".count)) else { return "not valid JSON" }
            var line = 1, column = 1
            for (i, byte) in data.enumerated() {
                if i >= offset { break }
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return "line \(line), column \(column): not valid JSON"
        }
    }

    /// The decoder's complaint, with the path as the file writes it (`clients[0].channels[1].state`).
    static func shapeError(_ error: MalformedResponse) -> String {
        error.path.isEmpty ? error.reason : "\(error.path): \(error.reason)"
    }

    /// Every value that would be taken loosely, with where it is.
    public func problems() -> [String] {
        var out: [String] = []
        if partner.id.trimmingCharacters(in: .whitespaces).isEmpty { out.append("partner.id: is empty") }
        var clientIds = Set<String>(), channelIds = Set<String>(), phones = Set<String>()
        for (i, client) in clients.enumerated() {
            let at = "clients[\(i)]"
            if client.id.isEmpty { out.append("\(at).id: is empty") }
            if !clientIds.insert(client.id).inserted { out.append("\(at).id: \"\(client.id)\" is used by another client") }
            if let m = client.paymentModel, !m.isKnown { out.append("\(at).payment_model: \"\(m.rawValue)\" is not direct or partner") }
            if let max = client.maxChannels, !(1...100).contains(max) { out.append("\(at).max_channels: \(max) is not between 1 and 100") }
            if let max = client.maxChannels, max >= 1, client.channels.count > max {
                out.append("\(at).max_channels: \(max) is below its \(client.channels.count) channels")
            }
            for (j, c) in client.channels.enumerated() {
                let here = "\(at).channels[\(j)]"
                if c.id.isEmpty { out.append("\(here).id: is empty") }
                if !channelIds.insert(c.id).inserted { out.append("\(here).id: \"\(c.id)\" is used by another channel") }
                let digits = c.phoneNumber.filter(\.isNumber)
                if !(8...15).contains(digits.count) || c.phoneNumber.contains(where: { !($0.isNumber || "+ -()".contains($0)) }) {
                    out.append("\(here).phone_number: \"\(c.phoneNumber)\" is not a phone number (8 to 15 digits, E.164)")
                } else if !phones.insert(digits).inserted {
                    out.append("\(here).phone_number: \(c.phoneNumber) is used by another channel")
                }
                if !Self.states.contains(c.state) {
                    out.append("\(here).state: \"\(c.state)\" is not one of \(Self.states.sorted().joined(separator: ", "))")
                }
                if let h = c.hosting, HostingPlatform(channelType: h) == .unknown {
                    out.append("\(here).hosting: \"\(h)\" is not cloud_api or on_premise")
                }
                out += moneyProblems(c, at: here)
            }
        }
        return out.map { Sanitizer.oneLine($0, max: 300) }
    }

    /// Amounts that do not parse, payment IDs used twice, and money of one number in several
    /// currencies (one number is billed in one currency; summing them would be wrong).
    func moneyProblems(_ c: ChannelSpec, at here: String) -> [String] {
        var out: [String] = []
        var currencies = Set<String>()
        var amounts: [(String, String?)] = [("balance", c.balance), ("usage_since_latest_payment", c.usageSinceLatestPayment)]
        var paymentIds = Set<String>()
        for (k, p) in (c.payments ?? []).enumerated() {
            amounts += [("payments[\(k)].amount", p.amount), ("payments[\(k)].fee", p.fee)]
            if !paymentIds.insert(p.id).inserted { out.append("\(here).payments[\(k)].id: \"\(p.id)\" is used twice") }
        }
        for case let (field, text?) in amounts {
            do { currencies.insert(try Money.parse(text).currency.code) } catch {
                out.append("\(here).\(field): \"\(text)\": \(error.description) (channel \(c.id))")
            }
        }
        if currencies.count > 1 {
            out.append("\(here): channel \(c.id): its money is in several currencies (\(currencies.sorted().joined(separator: ", "))); one number is billed in one currency")
        }
        return out
    }
}

import Foundation

/// The accounts CSV of the WhatsApp Accounts page (C4): RFC 4180 (CRLF line ends, fields with
/// commas, quotes or line breaks quoted, quotes doubled), UTF-8.
///
/// Cells hold server text, so two things are done to them (docs/export.md):
/// - control characters are always removed: escape sequences, C0/C1 controls, NUL, bidi
///   overrides and line separators (a file or a terminal showing it must not be steered);
/// - spreadsheet formula injection: in the safe form (the default of the CLI and the TUI) a cell
///   that starts with `=`, `+`, `-` or `@` (after blanks; tabs and CRs become blanks) and is not a plain number gets a leading `'`,
///   so Excel, LibreOffice and Sheets show it as text instead of running it. Plain numbers such
///   as `+4930609859535` cannot carry a formula and stay as they are. `--raw` writes cells
///   exactly (for machines). A UTF-8 BOM is optional (`--bom`), off by default.
public enum CSVExport {
    public struct Options: Hashable, Sendable {
        public var formulaSafe: Bool
        public var bom: Bool

        public init(formulaSafe: Bool = true, bom: Bool = false) {
            self.formulaSafe = formulaSafe
            self.bom = bom
        }

        public static let safe = Options()
        public static let raw = Options(formulaSafe: false)
    }

    public static let header = ["Company legal name", "WhatsApp number", "Contact email",
                                "Message on behalf", "Meta business verification", "Number registration"]

    public struct Row: Hashable, Sendable {
        public var companyLegalName: String
        public var whatsAppNumber: String
        public var contactEmail: String
        public var messageOnBehalf: String
        public var metaBusinessVerification: String
        public var numberRegistration: String

        public init(companyLegalName: String, whatsAppNumber: String, contactEmail: String, messageOnBehalf: String,
                    metaBusinessVerification: String, numberRegistration: String) {
            self.companyLegalName = companyLegalName
            self.whatsAppNumber = whatsAppNumber
            self.contactEmail = contactEmail
            self.messageOnBehalf = messageOnBehalf
            self.metaBusinessVerification = metaBusinessVerification
            self.numberRegistration = numberRegistration
        }

        public var fields: [String] {
            [companyLegalName, whatsAppNumber, contactEmail, messageOnBehalf, metaBusinessVerification, numberRegistration]
        }
    }

    /// One row per channel; company and email come from the client when it is known.
    public static func row(channel: Channel, client: Client?) -> Row {
        let statuses = ActivationStatuses(channel: channel)
        let company = channel.companyLegalName(client: client)
        let email = client?.contactInfo?.email.nonEmpty ?? channel.client?.contactInfo?.email.nonEmpty
            ?? client?.contactUser?.email.nonEmpty ?? ""
        return Row(companyLegalName: company,
                   whatsAppNumber: channel.phoneNumberE164 ?? "",
                   contactEmail: email,
                   messageOnBehalf: statuses.messageOnBehalf.label(for: .messageOnBehalf),
                   metaBusinessVerification: statuses.metaBusinessVerification.label(for: .metaBusinessVerification),
                   numberRegistration: statuses.numberRegistration.label(for: .numberRegistration))
    }

    /// Rows in a stable order: by company, then number.
    public static func rows(channels: [Channel], clients: [String: Client]) -> [Row] {
        channels.map { row(channel: $0, client: $0.resolvedClientId.flatMap { clients[$0] }) }
            .sorted { ($0.companyLegalName, $0.whatsAppNumber) < ($1.companyLegalName, $1.whatsAppNumber) }
    }

    public static func render(_ rows: [Row], options: Options = .safe) -> String {
        head(options) + renderRows(rows[...], options: options)
    }

    /// The BOM (when asked for) and the header line.
    public static func head(_ options: Options = .safe) -> String { (options.bom ? "\u{FEFF}" : "") + headerLine }

    public static var headerLine: String { line(header, .raw) }

    /// Rows without the header: a large export is written in chunks.
    public static func renderRows(_ rows: ArraySlice<Row>, options: Options = .safe) -> String {
        var out = ""
        for r in rows { out += line(r.fields, options) }
        return out
    }

    static func line(_ fields: [String], _ options: Options) -> String {
        fields.map { quote(cell($0, options)) }.joined(separator: ",") + "\r\n"
    }

    /// A cell's text as written: controls removed; in the safe form, a would-be formula made text.
    public static func cell(_ text: String, _ options: Options = .safe) -> String {
        let clean = Sanitizer.terminalSafe(text)
        // Some spreadsheet programs skip leading blanks before reading a formula.
        let start = clean.unicodeScalars.first { $0 != " " }
        guard options.formulaSafe, let first = start, "=+-@".unicodeScalars.contains(first),
              !isPlainNumber(clean.trimmingCharacters(in: .whitespaces)) else { return clean }
        return "'" + clean
    }

    /// `+4930609859535`, `-12.50`, `12 345`: digits with a sign, spaces or separators only.
    static func isPlainNumber(_ s: String) -> Bool {
        var digits = 0
        for (i, ch) in s.enumerated() {
            if ch.isASCII && ch.isNumber { digits += 1; continue }
            if i == 0 && (ch == "+" || ch == "-") { continue }
            if ch == " " || ch == "." || ch == "," { continue }
            return false
        }
        return digits > 0
    }

    /// Quoted when it holds a comma, a quote or a line break. Checked per Unicode scalar, not
    /// per Character: a combining mark after a quote makes one Character that is not `"`, and
    /// the raw quote would break the row (found by fuzzing).
    public static func quote(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for s in field.unicodeScalars {
            if s == "\"" { out.append("\"") }
            out.append(s)
        }
        out.append("\"")
        return String(out)
    }
}

import ArgumentParser
import Foundation
import HubCore

/// `--filter`, `--sort`, `--limit`, `--offset`, `--json` of the list commands.
struct ListOptions: ParsableArguments {
    @Option(help: "Filters as JSON with dotted keys, e.g. '{\"id\":\"abOd1CH\"}'.") var filter: String?
    @Option(help: "Sort keys, comma-separated; '-' for descending (write --sort=-created_at).") var sort: String?
    @Option(help: "One page of this many; without --limit/--offset every page is fetched.") var limit: Int?
    @Option var offset: Int?
    @Flag(help: "Print JSON in the API's list shape.") var json = false

    func fetch<Item>(_ call: @Sendable (ListQuery) async throws -> ListEnvelope<Item>) async throws -> ListEnvelope<Item> {
        let query = try ListQueryOptions.make(filter: filter, sort: sort, limit: limit, offset: offset)
        return try await ListQueryOptions.fetch(query, paged: limit != nil || offset != nil, call)
    }
}

struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clients", abstract: "List the partner's clients.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var list: ListOptions

    func run() async throws {
        let service = try Connection.resolve(connection).service
        let list = try await self.list.fetch { try await service.listClients($0) }
        if self.list.json { return try printJSON(list) }
        printOut(TextTable(header: ["ID", "Company legal name", "Name", "Status", "Max", "Payment", "Email"], rows: list.items.map {
            [$0.id, $0.organisation ?? "", $0.name ?? "", $0.status?.rawValue ?? "", $0.maxChannels.map(String.init) ?? "",
             $0.paymentModel?.rawValue ?? "not configured", $0.contactInfo?.email ?? ""]
        }).render())
        printOut("\(list.count) of \(list.total) clients\n")
    }
}

struct ChannelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "channels", abstract: "List the partner's channels (numbers).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var list: ListOptions

    func run() async throws {
        let service = try Connection.resolve(connection).service
        let list = try await self.list.fetch { try await service.listChannels($0) }
        if self.list.json { return try printJSON(list) }
        // The company comes from the client list, as on the cards and in the CSV: the client
        // embedded in a channel is often a placeholder.
        let clients = Dictionary(try await service.allClients().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        printOut(TextTable(header: ["ID", "WhatsApp number", "Display name", "Company", "Status", "Hosting Platform Type", "Client"], rows: list.items.map {
            let client = $0.resolvedClientId.flatMap { clients[$0] }
            let l = $0.lifecycle(directPayment: client?.isDirectPayment ?? false)
            return [$0.id, $0.phoneNumberE164 ?? "", $0.displayName ?? "", $0.companyLegalName(client: client),
                    l.label, $0.hostingPlatform.description, $0.resolvedClientId ?? ""]
        }).render())
        printOut("\(list.count) of \(list.total) channels\n")
    }
}

struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Balance and usage of a direct-payment client.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Client ID (…CL).", completion: IDCompletion.completion(.client)) var clientId: String
    @Option(help: "Usage from this month (1-12); needs --year.") var month: Int?
    @Option(help: "Usage from this year.") var year: Int?
    @Flag(help: "Print the API's JSON.") var json = false

    func validate() throws {
        guard !clientId.isEmpty, clientId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ValidationError("\"\(clientId)\" is not a client ID (letters and digits, like 3CpBg3xvCL)")
        }
        if (month == nil) != (year == nil) { throw ValidationError("--month and --year go together") }
        if let m = month, !(1...12).contains(m) { throw ValidationError("--month must be 1..12") }
    }

    func run() async throws {
        let service = try Connection.resolve(connection).service
        let period: BalancePeriod = month.map { .fromMonth(month: $0, year: year!) } ?? .currentMonth
        let b = try await service.clientBalance(clientId: clientId, period: period)
        if json { return try printJSON(b) }
        var rows: [[String]] = [["Balance", b.balance?.description ?? "—"], ["Currency", b.currency.code]]
        if let r = b.lastRenewal { rows.append(["Last renewal", [r.amount?.description, r.date.map(Timestamp.format)].compactMap { $0 }.joined(separator: " on ")]) }
        for u in b.usage {
            rows.append(["Usage " + (u.periodDate.map { String(Timestamp.format($0).prefix(7)) } ?? ""),
                         "\(u.totalPrice) for \(u.quantity ?? 0) conversations (\(u.paidQuantity ?? 0) paid, \(u.freeQuantity ?? 0) free)"])
        }
        printOut(TextTable(header: ["Client \(clientId)", ""], rows: rows, maxColumnWidth: 80).render())
    }
}

struct ExportCSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-csv", abstract: "Export all accounts as CSV (the Hub's columns).",
                                                    discussion: "Cells are safe for spreadsheets by default: one that would start a formula (=, +, -, @) gets a leading ' (docs/export.md).")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Write to this file instead of stdout.") var output: String?
    @Flag(help: "Write cells exactly as they are, without the spreadsheet formula guard (control characters are still removed).") var raw = false
    @Flag(help: "Start with a UTF-8 byte order mark, for spreadsheet programs that need one.") var bom = false

    func run() async throws {
        let service = try Connection.resolve(connection).service
        async let channels = service.allChannels()
        async let clients = service.allClients()
        let byId = Dictionary(try await clients.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = CSVExport.rows(channels: try await channels, clients: byId)
        let csv = CSVExport.render(rows, options: CSVExport.Options(formulaSafe: !raw, bom: bom))
        guard let output else { return printOut(csv) }
        do {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("partnerhub: cannot write \(Sanitizer.oneLine(output)): \((error as NSError).localizedDescription)")
            throw ExitCode(ExitStatus.apiError)
        }
        // Rows, not line breaks: a quoted cell may hold one.
        printError("Wrote \(rows.count) accounts to \(Sanitizer.oneLine(output))")
    }
}

enum ListQueryOptions {
    static func make(filter: String?, sort: String?, limit: Int?, offset: Int?) throws -> ListQuery {
        var q = ListQuery()
        if let filter {
            guard let v = try? JSONDecoder().decode(JSONValue.self, from: Data(filter.utf8)), case .object(let o) = v else {
                throw ValidationError("--filter must be a JSON object, e.g. '{\"id\":\"abOd1CH\"}'")
            }
            q.filters = o
        }
        if let sort { q.sort = sort.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if let limit { guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }; q.limit = limit }
        if let offset { guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }; q.offset = offset }
        return q
    }

    /// One page when paging was asked for; otherwise every page (`Paging`: bounded, de-duplicated),
    /// in the same envelope shape, its total what was collected.
    static func fetch<Item: ListItem>(_ query: ListQuery, paged: Bool, _ call: (ListQuery) async throws -> ListEnvelope<Item>) async throws -> ListEnvelope<Item> {
        if paged {
            var page = try await call(query)
            // A page never holds more than was asked, nor twice the same item; `total` is at least what came.
            var seen = Set<String>()
            page.items = Array(page.items.filter { seen.insert($0.id).inserted }.prefix(query.limit ?? Int.max))
            page.count = page.items.count
            page.total = max(page.total, query.offset + page.items.count)
            return page
        }
        let items = try await Paging.walk(pageSize: 1000, query: query, call)
        var all = query
        all.limit = items.count
        return ListEnvelope(items: items, total: items.count, query: all)
    }
}

/// A plain text table for the headless commands: columns as wide as their content (up to a
/// cap), text sanitised and measured in terminal cells.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public var maxColumnWidth: Int

    public init(header: [String], rows: [[String]], maxColumnWidth: Int = 40) {
        self.header = header
        self.rows = rows
        self.maxColumnWidth = maxColumnWidth
    }

    public func render() -> String {
        let clean = rows.map { $0.map(Sanitizer.terminalSafe) }
        var widths = header.map(DisplayWidth.of)
        for r in clean {
            for (i, cell) in r.enumerated() where i < widths.count { widths[i] = min(maxColumnWidth, max(widths[i], DisplayWidth.of(cell))) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                parts.append(i == widths.count - 1 ? DisplayWidth.truncate(cell, to: w) : DisplayWidth.fit(cell, to: w))
            }
            return parts.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        for r in clean { out += line(r) + "\n" }
        return out
    }
}

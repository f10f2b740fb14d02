/// Label and value pairs to check before confirming ("Client", "Number", "New max channels").
public struct ReviewTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var label: String
        public var value: String
        public var emphasis: Emphasis

        public init(_ label: String, _ value: String, emphasis: Emphasis = .normal) {
            self.label = label
            self.value = value
            self.emphasis = emphasis
        }
    }

    public var rows: [Row]

    public init(_ rows: [Row]) { self.rows = rows }
}

/// How a line of a dialog stands out; the theme decides the colours.
public enum Emphasis: String, Equatable, Sendable { case normal, muted, good, warning, bad, strong }

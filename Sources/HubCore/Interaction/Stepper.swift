/// Where a multi-step flow is: "Company › Destination › Numbers › Terms", the current one marked.
public struct Stepper: Equatable, Sendable {
    public var steps: [String]
    public var current: Int

    public init(_ steps: [String], current: Int = 0) {
        self.steps = steps
        self.current = min(max(0, current), max(0, steps.count - 1))
    }

    public mutating func next() { current = min(current + 1, steps.count - 1) }
    public mutating func back() { current = max(0, current - 1) }
    public var isFirst: Bool { current == 0 }
    public var isLast: Bool { current == steps.count - 1 }
}

import Foundation

/// Why something could not be read (issue 27): what the runtime hands the reducer instead of
/// an error turned into a string, so each feature words it (pure and tested) and a Hub-only
/// step is never shown as a failure.
public enum Problem: Hashable, Sendable, CustomStringConvertible {
    /// The public Partner API does not offer it: the Hub does, at `url`.
    case hubOnly(url: String)
    /// Nothing has that ID.
    case notFound
    /// Anything else, in the server's or the transport's words (one sanitised line).
    case failed(String)

    public init(_ error: any Error) {
        switch error as? ServiceError {
        case .unavailable(_, let url)?: self = .hubOnly(url: url)
        case .notFound?, .api(status: 404, _)?: self = .notFound
        case let e?: self = .failed(e.description)
        case nil: self = .failed(Sanitizer.oneLine(String(describing: error), max: 400))
        }
    }

    public var description: String {
        switch self {
        case .hubOnly(let url): return "not in the Partner API; the Hub has it: \(url)"
        case .notFound: return "not found"
        case .failed(let m): return m
        }
    }
}

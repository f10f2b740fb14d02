/// The Partner API's error body `{"meta": {...}}` (reference §9).
public struct APIErrorBody: Codable, Hashable, Sendable {
    public var meta: Meta

    public init(httpCode: Int, developerMessage: String, details: [String]? = nil) {
        meta = Meta(success: false, httpCode: httpCode, developerMessage: developerMessage, details: details)
    }

    public struct Meta: Codable, Hashable, Sendable {
        public var success: Bool?
        public var httpCode: Int?
        public var developerMessage: String?
        public var details: [String]?
        public var errorData: ErrorData?

        public init(success: Bool?, httpCode: Int?, developerMessage: String?, details: [String]? = nil, errorData: ErrorData? = nil) {
            self.success = success
            self.httpCode = httpCode
            self.developerMessage = developerMessage
            self.details = details
            self.errorData = errorData
        }

        enum CodingKeys: String, CodingKey { case success, httpCode, developerMessage, details, errorData }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            success = try? c.decodeIfPresent(Bool.self, forKey: .success)
            httpCode = try? c.decodeIfPresent(Int.self, forKey: .httpCode)
            developerMessage = try? c.decodeIfPresent(String.self, forKey: .developerMessage)
            // `details` is a list of strings in the docs; tolerate a single string or an object.
            if let list = try? c.decodeIfPresent([String].self, forKey: .details) {
                details = list
            } else if let one = try? c.decodeIfPresent(String.self, forKey: .details) {
                details = [one]
            } else if let any = try? c.decodeIfPresent(JSONValue.self, forKey: .details), any != .null {
                details = [String(describing: any)]
            }
            errorData = try? c.decodeIfPresent(ErrorData.self, forKey: .errorData)
        }
    }

    public struct ErrorData: Codable, Hashable, Sendable {
        public var code: String?
        public var message: String?
        public var realMessage: String?
        public var status: Int?
    }

    /// One line for an agent: the developer message and details, sanitised and shortened
    /// (a hostile server's message must not retitle or clear the terminal, nor fill it).
    public var summary: String {
        var text = meta.developerMessage ?? "HTTP \(meta.httpCode ?? 0)"
        if let details = meta.details, !details.isEmpty { text += ": " + details.prefix(5).joined(separator: "; ") }
        return Sanitizer.oneLine(text, max: 300)
    }
}

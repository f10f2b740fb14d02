import AsyncHTTPClient
import Foundation
import HubCore
import NIOCore
import NIOHTTP1

public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String, url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponseSpec: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One HTTP exchange. The real one uses AsyncHTTPClient; tests may count or fake requests.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequestSpec, timeout: TimeInterval) async throws -> HTTPResponseSpec
}

public struct AsyncHTTPTransport: HTTPTransport {
    /// Bodies larger than this are refused rather than buffered: a page of 1,000 channels is
    /// about 1.5 MB, so 16 MB is far above any honest answer and bounds what a hostile one costs.
    public var maxBody = 16 << 20

    /// One client for the process. AsyncHTTPClient would otherwise retry a refused connection
    /// until the deadline; our retry loop decides about retries, so connection errors come back at once.
    static let client: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.connectionPool.retryConnectionEstablishment = false
        config.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }()

    public init() {}

    public func send(_ spec: HTTPRequestSpec, timeout: TimeInterval) async throws -> HTTPResponseSpec {
        var request = HTTPClientRequest(url: spec.url)
        request.method = HTTPMethod(rawValue: spec.method)
        for (name, value) in spec.headers { request.headers.add(name: name, value: value) }
        if let body = spec.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await Self.client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let buffer = try await response.body.collect(upTo: maxBody)
            var headers: [String: String] = [:]
            for h in response.headers { headers[h.name.lowercased()] = h.value }
            return HTTPResponseSpec(status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: throw ServiceError.timeout
            case .cancelled: throw CancellationError()
            default: throw ServiceError.transport(TransportErrorText.describe(error, url: spec.url))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as ServiceError {
            throw error
        } catch {
            // Body cut short mid-stream and similar: a network error, never the raw error dump.
            throw ServiceError.transport(TransportErrorText.describe(error, url: spec.url))
        }
    }
}

/// A network failure in one line an agent can act on: no type dumps, no build paths.
enum TransportErrorText {
    static func describe(_ error: Error, url: String) -> String {
        let raw = String(reflecting: error) + " " + String(describing: type(of: error))
        let lower = raw.lowercased()
        let where_ = URL(string: url).map { u in (u.host ?? "?") + (u.port.map { ":\($0)" } ?? "") } ?? "the server"
        if lower.contains("toomanybytes") {
            return "the answer from \(where_) was larger than 16 MB: refused"
        }
        if lower.contains("connectionrefused") || lower.contains("connection refused") || lower.contains("econnrefused") {
            return "cannot connect to \(where_) (connection refused)"
        }
        if lower.contains("ssl") || lower.contains("tls") || lower.contains("handshake") {
            return "TLS with \(where_) failed (is it a plain-HTTP server? then use an http:// base URL)"
        }
        if lower.contains("resolution") || lower.contains("getaddrinfo") || lower.contains("unknown host") {
            return "cannot resolve \(where_)"
        }
        if lower.contains("remoteconnectionclosed") || lower.contains("connection reset") {
            return "\(where_) closed the connection"
        }
        // Anything else: the error's words without file paths, cut short.
        let words = String(describing: error).split(separator: " ").filter { !$0.contains(".swift") && !$0.hasPrefix("/") }
        return Sanitizer.oneLine("network error with \(where_): " + words.joined(separator: " "), max: 200)
    }
}

import Foundation
import HubCore

extension HTTPPartnerService {
    enum Auth {
        case partner
        case d360(String)
        case none
    }

    struct Empty: Encodable {}

    /// One API call with retries. GET, PUT, DELETE and calls carrying an Idempotency-Key are
    /// retried on transient failures (5xx, timeouts, network, malformed bodies) with full-jitter
    /// backoff; any call is retried after a 429, once `Retry-After` has passed; a 401 renews the
    /// bearer token once. `spacing`: every attempt, retries included, waits for its slot under
    /// that per-key limit. `attempts`: at most this many (default `config.maxAttempts`).
    func call<T: Decodable>(_ method: String, _ path: String, query: [URLQueryItem] = [], base: String? = nil,
                            body: (some Encodable)? = Empty?.none, idempotent: Bool? = nil, idempotencyKey: String? = nil,
                            auth: Auth = .partner, spacing: (key: String, interval: TimeInterval)? = nil,
                            attempts: Int? = nil) async throws -> T {
        try await call(method, path, query: query, base: base, body: body, idempotent: idempotent, idempotencyKey: idempotencyKey,
                       auth: auth, spacing: spacing, attempts: attempts, decode: { (data) throws(MalformedResponse) -> T in
                           let value = try HubJSON.decode(T.self, from: data)
                           return ((value as? any WireSized)?.withWireBytes(data.count) as? T) ?? value
                       })
    }

    /// The same with its own decoding of a 2xx body (the channel pages decode only what changed).
    func call<T>(_ method: String, _ path: String, query: [URLQueryItem] = [], base: String? = nil,
                 body: (some Encodable)? = Empty?.none, idempotent: Bool? = nil, idempotencyKey: String? = nil,
                 auth: Auth = .partner, spacing: (key: String, interval: TimeInterval)? = nil,
                 attempts: Int? = nil, decode: (Data) throws(MalformedResponse) -> T) async throws -> T {
        // Reads retry here; a change is sent once: the operation pipeline is its one retry
        // layer (it owns the intent's key and the ledger), so one refund is never 4 x 3 sends.
        let maxAttempts = attempts ?? (method == "GET" ? config.maxAttempts : 1)
        let retryable = idempotent ?? (method == "GET" || idempotencyKey != nil)
        var components = URLComponents(string: (base ?? config.baseURL) + path)
        if !query.isEmpty { components?.queryItems = query }
        // `+` in a filter value would read as a space.
        let encodedQuery = components?.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components?.percentEncodedQuery = encodedQuery
        guard let url = components?.url?.absoluteString else { throw ServiceError.transport("bad URL for \(path)") }
        let payload = try body.map { try HubJSON.encode($0) }
        var renewed = false
        var attempt = 0
        while true {
            try Task.checkCancellation()
            if let spacing { try await pace(pacer.reserveSpaced(spacing.key, interval: spacing.interval, now: now())) }
            attempt += 1
            var headers: [(String, String)] = [("Accept", "application/json"), ("User-Agent", "partnerhub")]
            if payload != nil { headers.append(("Content-Type", "application/json")) }
            if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
            switch auth {
            case .partner: headers.append(try await authHeader())
            case .d360(let key): headers.append(("D360-API-KEY", key))
            case .none: break
            }
            let request = HTTPRequestSpec(method: method, url: url, headers: headers, body: payload)
            let response: HTTPResponseSpec
            do {
                requestsSent += 1
                response = try await transport.send(request, timeout: config.timeout)
            } catch let error as ServiceError where error.isTransient && retryable && attempt < maxAttempts {
                logRetry(method, path, attempt, maxAttempts, error.description)
                try await backoff(attempt)
                continue
            } catch let error as ServiceError {
                logger.error("\(method) \(path): \(error.description)")
                throw error
            }
            switch response.status {
            case 200..<300:
                do {
                    return try decode(response.body.isEmpty ? Data("{}".utf8) : response.body)
                } catch {
                    if retryable && attempt < maxAttempts { logRetry(method, path, attempt, maxAttempts, error.description); try await backoff(attempt); continue }
                    logger.error("\(method) \(path): \(error.description)")
                    throw ServiceError.malformed(error)
                }
            case 401:
                if case .partner = auth, case .password = config.credentials, !renewed {
                    renewed = true
                    token = nil
                    continue
                }
                throw ServiceError.unauthorized(Self.errorBody(response).meta.developerMessage ?? "check the API key or credentials")
            case 429:
                let after = response.headers["retry-after"].flatMap(Double.init)
                if attempt < maxAttempts {
                    logRetry(method, path, attempt, maxAttempts, "429" + (after.map { ", Retry-After \($0) s" } ?? ""))
                    try await sleep(after ?? backoffDelay(attempt))
                    continue
                }
                throw ServiceError.rateLimited(retryAfter: after)
            case 500..<600 where retryable && attempt < maxAttempts:
                logRetry(method, path, attempt, maxAttempts, "HTTP \(response.status)")
                try await backoff(attempt)
                continue
            default:
                throw ServiceError.api(status: response.status, body: Self.errorBody(response))
            }
        }
    }

    /// Paths carry IDs only; keys and tokens travel in headers, which are never logged.
    func logRetry(_ method: String, _ path: String, _ attempt: Int, _ of: Int, _ why: String) {
        logger.warning("\(method) \(Sanitizer.oneLine(path, max: 120)): attempt \(attempt) of \(of) failed (\(Sanitizer.oneLine(why, max: 200))); retrying")
    }

    func backoffDelay(_ attempt: Int) -> TimeInterval {
        let ceiling = min(config.backoffCap, config.backoffBase * pow(2, Double(attempt - 1)))
        return Double.random(in: 0...ceiling)
    }

    func backoff(_ attempt: Int) async throws { try await sleep(backoffDelay(attempt)) }

    /// The `meta` error body, or one made from the status when the body is not one.
    static func errorBody(_ r: HTTPResponseSpec) -> APIErrorBody {
        if let body = try? HubJSON.decode(APIErrorBody.self, from: r.body), body.meta.developerMessage != nil || body.meta.httpCode != nil {
            return body
        }
        if let oauth = try? JSONDecoder().decode([String: String].self, from: r.body), let d = oauth["error_description"] ?? oauth["error"] {
            return APIErrorBody(httpCode: r.status, developerMessage: d)
        }
        return APIErrorBody(httpCode: r.status, developerMessage: HTTPStatusText.text(r.status))
    }

    // MARK: auth

    func authHeader() async throws -> (String, String) {
        switch config.credentials {
        case .apiKey(let key):
            return ("X-API-Key", key)
        case .password(let username, let password):
            // Renew a minute before expiry so a long poll never carries a dead token.
            if let t = token, now() < t.expiresAt - 60 { return ("Authorization", "Bearer \(t.value)") }
            let r: TokenResponse = try await call("POST", "/token", body: TokenRequest(username: username, password: password),
                                                  idempotent: true, auth: .none, attempts: config.maxAttempts) // a login changes nothing
            token = (r.accessToken, now() + TimeInterval(r.expiresIn ?? 86400))
            return ("Authorization", "Bearer \(r.accessToken)")
        }
    }

    /// Forgets the token (tests; a user who changed the password).
    public func dropToken() { token = nil }
}

/// What to check when the partner's own endpoints answer 404 (DESIGN: a misconfigured base URL
/// is a clear error, not an endless backoff).
enum ConnectionHint {
    static func notFound(baseURL: String, partnerId: String) -> String {
        var checks: [String] = []
        if !baseURL.hasSuffix("/api/v2") { checks.append("--api-base must end in /api/v2 (e.g. \(APIConfiguration.liveBaseURL))") }
        if !partnerId.hasSuffix("PA") { checks.append("the partner ID must end in PA") }
        if checks.isEmpty { checks.append("check --api-base (it must end in /api/v2) and the partner ID") }
        // The fix first: the header has room for the start only.
        return "Not found (404): " + checks.joined(separator: "; ")
            + "; asked for partner \(Sanitizer.oneLine(partnerId, max: 40)) at \(Sanitizer.oneLine(baseURL, max: 80))"
    }
}

enum HTTPStatusText {
    static func text(_ status: Int) -> String {
        switch status {
        case 400: return "Wrong payload"
        case 403: return "Forbidden"
        case 404: return "Not found"
        case 408, 504: return "Gateway timeout"
        case 429: return "Too many requests"
        case 500..<600: return "Server error \(status)"
        default: return "HTTP \(status)"
        }
    }
}

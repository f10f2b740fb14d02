import Foundation
import HubCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The Partner API paths (reference §4) plus the modeled Hub-only ones (docs/sandbox.md).
struct SandboxRoutes: Sendable {
    let engine: SandboxEngine

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    func register(on router: Router<BasicRequestContext>) {
        let v2 = "/api/v2"
        let p = "\(v2)/partners/:pid"
        router.post(RouterPath("\(v2)/token"), use: wrap(token))
        // Tells our HTTP client which modeled endpoints exist here (ServerCapabilities).
        router.get(RouterPath("\(v2)/sandbox/capabilities"), use: wrap { _, _ in HTTPReply.json(ServerCapabilities.all) })
        router.get(RouterPath(p), use: partnerScoped { _, _ in HTTPReply.json(try await engine.partner()) })
        router.patch(RouterPath(p), use: partnerScoped(patchPartner))
        router.get(RouterPath("\(p)/clients"), use: partnerScoped { r, _ in HTTPReply.json(try await engine.listClients(try Self.listQuery(r))) })
        router.patch(RouterPath("\(p)/clients/:cid"), use: partnerScoped(patchClient))
        router.get(RouterPath("\(p)/clients/:cid/info/balance"), use: partnerScoped(balance))
        router.get(RouterPath("\(p)/channels"), use: partnerScoped { r, _ in HTTPReply.raw(try await engine.listChannelsJSON(try Self.listQuery(r))) })
        router.post(RouterPath("\(p)/channels/:chid/api_keys"), use: partnerScoped { _, c in HTTPReply.json(try await engine.createChannelAPIKey(channelId: try c.param("chid"))) })
        router.get(RouterPath("\(p)/waba_accounts/:waid/waba_templates"), use: partnerScoped { r, c in
            HTTPReply.json(try await engine.listTemplates(wabaAccountId: try c.param("waid"), try Self.listQuery(r)))
        })
        router.post(RouterPath("\(p)/waba_accounts/:waid/waba_templates"), use: partnerScoped { r, c in
            var req = r
            let draft = try await Self.body(TemplateDraft.self, &req)
            return HTTPReply.json(try await engine.createTemplate(wabaAccountId: try c.param("waid"), draft), status: .created)
        })
        router.delete(RouterPath("\(p)/waba_accounts/:waid/waba_templates/:tid"), use: partnerScoped { _, c in
            try await engine.deleteTemplate(wabaAccountId: try c.param("waid"), templateId: try c.param("tid"))
            return HTTPReply.json(APIErrorBody.Meta.ok("template was deleted"))
        })
        router.get(RouterPath("\(p)/selective_partner_change_requests"), use: partnerScoped { r, _ in
            HTTPReply.json(try await engine.listPartnerChangeRequests(try Self.listQuery(r)))
        })
        router.post(RouterPath("\(p)/selective_partner_change_requests/:pcr/approve"), use: partnerScoped { _, c in
            HTTPReply.json(try await engine.approvePartnerChangeRequest(id: try c.param("pcr")))
        })
        router.patch(RouterPath("\(p)/settings/partner_change_request"), use: partnerScoped { r, _ in
            var req = r
            let body = try await Self.body(AutoApprove.self, &req)
            return HTTPReply.json(AutoApprove(autoApprove: try await engine.setPartnerChangeAutoApprove(body.autoApprove)))
        })

        // Messaging side, authenticated by the channel's D360-API-KEY.
        router.get(RouterPath("/v1/health"), use: wrap { r, _ in HTTPReply.json(try await engine.health(apiKey: Self.d360Key(r))) })
        router.get(RouterPath("/health_status"), use: wrap { r, _ in HTTPReply.json(try await engine.cloudHealth(apiKey: Self.d360Key(r))) })
        router.get(RouterPath("/v1/configs/phone_number"), use: wrap { r, _ in
            HTTPReply.json(["phone_number": try await engine.phoneNumber(apiKey: Self.d360Key(r))])
        })

        // Modeled (Hub-only) operations.
        router.get(RouterPath("\(p)/channels/:chid/payments"), use: partnerScoped { _, c in
            HTTPReply.json(PaymentsBody(payments: try await engine.payments(channelId: try c.param("chid"))))
        })
        router.get(RouterPath("\(p)/channels/:chid/funds"), use: partnerScoped { _, c in
            HTTPReply.json(try await engine.funds(channelId: try c.param("chid")))
        })
        router.post(RouterPath("\(p)/channels/:chid/funds"), use: partnerScoped { r, c in
            var req = r
            let body = try await Self.body(FundsBody.self, &req)
            let balance = try await engine.addFunds(channelId: try c.param("chid"), amount: body.amount, idempotencyKey: try Self.idempotencyKey(r))
            return HTTPReply.json(BalanceBody(balance: balance))
        })
        router.post(RouterPath("\(p)/channels/:chid/refunds"), use: partnerScoped { r, c in
            var req = r
            let buffer = try await req.collectBody(upTo: 1 << 16)
            let body = buffer.readableBytes == 0 ? RefundBody(expectedTotal: nil) : try HubJSON.decode(RefundBody.self, from: Data(buffer.readableBytesView))
            return HTTPReply.json(try await engine.requestRefund(channelId: try c.param("chid"), expectedTotal: body.expectedTotal,
                                                                 idempotencyKey: try Self.idempotencyKey(r)), status: .created)
        })
        router.get(RouterPath("\(p)/refunds"), use: partnerScoped { r, _ in
            HTTPReply.json(RefundsBody(refunds: try await engine.refunds(channelId: Self.query(r)["channel_id"])))
        })
        router.get(RouterPath("\(p)/partner_directory/:target"), use: partnerScoped { _, c in
            HTTPReply.json(try await engine.destinationPartner(id: try c.param("target")))
        })
        router.post(RouterPath("\(p)/selective_partner_change_requests/:pcr/payment_method"), use: partnerScoped { _, c in
            HTTPReply.json(try await engine.confirmPaymentMethod(partnerChangeRequestId: try c.param("pcr")))
        })
        router.get(RouterPath("\(p)/clients/:cid/partner_change"), use: partnerScoped { _, c in
            HTTPReply.json(try await engine.partnerChangeEligibility(clientId: try c.param("cid")))
        })
        router.post(RouterPath("\(p)/selective_partner_change_requests/:pcr/withdraw"), use: partnerScoped { _, c in
            HTTPReply.json(try await engine.withdrawPartnerChange(id: try c.param("pcr")))
        })
        router.post(RouterPath("\(p)/clients/:cid/partner_change"), use: partnerScoped { r, c in
            var req = r
            let body = try await Self.body(PartnerChangeBody.self, &req)
            return HTTPReply.json(try await engine.submitPartnerChange(clientId: try c.param("cid"), wabaAccountId: body.wabaAccountId,
                                                                       targetPartnerId: body.targetPartnerId, company: body.companyInformation,
                                                                       idempotencyKey: try Self.idempotencyKey(r)),
                                  status: .created)
        })
        router.get(RouterPath("\(p)/clients/:cid/permissions"), use: partnerScoped { _, c in
            HTTPReply.json(PermissionsBody(channelIds: try await engine.permissions(clientId: try c.param("cid"))))
        })
        router.put(RouterPath("\(p)/clients/:cid/permissions"), use: partnerScoped { r, c in
            var req = r
            let body = try await Self.body(PermissionsBody.self, &req)
            return HTTPReply.json(PermissionsBody(channelIds: try await engine.setPermissions(clientId: try c.param("cid"), channelIds: body.channelIds)))
        })
        router.get(RouterPath("\(p)/users"), use: partnerScoped { _, _ in HTTPReply.json(UsersBody(users: try await engine.users())) })
        router.post(RouterPath("\(p)/users"), use: partnerScoped { r, _ in
            var req = r
            let body = try await Self.body(NewUserBody.self, &req)
            return HTTPReply.json(try await engine.addUser(name: body.name, email: body.email, role: body.role), status: .created)
        })
    }

    // MARK: handlers

    func token(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        var req = request
        guard let creds = try? await Self.body(TokenRequest.self, &req) else {
            return HTTPReply.json(["error": "invalid_request", "error_description": "username and password are required"], status: .badRequest)
        }
        guard let (token, expires) = await engine.issueToken(username: creds.username, password: creds.password) else {
            return HTTPReply.json(["error": "invalid_grant", "error_description": "Wrong email or password."], status: .unauthorized)
        }
        return HTTPReply.json(TokenResponse(accessToken: token, tokenType: "bearer", expiresIn: expires, refreshToken: nil))
    }

    func patchPartner(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        var req = request
        let body = try await Self.body(PartnerPatch.self, &req)
        return HTTPReply.json(try await engine.updatePartner(webhookUrl: body.webhookUrl, redirectUrl: body.partnerRedirectUrl))
    }

    func patchClient(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        var req = request
        guard let raw = try? await Self.body(JSONValue.self, &req), case .object(let o) = raw else {
            return HTTPReply.error(400, "Wrong payload: expected a JSON object")
        }
        guard let payload = o["partner_payload"]?.stringValue else {
            return HTTPReply.error(400, "Wrong payload: partner_payload is required", details: ["partner_payload"])
        }
        var max: Int?
        if let m = o["max_channels"] {
            guard case .number(let d) = m, let i = Int(exactly: NSDecimalNumber(decimal: d).doubleValue) else {
                return HTTPReply.error(400, "Wrong payload: max_channels must be an integer", details: ["max_channels"])
            }
            max = i
        }
        return HTTPReply.json(try await engine.updateClient(clientId: try context.param("cid"), ClientPatch(partnerPayload: payload, maxChannels: max)))
    }

    func balance(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let q = Self.query(request)
        var period = BalancePeriod.currentMonth
        if let m = q["from_month"].flatMap({ Int(String($0)) }), let y = q["from_year"].flatMap({ Int(String($0)) }) {
            guard (1...12).contains(m), (2000...2100).contains(y) else { return HTTPReply.error(400, "Wrong payload: from_month 1..12, from_year like 2024") }
            period = .fromMonth(month: m, year: y)
        } else if let s = q["start_date"].flatMap({ Double(String($0)) }) {
            let e = q["end_date"].flatMap { Double(String($0)) } ?? Date().timeIntervalSince1970
            period = .range(start: Date(timeIntervalSince1970: s), end: Date(timeIntervalSince1970: e))
        }
        return HTTPReply.json(try await engine.clientBalance(clientId: try context.param("cid"), period: period))
    }

    // MARK: plumbing

    func wrap(_ handler: @escaping Handler) -> Handler {
        { request, context in
            do { return try await handler(request, context) } catch { return HTTPReply.from(error) }
        }
    }

    /// Checks the partner in the path is ours, and turns thrown errors into `meta` bodies.
    func partnerScoped(_ handler: @escaping Handler) -> Handler {
        let engine = self.engine
        return wrap { request, context in
            guard context.parameters.get("pid") == engine.config.effectivePartnerId else {
                return HTTPReply.error(403, "Forbidden: not your partner ID")
            }
            return try await handler(request, context)
        }
    }

    /// Query parameters, form-decoded: `+` is a space (curl --data-urlencode), `%2B` a plus.
    static func query(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if let k = kv.first, out[k] == nil { out[k] = kv.count > 1 ? kv[1] : "" }
        }
        return out
    }

    static func listQuery(_ request: Request) throws -> ListQuery {
        let q = query(request)
        var query = ListQuery()
        if let f = q["filters"], !f.isEmpty {
            guard let v = try? JSONDecoder().decode(JSONValue.self, from: Data(String(f).utf8)), case .object(let o) = v else {
                throw ServiceError.api(status: 400, body: APIErrorBody(httpCode: 400, developerMessage: "Wrong payload: filters must be a JSON object", details: ["filters"]))
            }
            query.filters = o
        }
        if let l = q["limit"] {
            guard let n = Int(String(l)), n >= 0 else { throw ServiceError.api(status: 400, body: APIErrorBody(httpCode: 400, developerMessage: "Wrong payload: limit must be a number", details: ["limit"])) }
            query.limit = n
        }
        if let o = q["offset"] {
            guard let n = Int(String(o)), n >= 0 else { throw ServiceError.api(status: 400, body: APIErrorBody(httpCode: 400, developerMessage: "Wrong payload: offset must be a number", details: ["offset"])) }
            query.offset = n
        }
        if let s = q["sort"], !s.isEmpty {
            let text = String(s)
            if text.hasPrefix("["), let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) { query.sort = list }
            else { query.sort = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        return query
    }

    static func body<T: Decodable>(_ type: T.Type, _ request: inout Request) async throws -> T {
        let buffer = try await request.collectBody(upTo: 1 << 20)
        return try HubJSON.decode(type, from: Data(buffer.readableBytesView))
    }

    static func d360Key(_ request: Request) throws -> String {
        guard let key = request.headers[HTTPField.Name("D360-API-KEY")!], !key.isEmpty else { throw ServiceError.unauthorized("Invalid api key") }
        return key
    }

    static func idempotencyKey(_ request: Request) throws -> String {
        guard let key = request.headers[HTTPField.Name("Idempotency-Key")!], !key.isEmpty else {
            throw ServiceError.api(status: 400, body: APIErrorBody(httpCode: 400, developerMessage: "Idempotency-Key header is required", details: ["Idempotency-Key"]))
        }
        return key
    }
}

extension BasicRequestContext {
    func param(_ name: String) throws -> String {
        guard let v = parameters.get(name) else { throw ServiceError.api(status: 400, body: APIErrorBody(httpCode: 400, developerMessage: "missing \(name)")) }
        return v
    }
}

extension APIErrorBody.Meta {
    static func ok(_ message: String) -> [String: APIErrorBody.Meta] {
        ["meta": APIErrorBody.Meta(success: true, httpCode: 200, developerMessage: message)]
    }
}

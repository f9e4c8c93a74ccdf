import CTBulkCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the sandbox's routes: the Calltouch methods, `POST /v2.0` for the UIS fake, and the `/_sandbox/` admin
/// routes (no token, no limits, no faults).
enum SandboxRouter {
    /// Largest request body read.
    static let maximumBodySize = 1 << 20

    static let accessTokenHeader = HTTPField.Name("Access-Token")!
    static let siteIDHeader = HTTPField.Name("SiteId")!

    /// Thrown to make Hummingbird close the connection without a complete answer.
    struct DroppedConnection: Error {}

    static func make(engine: SandboxEngine, logger: Logger) -> Router<SandboxRequestContext> {
        let router = Router(context: SandboxRequestContext.self)
        router.add(middleware: UnknownPathMiddleware())

        for endpoint in SandboxEndpoint.allCases {
            router.post(RouterPath(endpoint.path)) { request, context in
                try await api(endpoint, request: request, context: context, engine: engine, logger: logger)
            }
        }

        router.post("v2.0") { request, context in
            let body = try await request.body.collect(upTo: maximumBodySize)
            let fake = engine.withState { state in
                state.received("uis")
                return state.uis
            }
            let answer = await fake.handle(body: Array(body.readableBytesView), clientAddress: context.clientAddress)
            return response(WireResponse(status: answer.status, body: answer.body, isJSON: true))
        }

        let admin = router.group("_sandbox")
        admin.get("state") { _, _ in
            response(.json(engine.withState { WireJSON.encode($0.store.records) }))
        }
        admin.get("stats") { _, _ in
            response(.json(WireJSON.encode(engine.stats)))
        }
        admin.post("reset") { _, _ in
            engine.withState { $0.reset() }
            logger.debug("sandbox reset")
            return response(.json(Array(#"{"ok":true}"#.utf8)))
        }
        admin.post("budget") { request, _ in
            let body = try await request.body.collect(upTo: maximumBodySize)
            return response(resetBudget(Array(body.readableBytesView), engine: engine))
        }
        admin.put("numbers/:number") { request, context in
            let body = try await request.body.collect(upTo: maximumBodySize)
            return response(setNumber(context.parameters.get("number") ?? "", body: Array(body.readableBytesView),
                                      engine: engine))
        }
        admin.delete("numbers/:number") { _, context in
            response(removeNumber(context.parameters.get("number") ?? "", engine: engine))
        }
        admin.get("config") { _, _ in
            response(.json(WireJSON.encode(engine.settings)))
        }
        admin.put("config") { request, _ in
            let body = try await request.body.collect(upTo: maximumBodySize)
            return response(updateSettings(Array(body.readableBytesView), engine: engine))
        }
        return router
    }

    // MARK: Calltouch methods

    private static func api(_ endpoint: SandboxEndpoint, request: Request, context: SandboxRequestContext,
                            engine: SandboxEngine, logger: Logger) async throws -> Response {
        let body = try await request.body.collect(upTo: maximumBodySize)
        // Credentials and the rate limit are decided on arrival; the answer, a refusal too, comes after the latency.
        let (latency, refusal) = engine.arrive(endpoint, accessToken: request.headers[accessTokenHeader],
                                               siteID: request.headers[siteIDHeader], client: context.clientAddress)
        if latency > .zero { try await engine.configuration.clock.sleep(for: latency) }
        let outcome = refusal.map { APIOutcome.respond($0) } ?? engine.process(endpoint, body: Array(body.readableBytesView))
        switch outcome {
        case .respond(let answer):
            logger.trace("answered", metadata: ["endpoint": "\(endpoint.rawValue)", "status": "\(answer.status)"])
            return response(answer)
        case .hang:
            logger.debug("injected fault: hang", metadata: ["endpoint": "\(endpoint.rawValue)"])
            let duration = engine.settings.hangDuration
            // Held until the duration passes, the sandbox shuts down gracefully, or the task is cancelled.
            let clock = engine.configuration.clock
            try? await cancelWhenGracefulShutdown { try await clock.sleep(for: duration) }
            try? await context.channel.close()
            throw DroppedConnection()
        case .drop(let partial):
            logger.debug("injected fault: drop", metadata: ["endpoint": "\(endpoint.rawValue)", "partial": "\(partial)"])
            guard partial else {
                try? await context.channel.close()
                throw DroppedConnection()
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            // The head promises 4 KiB; a few bytes go out, then the connection is closed.
            return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: 4096) { writer in
                try await writer.write(ByteBuffer(string: #"[{"phoneNumber":"7"#))
                throw DroppedConnection()
            })
        }
    }

    /// The HTTP response of an answer.
    static func response(_ answer: WireResponse) -> Response {
        var headers = HTTPFields()
        if answer.isJSON { headers[.contentType] = "application/json" }
        if answer.retryAfter { headers[.retryAfter] = "1" }
        let body = answer.body.isEmpty ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: body)
    }

    // MARK: Admin

    private static func resetBudget(_ body: [UInt8], engine: SandboxEngine) -> WireResponse {
        var budget: Int?
        if !isBlank(body) {
            guard let value = BodyJSON.parse(body) else {
                return .error(.invalid("the body is not valid JSON", field: nil))
            }
            switch value {
            case .null:
                break
            case .object(let object):
                if let raw = object["budget"], raw != .null {
                    guard case .number(let number) = raw, number == number.rounded(), number >= 0, number < 1e15 else {
                        return .error(.invalid("budget must be a whole number of at least 0", field: "budget"))
                    }
                    budget = Int(number)
                }
            default:
                return .error(.invalid("the body must be a JSON object such as {\"budget\": 1000}", field: nil))
            }
        }
        let points = engine.withState { state in
            state.resetBudget(to: budget)
            return state.stats.points
        }
        return .json(WireJSON.encode(points))
    }

    private static func phone(_ text: String) -> Result<PhoneNumber, WireError> {
        guard let phone = PhoneNumber(canonical: text) else {
            return .failure(.invalid("the number in the path must be in the format 7xxxxxxxxxx", field: "phoneNumber"))
        }
        return .success(phone)
    }

    private static func setNumber(_ text: String, body: [UInt8], engine: SandboxEngine) -> WireResponse {
        do throws(WireError) {
            let phone = try phone(text).get()
            guard let value = BodyJSON.parse(body) else { throw .invalid("the body is not valid JSON", field: nil) }
            var settings: NumberSettings?
            switch value {
            case .null:
                settings = nil
            case .object(let object):
                if let given = object["phoneNumber"], given != .null {
                    guard try WireSettings.phone(given, field: "phoneNumber") == phone else {
                        throw .invalid("phoneNumber differs from the number in the path", field: "phoneNumber")
                    }
                }
                let objects = try WireSettings.objects(in: object)
                if !objects.isEmpty {
                    guard objects.displayOptions != nil else {
                        throw .invalid("displayOptions is required for a used number ({} or null makes it free)",
                                       field: "displayOptions")
                    }
                    settings = objects.settings
                }
            default:
                throw .invalid("the body must be a JSON object or null, not \(value.typeName)", field: nil)
            }
            let record = engine.withState { state in
                state.setNumber(phone, settings)
                return WireJSON.encode(WireNumberRecord(phoneNumber: phone, settings: state.store.settings(of: phone) ?? nil))
            }
            return .json(record)
        } catch {
            return .error(error)
        }
    }

    private static func removeNumber(_ text: String, engine: SandboxEngine) -> WireResponse {
        switch phone(text) {
        case .failure(let error):
            return .error(error)
        case .success(let phone):
            guard engine.withState({ $0.removeNumber(phone) }) else {
                return .error(WireError(status: 404, code: "number_not_found", message: "number \(phone) is not in the account"))
            }
            return .json(Array(#"{"ok":true}"#.utf8))
        }
    }

    private static func updateSettings(_ body: [UInt8], engine: SandboxEngine) -> WireResponse {
        do throws(WireError) {
            let object = try WireSettings.object(body)
            let settings = try engine.withState { (state: inout SandboxState) throws(WireError) -> RuntimeSettings in
                try state.applySettings(object)
                return state.settings
            }
            return .json(WireJSON.encode(settings))
        } catch {
            return .error(error)
        }
    }

    private static func isBlank(_ body: [UInt8]) -> Bool {
        body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}

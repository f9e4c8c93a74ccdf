import Hummingbird

/// Turns Hummingbird's empty 404 for a route that does not exist (wrong path or method) into the JSON
/// `404 {"error": "unknown_path", "message": "no such route: POST /..."}`, so a misconfigured method path is not
/// mistaken for a `number_not_found` answer.
struct UnknownPathMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return SandboxRouter.response(.error(WireError(
                status: 404, code: "unknown_path", message: "no such route: \(request.method) \(request.uri.path)")))
        }
    }
}

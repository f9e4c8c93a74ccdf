import CTBulkCore
import CalltouchAPI

/// Turns API and configuration failures into a message for people and an exit code for cron.
enum APIErrorRendering {
    static func exitCode(for error: any Error) -> ExitStatus {
        switch error {
        case let failure as NumberServiceError:
            if let underlying = failure.underlying { return exitCode(for: underlying) }
            switch failure.kind {
            case .authentication: return .noPermission
            case .budgetExhausted, .cancelled: return .tempFail
            case .redirected: return .config
            default: return .failure
            }
        case let failure as CalltouchError:
            switch failure.category {
            case .authentication: return .noPermission
            case .redirected: return .config
            case .budgetExhausted, .cancelled: return .tempFail
            default: return .failure
            }
        case let failure as APISession.Failure:
            if case .configuration(let config) = failure {
                return config.category == .tokenFilePermissions ? .noPermission : .usage
            }
            if case .rateDeclined = failure { return .usage }
            return .failure
        default:
            return .failure
        }
    }

    /// A retry notice: what failed and when the next attempt goes.
    static func retryNotice(_ error: NumberServiceError, attempt: Int, of limit: Int, wait: Duration, language: Language) -> String {
        let reason = (error.underlying as? CalltouchError)?.detail ?? error.kind.text.render(language)
        let seconds = max(Int(wait.seconds.rounded()), 1)
        return language.text("api.retry", ["reason": .text(reason), "seconds": .count(seconds), "attempt": .count(attempt + 1),
                                           "limit": .count(limit)])
    }

    /// One sentence for people; `baseURL` (when known) says where a connection failed.
    static func message(for error: any Error, language: Language, baseURL: String? = nil) -> String {
        switch error {
        case let failure as NumberServiceError:
            if var underlying = failure.underlying as? CalltouchError {
                underlying.attempts = max(underlying.attempts, failure.attempts)
                return message(for: underlying, language: language, baseURL: baseURL)
            }
            if let underlying = failure.underlying { return message(for: underlying, language: language, baseURL: baseURL) }
            return failure.description
        case let failure as CalltouchError:
            let status = Message.Argument.text(failure.status.map { language.text("api.status", ["status": .text(String($0))]) } ?? "")
            switch failure.category {
            case .authentication: return language.text("api.authentication", ["status": status])
            case .budgetExhausted: return language.text("api.budget", ["status": status])
            case .rateLimited: return language.text("api.rate_limited", ["status": status])
            case .invalidData: return language.text("api.invalid_data", ["status": status, "detail": .text(failure.body ?? failure.detail)])
            case .server: return language.text("api.server", ["status": status, "detail": .text(failure.detail)])
            case .transport:
                let place = baseURL.map { language.text("api.transport_place", ["url": .text($0)]) } ?? ""
                let tries = failure.attempts > 1 ? language.text("api.transport_tries", ["n": .count(failure.attempts)]) : ""
                return language.text("api.transport", ["place": .text(place), "detail": .text(failure.detail), "tries": .text(tries)])
            case .cancelled:
                return language.text("api.cancelled")
            case .redirected:
                return language.text("api.redirected", ["baseURL": .text(baseURL ?? "?"), "detail": .text(failure.detail)])
            }
        case let failure as APISession.Failure:
            switch failure {
            case .configuration(let config): return config.text.render(language)
            case .sandbox(let text): return text
            case .rateDeclined(let rate): return language.text("confirm.rate_declined", ["rate": .text(String(rate))])
            }
        default:
            return String(describing: error)
        }
    }
}

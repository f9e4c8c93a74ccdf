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
        let reason = (error.underlying as? CalltouchError)?.detail ?? error.kind.description
        let seconds = max(Int(wait.seconds.rounded()), 1)
        return language == .ru
            ? "API Calltouch: \(reason); повтор через \(seconds) с (попытка \(attempt + 1) из \(limit))."
            : "Calltouch API: \(reason); retrying in \(seconds) s (attempt \(attempt + 1) of \(limit))."
    }

    /// One sentence for people; `baseURL` (when known) says where a connection failed.
    static func message(for error: any Error, language: Language, baseURL: String? = nil) -> String {
        let ru = language == .ru
        switch error {
        case let failure as NumberServiceError:
            if var underlying = failure.underlying as? CalltouchError {
                underlying.attempts = max(underlying.attempts, failure.attempts)
                return message(for: underlying, language: language, baseURL: baseURL)
            }
            if let underlying = failure.underlying { return message(for: underlying, language: language, baseURL: baseURL) }
            return failure.description
        case let failure as CalltouchError:
            let status = failure.status.map { " (HTTP \($0))" } ?? ""
            switch failure.category {
            case .authentication:
                return (ru ? "API отклонил ключ доступа или SiteId\(status). Проверьте CALLTOUCH_ACCESS_TOKEN (или --token-file) и SiteId в разделе «Интеграции - API и Webhooks»."
                    : "The API refused the access token or SiteId\(status). Check CALLTOUCH_ACCESS_TOKEN (or --token-file) and the SiteId under \"Интеграции - API и Webhooks\".")
            case .budgetExhausted:
                return ru ? "Суточный лимит баллов API исчерпан\(status). Продолжите после его сброса той же командой (или с --resume)."
                    : "The API's daily points budget is spent\(status). Run the same command again (or with --resume) after the budget resets."
            case .rateLimited:
                return ru ? "API ограничил частоту запросов\(status), повторы не помогли. Уменьшите --rate." : "The API kept rate-limiting\(status) after every retry. Lower --rate."
            case .invalidData:
                return (ru ? "API отклонил данные\(status): " : "The API rejected the data\(status): ") + (failure.body ?? failure.detail)
            case .server:
                return (ru ? "Ошибка сервера API\(status) после всех повторов: " : "The API kept failing\(status) after every retry: ") + failure.detail
            case .transport:
                let place = baseURL.map { ru ? " по адресу \($0)" : " at \($0)" } ?? ""
                let tries = failure.attempts > 1 ? (ru ? ", попыток: \(failure.attempts)" : ", \(failure.attempts) attempts") : ""
                return ru
                    ? "Нет связи с API Calltouch\(place): \(failure.detail)\(tries). Проверьте --base-url, сеть и прокси."
                    : "Cannot reach the Calltouch API\(place): \(failure.detail)\(tries). Check --base-url, the network and any proxy."
            case .cancelled:
                return ru ? "Прервано." : "Cancelled."
            case .redirected:
                return Message("api.redirected", ["baseURL": .text(baseURL ?? "?"), "detail": .text(failure.detail)])
                    .render(language)
            }
        case let failure as APISession.Failure:
            switch failure {
            case .configuration(let config): return config.description
            case .sandbox(let text): return text
            case .rateDeclined(let rate):
                return ru ? "Отменено: --rate \(rate) не подтверждён." : "Cancelled: --rate \(rate) was not confirmed."
            }
        default:
            return String(describing: error)
        }
    }
}

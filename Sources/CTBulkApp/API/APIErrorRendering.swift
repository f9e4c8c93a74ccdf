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
            default: return .failure
            }
        case let failure as CalltouchError:
            switch failure.category {
            case .authentication: return .noPermission
            case .budgetExhausted, .cancelled: return .tempFail
            default: return .failure
            }
        case let failure as APISession.Failure:
            if case .configuration(let config) = failure {
                return config.category == .tokenFilePermissions ? .noPermission : .usage
            }
            return .failure
        default:
            return .failure
        }
    }

    static func message(for error: any Error, language: Language) -> String {
        let ru = language == .ru
        switch error {
        case let failure as NumberServiceError:
            if let underlying = failure.underlying { return message(for: underlying, language: language) }
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
                return (ru ? "Нет связи с API после всех повторов: " : "Could not reach the API after every retry: ") + failure.detail
            case .cancelled:
                return ru ? "Прервано." : "Cancelled."
            }
        case let failure as APISession.Failure:
            switch failure {
            case .configuration(let config): return config.description
            case .sandbox(let text): return text
            }
        default:
            return String(describing: error)
        }
    }
}

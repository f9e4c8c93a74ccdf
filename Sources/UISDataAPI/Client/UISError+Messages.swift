import CTBulkCore

extension UISError {
    /// The field a `filter_prohibited` or `sort_prohibited` is about: `data.value` (what the user passed, as the
    /// documentation defines it), else `data.field` (the parameter's path).
    var prohibitedField: String { value ?? field ?? "?" }

    /// What happened and what to do about it, in English or Russian.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    public func message(_ language: Language) -> String {
        let ru = language == .ru
        let d = details
        switch kind {
        case .accessTokenInvalid:
            return ru ? "Ключ API не найден. Проверьте ключ (UIS_ACCESS_TOKEN или файл ключа) и хост: ключи uiscom не действуют на dataapi.comagic.ru и наоборот. Ключ создаётся в «Аккаунт → Управление пользователями»."
                : "The API key is not known. Check the key (UIS_ACCESS_TOKEN or the token file) and the host: uiscom keys do not work on dataapi.comagic.ru and vice versa. Keys are made under Account → User management."
        case .accessTokenExpired:
            return ru ? "Срок действия ключа API истёк. Создайте новый ключ в «Аккаунт → Управление пользователями» (или войдите заново через --login)."
                : "The API key has expired. Create a new key under Account → User management (or log in again with --login)."
        case .accessTokenBlocked:
            return ru ? "Ключ API заблокирован. Разблокируйте его или создайте новый в «Аккаунт → Управление пользователями»."
                : "The API key is blocked. Unblock it or create a new one under Account → User management."
        case .authError:
            return ru ? "Неверный логин или пароль. Проверьте --login и переменную UIS_PASSWORD."
                : "Wrong login or password. Check --login and the UIS_PASSWORD variable."
        case .ipNotWhitelisted:
            return ru ? "IP-адрес этого компьютера не разрешён. Добавьте его в личном кабинете: Администратор → Аккаунт → Правила и настройки безопасности → вкладка API (для агента — в аккаунте клиента)."
                : "This computer's IP address is not allowed. Add it in the cabinet: Администратор → Аккаунт → Правила и настройки безопасности (Administrator → Account → Security rules and settings) → API tab (for an agent, in the client's account)."
        case .forbidden:
            return forbiddenText(language)
        case .componentDisabled:
            return ru ? "Для метода нужен платный компонент, который не подключён (например, коллтрекинг). Подключите его в «Аккаунт → Тарифы и опции»."
                : "The method needs a component that is not enabled (e.g. call tracking). Enable it under Account → Tariffs and options."
        case .accountInactive:
            return ru ? "Аккаунт отключён. Обратитесь в службу поддержки UIS."
                : "The account is disabled. Contact UIS support."
        case .limitExceeded:
            let type = d["limitType"] ?? "minute"
            let reset = d["resetSeconds"].map { ru ? " Лимит сбросится через \($0) с." : " It resets in \($0) s." } ?? ""
            return ru ? "Исчерпан лимит баллов API (\(type == "day" ? "суточный" : "минутный")).\(reset) Повторите позже, сузьте запрос или увеличьте лимит в «Аккаунт → Тарифы и опции»."
                : "The API point limit per \(type) is used up.\(reset) Try again later, ask for less, or raise the limit under Account → Tariffs and options."
        case .filterProhibited:
            return ru ? "По полю «\(prohibitedField)» нельзя фильтровать. Список полей с фильтрацией — в docs/uis.md."
                : "The field \"\(prohibitedField)\" cannot be filtered on. docs/uis.md lists the filterable fields."
        case .sortProhibited:
            return ru ? "По полю «\(prohibitedField)» нельзя сортировать. Список полей с сортировкой — в docs/uis.md."
                : "The field \"\(prohibitedField)\" cannot be sorted on. docs/uis.md lists the sortable fields."
        case .unexpectedParameters:
            return ru ? "API не знает параметр или поле «\(value ?? field ?? "?")». Проверьте написание в --filter, --sort и --fields."
                : "The API does not know the parameter or field \"\(value ?? field ?? "?")\". Check the spelling in --filter, --sort and --fields."
        case .invalidParameterValue:
            return ru ? "Недопустимое значение параметра «\(field ?? "?")». Проверьте значение (регулярное выражение, jsquery, limit ≤ 10000, offset ≤ 100000)."
                : "Invalid value for \"\(field ?? "?")\". Check the value (regular expression, jsquery, limit ≤ 10000, offset ≤ 100000)."
        case .requiredParameterMissed:
            return ru ? "Не указан обязательный параметр «\(field ?? "?")»." : "The required parameter \"\(field ?? "?")\" is missing."
        case .dataTypeError:
            return ru ? "Значение «\(field ?? "?")» неверного типа (например, текст вместо числа). Исправьте значение в фильтре."
                : "The value of \"\(field ?? "?")\" has the wrong type (e.g. text where a number is expected). Fix the filter value."
        case .invalidParametersCombination:
            return ru ? "Такое сочетание параметров не допускается." : "This combination of parameters is not allowed."
        case .dateIntervalLimitReached:
            return ru ? "Период больше 3 месяцев. Разбейте запрос на части." : "The date range is longer than 3 months. Split the request."
        case .methodNotFound:
            return ru ? "Метод «\(method ?? "?")» не существует или недоступен. Проверьте версию API (v2.0) и хост."
                : "The method \"\(method ?? "?")\" does not exist or is not available. Check the API version (v2.0) and the host."
        case .internalError:
            return ru ? "Внутренняя ошибка UIS (повторы не помогли). Повторите позже; если не пройдёт — обратитесь в поддержку UIS."
                : "UIS internal error (retries did not help). Try again later; if it persists, contact UIS support."
        case .parseError, .invalidRequest, .unsupportedFeature:
            return ru ? "Сервер не принял запрос как JSON-RPC 2.0. Это ошибка ctbulk: сообщите о ней."
                : "The server did not accept the request as JSON-RPC 2.0. This is a ctbulk bug: please report it."
        case .otherRequestError:
            return otherRequestText(language)
        case .otherAccessError:
            return otherAccessText(language)
        case .otherAPIError:
            return ru ? "API вернул ошибку «\(mnemonic ?? "?")»." : "The API returned the error \"\(mnemonic ?? "?")\"."
        case .resultTooDeep:
            return ru ? "Под фильтр попадает \(d["total"] ?? "?") записей, а постраничный вывод API достаёт не глубже \(d["reachable"] ?? "110000") (offset ≤ 100000 + limit). Сузьте фильтр (--filter), например по статусу, категории или префиксу номера, и выгрузите части по очереди."
                : "The filter matches \(d["total"] ?? "?") records, but API paging reaches no deeper than \(d["reachable"] ?? "110000") (offset ≤ 100000 + limit). Narrow the filter (--filter), e.g. by status, category or number prefix, and fetch the parts one by one."
        case .incompleteResult:
            return ru ? "Получено \(d["received"] ?? "?") разных записей из \(d["total"] ?? "?"): данные менялись во время чтения. Повторите команду."
                : "Got \(d["received"] ?? "?") distinct records of \(d["total"] ?? "?"): the data changed while it was read. Run the command again."
        case .transport:
            return ru ? "Нет связи с API (\(d["reason"] ?? "сетевая ошибка")). Проверьте сеть, прокси и --uis-host."
                : "Cannot reach the API (\(d["reason"] ?? "network error")). Check the network, proxy and --uis-host."
        case .httpStatus:
            return ru ? "API ответил HTTP \(d["status"] ?? "?") без ответа JSON-RPC. Проверьте --uis-host (нужен адрес вида https://dataapi.uiscom.ru/v2.0) или повторите позже."
                : "The API answered HTTP \(d["status"] ?? "?") without a JSON-RPC answer. Check --uis-host (it should look like https://dataapi.uiscom.ru/v2.0) or try again later."
        case .malformedResponse:
            return ru ? "Ответ API не удалось разобрать (\(d["reason"] ?? "?")). Проверьте --uis-host; если адрес верный, сообщите об ошибке."
                : "The API's answer could not be read (\(d["reason"] ?? "?")). Check --uis-host; if it is right, please report this."
        case .insecureEndpoint:
            return ru ? "Адрес API должен быть https:// (http:// допускается только для 127.0.0.1, ::1 и localhost)."
                : "The API address must be https:// (plain http:// is allowed only for 127.0.0.1, ::1 and localhost)."
        case .invalidEndpoint:
            return ru ? "Не удалось разобрать адрес API «\(value ?? "")». Укажите хост (dataapi.uiscom.ru) или полный адрес (https://dataapi.uiscom.ru/v2.0)."
                : "Cannot read the API address \"\(value ?? "")\". Give a host (dataapi.uiscom.ru) or a full URL (https://dataapi.uiscom.ru/v2.0)."
        case .credentialsMissing:
            return ru ? "Нет ключа API. Задайте переменную UIS_ACCESS_TOKEN, --uis-token-file или --login с паролем в UIS_PASSWORD (или --sandbox для пробы)."
                : "No API key. Set UIS_ACCESS_TOKEN, pass --uis-token-file, or --login with the password in UIS_PASSWORD (or --sandbox to try things out)."
        case .tokenFileUnreadable:
            return ru ? "Не удалось прочитать файл ключа \(d["path"] ?? "") (\(d["reason"] ?? "")), или он пуст."
                : "Cannot read the token file \(d["path"] ?? "") (\(d["reason"] ?? "")), or it is empty."
        case .tokenFileInsecure:
            return ru ? "Файл ключа \(d["path"] ?? "") доступен на чтение группе или всем (права \(d["mode"] ?? "?")). Выполните: chmod 600 \(d["path"] ?? "<файл>")"
                : "The token file \(d["path"] ?? "") can be read by group or others (mode \(d["mode"] ?? "?")). Run: chmod 600 \(d["path"] ?? "<file>")"
        case .invalidArgument:
            return ru ? "Значение «\(field ?? "?")» = \(value ?? "?") вне допустимого диапазона \(d["range"] ?? "")."
                : "\"\(field ?? "?")\" = \(value ?? "?") is outside the allowed range \(d["range"] ?? "")."
        }
    }
}

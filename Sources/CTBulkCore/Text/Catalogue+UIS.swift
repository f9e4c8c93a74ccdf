extension Catalogue {
    /// The UIS (CoMagic) Data API: its errors with what to do, the `--filter` language, and `ctbulk uis` output.
    static let uisEntries: [String: Entry] = [
        "uis.error.access_token_invalid": Entry(
            en: "The API key is not known. Check the key (UIS_ACCESS_TOKEN or the token file) and the host: uiscom keys do not work on dataapi.comagic.ru and vice versa. Keys are made under Account → User management.",
            ru: "Ключ API не найден. Проверьте ключ (UIS_ACCESS_TOKEN или файл ключа) и хост: ключи uiscom не действуют на dataapi.comagic.ru и наоборот. Ключ создаётся в «Аккаунт → Управление пользователями»."),
        "uis.error.access_token_expired": Entry(
            en: "The API key has expired. Create a new key under Account → User management (or log in again with --login).",
            ru: "Срок действия ключа API истёк. Создайте новый ключ в «Аккаунт → Управление пользователями» (или войдите заново через --login)."),
        "uis.error.access_token_blocked": Entry(
            en: "The API key is blocked. Unblock it or create a new one under Account → User management.",
            ru: "Ключ API заблокирован. Разблокируйте его или создайте новый в «Аккаунт → Управление пользователями»."),
        "uis.error.auth_error": Entry(
            en: "Wrong login or password. Check --login and the UIS_PASSWORD variable.",
            ru: "Неверный логин или пароль. Проверьте --login и переменную UIS_PASSWORD."),
        "uis.error.ip_not_whitelisted": Entry(
            en: "This computer's IP address is not allowed. Add it in the cabinet: Администратор → Аккаунт → Правила и настройки безопасности (Administrator → Account → Security rules and settings) → API tab (for an agent, in the client's account).",
            ru: "IP-адрес этого компьютера не разрешён. Добавьте его в личном кабинете: Администратор → Аккаунт → Правила и настройки безопасности → вкладка API (для агента — в аккаунте клиента)."),
        "uis.error.forbidden": Entry(en: "Permission denied for this method. {advice}", ru: "Нет прав на этот метод. {advice}"),
        "uis.error.component_disabled": Entry(
            en: "The method needs a component that is not enabled (e.g. call tracking). Enable it under Account → Tariffs and options.",
            ru: "Для метода нужен платный компонент, который не подключён (например, коллтрекинг). Подключите его в «Аккаунт → Тарифы и опции»."),
        "uis.error.account_inactive": Entry(en: "The account is disabled. Contact UIS support.",
                                            ru: "Аккаунт отключён. Обратитесь в службу поддержки UIS."),
        "uis.error.limit_exceeded": Entry(
            en: "The API point limit per {period} is used up.{reset} Try again later, ask for less, or raise the limit under Account → Tariffs and options.",
            ru: "Исчерпан лимит баллов API ({period}).{reset} Повторите позже, сузьте запрос или увеличьте лимит в «Аккаунт → Тарифы и опции»."),
        "uis.limit.day": Entry(en: "day", ru: "суточный"),
        "uis.limit.minute": Entry(en: "minute", ru: "минутный"),
        "uis.limit.reset": Entry(en: " It resets in {seconds} s.", ru: " Лимит сбросится через {seconds} с."),
        "uis.error.filter_prohibited": Entry(
            en: "The field \"{field}\" cannot be filtered on. docs/uis.md lists the filterable fields.",
            ru: "По полю «{field}» нельзя фильтровать. Список полей с фильтрацией — в docs/uis.md."),
        "uis.error.sort_prohibited": Entry(
            en: "The field \"{field}\" cannot be sorted on. docs/uis.md lists the sortable fields.",
            ru: "По полю «{field}» нельзя сортировать. Список полей с сортировкой — в docs/uis.md."),
        "uis.error.unexpected_parameters": Entry(
            en: "The API does not know the parameter or field \"{field}\". Check the spelling in --filter, --sort and --fields.",
            ru: "API не знает параметр или поле «{field}». Проверьте написание в --filter, --sort и --fields."),
        "uis.error.invalid_parameter_value": Entry(
            en: "Invalid value for \"{field}\". Check the value (regular expression, jsquery, limit ≤ 10000, offset ≤ 100000).",
            ru: "Недопустимое значение параметра «{field}». Проверьте значение (регулярное выражение, jsquery, limit ≤ 10000, offset ≤ 100000)."),
        "uis.error.required_parameter_missed": Entry(en: "The required parameter \"{field}\" is missing.",
                                                     ru: "Не указан обязательный параметр «{field}»."),
        "uis.error.data_type_error": Entry(
            en: "The value of \"{field}\" has the wrong type (e.g. text where a number is expected). Fix the filter value.",
            ru: "Значение «{field}» неверного типа (например, текст вместо числа). Исправьте значение в фильтре."),
        "uis.error.invalid_parameters_combination": Entry(en: "This combination of parameters is not allowed.",
                                                          ru: "Такое сочетание параметров не допускается."),
        "uis.error.date_interval_limit_reached": Entry(en: "The date range is longer than 3 months. Split the request.",
                                                       ru: "Период больше 3 месяцев. Разбейте запрос на части."),
        "uis.error.method_not_found": Entry(
            en: "The method \"{method}\" does not exist or is not available. Check the API version (v2.0) and the host.",
            ru: "Метод «{method}» не существует или недоступен. Проверьте версию API (v2.0) и хост."),
        "uis.error.internal_error": Entry(
            en: "UIS internal error (retries did not help). Try again later; if it persists, contact UIS support.",
            ru: "Внутренняя ошибка UIS (повторы не помогли). Повторите позже; если не пройдёт — обратитесь в поддержку UIS."),
        "uis.error.protocol": Entry(
            en: "The server did not accept the request as JSON-RPC 2.0. This is a ctbulk bug: please report it.",
            ru: "Сервер не принял запрос как JSON-RPC 2.0. Это ошибка ctbulk: сообщите о ней."),
        "uis.error.api_request_error": Entry(
            en: "The API refused the request with the error \"{mnemonic}\" (invalid parameters). Check --filter, --sort, --fields and the other options against docs/uis.md.",
            ru: "API отклонил запрос с ошибкой «{mnemonic}» (неверные параметры). Сверьте --filter, --sort, --fields и другие параметры с docs/uis.md."),
        "uis.error.api_access_error": Entry(
            en: "The API refused access with the error \"{mnemonic}\". Check the key, its user's rights and components, and the account in the cabinet. {advice}",
            ru: "API отказал в доступе с ошибкой «{mnemonic}». Проверьте ключ, права и компоненты его пользователя и аккаунт в личном кабинете. {advice}"),
        "uis.error.api_error": Entry(en: "The API returned the error \"{mnemonic}\".", ru: "API вернул ошибку «{mnemonic}»."),
        "uis.error.result_too_deep": Entry(
            en: "The filter matches {total} records, but API paging reaches no deeper than {reachable} (offset ≤ 100000 + limit). Narrow the filter (--filter), e.g. by status, category or number prefix, and fetch the parts one by one.",
            ru: "Под фильтр попадает {total} {total|запись|записи|записей}, а постраничный вывод API достаёт не глубже {reachable} (offset ≤ 100000 + limit). Сузьте фильтр (--filter), например по статусу, категории или префиксу номера, и выгрузите части по очереди."),
        "uis.error.incomplete_result": Entry(
            en: "Got {received} distinct records of {total}: the data changed while it was read. Run the command again.",
            ru: "Получено {received} разных записей из {total}: данные менялись во время чтения. Повторите команду."),
        "uis.error.transport": Entry(en: "Cannot reach the API ({reason}). Check the network, proxy and --uis-host.",
                                     ru: "Нет связи с API ({reason}). Проверьте сеть, прокси и --uis-host."),
        "uis.network_error": Entry(en: "network error", ru: "сетевая ошибка"),
        "uis.error.http_status": Entry(
            en: "The API answered HTTP {status} without a JSON-RPC answer. Check --uis-host (it should look like https://dataapi.uiscom.ru/v2.0) or try again later.",
            ru: "API ответил HTTP {status} без ответа JSON-RPC. Проверьте --uis-host (нужен адрес вида https://dataapi.uiscom.ru/v2.0) или повторите позже."),
        "uis.error.malformed_response": Entry(
            en: "The API's answer could not be read ({reason}). Check --uis-host; if it is right, please report this.",
            ru: "Ответ API не удалось разобрать ({reason}). Проверьте --uis-host; если адрес верный, сообщите об ошибке."),
        "uis.error.insecure_endpoint": Entry(
            en: "The API address must be https:// (plain http:// is allowed only for 127.0.0.1, ::1 and localhost).",
            ru: "Адрес API должен быть https:// (http:// допускается только для 127.0.0.1, ::1 и localhost)."),
        "uis.error.invalid_endpoint": Entry(
            en: "Cannot read the API address \"{value}\". Give a host (dataapi.uiscom.ru) or a full URL (https://dataapi.uiscom.ru/v2.0).",
            ru: "Не удалось разобрать адрес API «{value}». Укажите хост (dataapi.uiscom.ru) или полный адрес (https://dataapi.uiscom.ru/v2.0)."),
        "uis.error.credentials_missing": Entry(
            en: "No API key. Set UIS_ACCESS_TOKEN, pass --uis-token-file, or --login with the password in UIS_PASSWORD (or --sandbox to try things out).",
            ru: "Нет ключа API. Задайте переменную UIS_ACCESS_TOKEN, --uis-token-file или --login с паролем в UIS_PASSWORD (или --sandbox для пробы)."),
        "uis.error.token_file_unreadable": Entry(en: "Cannot read the token file {path} ({reason}), or it is empty.",
                                                 ru: "Не удалось прочитать файл ключа {path} ({reason}), или он пуст."),
        "uis.error.token_file_insecure": Entry(
            en: "The token file {path} can be read by group or others (mode {mode}). Run: chmod 600 {path}",
            ru: "Файл ключа {path} доступен на чтение группе или всем (права {mode}). Выполните: chmod 600 {path}"),
        "uis.error.invalid_argument": Entry(en: "\"{field}\" = {value} is outside the allowed range {range}.",
                                            ru: "Значение «{field}» = {value} вне допустимого диапазона {range}."),
        "uis.error.head_method": Entry(en: " in {method}", ru: " в {method}"),
        "uis.advice.numbers": Entry(
            en: "Give the key's user the number_management: select right («Управление номерами: просмотр»).",
            ru: "Дайте пользователю ключа право «Управление номерами: просмотр» (number_management: select)."),
        "uis.advice.sources_groups": Entry(
            en: "The method needs the «Data API для настройки» (Data API for configuration) component: enable it under Account → Tariffs and options, and check the rights of the key's user.",
            ru: "Для метода нужен компонент «Data API для настройки»: подключите его в «Аккаунт → Тарифы и опции» и проверьте права пользователя ключа."),
        "uis.advice.campaign_numbers": Entry(
            en: "The method needs one of the components call_tracking, consultant, lead or sitephone: enable one under Account → Tariffs and options.",
            ru: "Для метода нужен один из компонентов call_tracking, consultant, lead или sitephone: подключите его в «Аккаунт → Тарифы и опции»."),
        "uis.advice.default": Entry(
            en: "Give the key's user the right or the component this method needs (docs/uis.md lists them).",
            ru: "Дайте пользователю ключа право или компонент, нужные для этого метода (список — в docs/uis.md)."),
        "uis.deprecated": Entry(
            en: "warning: the UIS Data API says version {current} is deprecated (latest: {latest}); a deprecated version is served for two months only: update ctbulk.",
            ru: "предупреждение: UIS Data API сообщает, что версия {current} устарела (последняя: {latest}); устаревшая версия работает только два месяца — обновите ctbulk."),
        // --filter
        "uis.filter.missing_field": Entry(en: "no field name at the start (example: status=active)",
                                          ru: "нет имени поля в начале (пример: status=active)"),
        "uis.filter.missing_operator": Entry(en: "no operator after the field \"{part}\"; use one of: {operators}",
                                             ru: "после поля «{part}» нет оператора; допустимо: {operators}"),
        "uis.filter.unknown_operator": Entry(en: "unknown operator \"{part}\"; use one of: {operators}",
                                             ru: "неизвестный оператор «{part}»; допустимо: {operators}"),
        "uis.filter.missing_value": Entry(en: "no value after the operator \"{part}\" (write an empty string as \"\")",
                                          ru: "после оператора «{part}» нет значения (пустая строка пишется как \"\")"),
        "uis.filter.unexpected_value": Entry(en: "the operator \"{part}\" takes no value", ru: "оператор «{part}» не принимает значения"),
        "uis.filter.unterminated_quote": Entry(en: "unclosed quote: {part}", ru: "не закрыта кавычка: {part}"),
        "uis.filter.not_a_number": Entry(en: "\"{part}\" is not a number, and the field is numeric", ru: "«{part}» не число, а поле числовое"),
        "uis.filter.not_a_boolean": Entry(en: "\"{part}\" is not true/false", ru: "«{part}» не true/false"),
        "uis.filter.empty_list_item": Entry(en: "an empty list item (a stray comma?)", ru: "пустой элемент списка (лишняя запятая?)"),
        "uis.filter.head": Entry(en: "bad --filter \"{expression}\": {message}", ru: "ошибка в --filter \"{expression}\": {message}"),
        // ctbulk uis
        "uis.usage.sort": Entry(en: "bad --sort \"{text}\": use field or field:asc / field:desc (example: --sort name:desc)",
                                ru: "ошибка в --sort \"{text}\": нужно поле или поле:asc / поле:desc (пример: --sort name:desc)"),
        "uis.usage.limit_with_all": Entry(en: "--limit and --all do not go together: --limit reads one page, --all every page",
                                          ru: "--limit и --all вместе не используются: --limit читает одну страницу, --all — все"),
        "uis.sandbox": Entry(en: "Using the built-in UIS sandbox at {url} (no credentials needed).",
                             ru: "Встроенная песочница UIS: {url} (ключ не нужен)."),
        "uis.error_prefix": Entry(en: "error: {error}", ru: "ошибка: {error}"),
        "uis.page": Entry(en: "{method}: {shown} of {total} {total|record|records} (--all for every page)",
                          ru: "{method}: {shown} из {total} {total|записи|записей|записей} (все: --all)"),
        "uis.loading": Entry(en: "loading {method}: {done}/{total}", ru: "загрузка {method}: {done}/{total}"),
        "uis.records": Entry(en: "{method}: {n} {n|record|records}", ru: "{method}: {n} {n|запись|записи|записей}"),
    ]
}

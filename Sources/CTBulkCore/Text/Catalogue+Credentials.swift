extension Catalogue {
    /// Calltouch credentials and connection settings: which variable or file, and what to fix. Never the token.
    static let credentialEntries: [String: Entry] = [
        "credentials.token_empty": Entry(
            en: "The Calltouch access token is empty: put the token in CALLTOUCH_ACCESS_TOKEN or in the --token-file file.",
            ru: "Ключ доступа Calltouch пуст: укажите ключ в переменной CALLTOUCH_ACCESS_TOKEN или в файле --token-file."),
        "credentials.token_characters": Entry(
            en: "The Calltouch access token contains control characters or non-ASCII text: copy it again from the cabinet (Интеграции - API и Webhooks).",
            ru: "Ключ доступа Calltouch содержит управляющие символы или не латиницу: скопируйте его заново в кабинете (Интеграции - API и Webhooks)."),
        "credentials.site_empty": Entry(
            en: "The Calltouch site id is empty: set CALLTOUCH_SITE_ID or pass --site-id.",
            ru: "SiteId Calltouch пуст: задайте переменную CALLTOUCH_SITE_ID или --site-id."),
        "credentials.site_characters": Entry(
            en: "The Calltouch site id contains control characters or non-ASCII text: it is a number, e.g. 12345.",
            ru: "SiteId Calltouch содержит управляющие символы или не латиницу: это число, например 12345."),
        "credentials.no_token": Entry(
            en: "No Calltouch access token: set {variable} or pass --token-file PATH.",
            ru: "Нет ключа доступа Calltouch: задайте переменную {variable} или укажите --token-file ПУТЬ."),
        "credentials.no_site": Entry(
            en: "No Calltouch site id: set {variable} or pass --site-id.",
            ru: "Нет SiteId Calltouch: задайте переменную {variable} или укажите --site-id."),
        "credentials.file_open": Entry(en: "Cannot open the token file {path}: {reason}. Check the path and its permissions.",
                                       ru: "Не удалось открыть файл ключа {path}: {reason}. Проверьте путь и права доступа."),
        "credentials.file_stat": Entry(en: "Cannot inspect the token file {path}: {reason}.",
                                       ru: "Не удалось проверить файл ключа {path}: {reason}."),
        "credentials.file_not_regular": Entry(en: "The token file {path} is not a regular file: give the file that holds the token.",
                                              ru: "{path} не обычный файл: укажите файл, в котором лежит ключ."),
        "credentials.file_permissions": Entry(
            en: "The token file {path} is accessible by group or others (mode {mode}); run: chmod 600 {path}",
            ru: "Файл ключа {path} доступен группе или всем (права {mode}); выполните: chmod 600 {path}"),
        "credentials.file_read": Entry(en: "Cannot read the token file {path}: {reason}.",
                                       ru: "Не удалось прочитать файл ключа {path}: {reason}."),
        "credentials.file_too_large": Entry(
            en: "The token file {path} is larger than {n} {n|byte|bytes}: it should hold the token only.",
            ru: "Файл ключа {path} больше {n} {n|байта|байт|байт}: в нём должен быть только ключ."),
        "credentials.file_not_utf8": Entry(en: "The token file {path} is not UTF-8 text: save the token as plain text.",
                                           ru: "Файл ключа {path} не в UTF-8: сохраните ключ как обычный текст."),
        "credentials.file_empty": Entry(en: "The token file {path} is empty: put the access token in it.",
                                        ru: "Файл ключа {path} пуст: запишите в него ключ доступа."),
        "config.batch_size": Entry(en: "The read batch size must be at least 1 (got {value}).",
                                   ru: "Размер пакета чтения должен быть не меньше 1 (указано {value})."),
        "config.timeouts": Entry(en: "Timeouts must be positive.", ru: "Таймауты должны быть больше нуля."),
        "config.url_unparsable": Entry(en: "The base URL {url} cannot be parsed: give it as https://api.calltouch.ru.",
                                       ru: "Не удалось разобрать адрес API {url}: укажите его в виде https://api.calltouch.ru."),
        "config.url_scheme": Entry(en: "The base URL {url} must start with https://.", ru: "Адрес API {url} должен начинаться с https://."),
        "config.url_no_host": Entry(en: "The base URL {url} has no host.", ru: "В адресе API {url} нет хоста."),
        "config.url_extras": Entry(en: "The base URL {url} must not carry a user, a query or a fragment.",
                                   ru: "Адрес API {url} не должен содержать пользователя, параметры запроса или фрагмент."),
        "config.url_insecure": Entry(
            en: "Refusing plain http to {host}: the access token would travel unencrypted; use https:// (http is allowed only for loopback addresses: 127.0.0.0/8, localhost, ::1).",
            ru: "Отказ от http без шифрования к {host}: ключ доступа передавался бы открыто; используйте https:// (http допускается только для адресов этой машины: 127.0.0.0/8, localhost, ::1)."),
    ]
}

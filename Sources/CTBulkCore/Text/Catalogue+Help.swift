extension Catalogue {
    /// Command-line help: every command's abstract and discussion and every option's help, with the exit codes.
    static let helpEntries: [String: Entry] = [
        "help.apply.discussion": Entry(
            en: "Exit codes: 0 every row applied or already as desired; 1 some rows failed (see the failures report); 65 invalid job file; 66 unreadable file; 64 usage; 75 stopped and resumable (points budget spent, breaker, Ctrl-C, --max-requests); 77 credentials refused.",
            ru: "Коды выхода: 0 все строки применены или уже были как нужно; 1 часть строк не применена (см. отчёт об ошибках); 65 в файле задания ошибки; 66 файл не читается; 64 ошибка в параметрах; 75 запуск остановлен, его можно продолжить (исчерпан лимит баллов, сработал предохранитель, Ctrl-C, --max-requests); 77 ключ доступа отклонён."),
        "help.apply.abstract": Entry(
            en: "Apply a job file or a saved plan: one request per number at the API's rate, journaled and resumable.",
            ru: "Применить файл задания или сохранённый план: один запрос на номер в темпе API, с журналом и возможностью продолжить."),
        "help.status.abstract": Entry(
            en: "The runs in the journal with their counts, or one run's rows by outcome.",
            ru: "Запуски из журнала с итогами по строкам или строки одного запуска по результатам."),
        "help.apply.file": Entry(
            en: "A job file (CSV or JSON) or a plan saved with `plan --out`. Omit with --resume.",
            ru: "Файл задания (CSV или JSON) или план, сохранённый командой `plan --out`. Не нужен с --resume."),
        "help.apply.encoding": Entry(
            en: "Override the detected encoding: utf-8, cp1251, utf-16le, utf-16be.",
            ru: "Задать кодировку вместо определённой автоматически: utf-8, cp1251, utf-16le, utf-16be."),
        "help.apply.delimiter": Entry(
            en: "Override the sniffed delimiter: ',' ';' or tab.",
            ru: "Задать разделитель вместо определённого по содержимому: ',' ';' или tab."),
        "help.apply.journal": Entry(
            en: "The journal (SQLite).",
            ru: "Журнал (SQLite)."),
        "help.apply.yes": Entry(
            en: "Do not ask for confirmation (cron). Without a terminal and without --yes, apply exits 64.",
            ru: "Не спрашивать подтверждения (cron). Без терминала и без --yes apply завершается с кодом 64."),
        "help.apply.resume": Entry(
            en: "Continue the newest unfinished run in the journal.",
            ru: "Продолжить последний незавершённый запуск из журнала."),
        "help.apply.noVerify": Entry(
            en: "Do not read the account back after apply (saves the reads; exit 0 then means every request was accepted).",
            ru: "Не перечитывать аккаунт после применения (экономит чтения; тогда код 0 значит лишь, что все запросы приняты)."),
        "help.apply.canary": Entry(
            en: "Apply the first N rows, show their results, and pause (continue with --resume).",
            ru: "Пробная партия: применить первые N строк, показать результат и остановиться (продолжить: --resume)."),
        "help.apply.concurrency": Entry(
            en: "Requests in flight at once (default: twice the rate, 4 to 64).",
            ru: "Сколько запросов в работе одновременно (по умолчанию вдвое больше --rate, от 4 до 64)."),
        "help.apply.maxAttempts": Entry(
            en: "Attempts per request, the first included.",
            ru: "Попыток на запрос, включая первую."),
        "help.apply.maxRequests": Entry(
            en: "Stop (resumable) after this many requests.",
            ru: "Остановиться (с возможностью продолжить) после стольких запросов."),
        "help.apply.breakerConsecutive": Entry(
            en: "Breaker: stop after this many failed rows in a row.",
            ru: "Предохранитель: остановиться после стольких строк с ошибкой подряд."),
        "help.apply.breakerShare": Entry(
            en: "Breaker: stop when more than this share of rows failed, after --breaker-min-rows rows.",
            ru: "Предохранитель: остановиться, когда доля строк с ошибкой больше этой (после --breaker-min-rows строк)."),
        "help.apply.breakerMinRows": Entry(
            en: "Breaker: rows before the failure share is judged.",
            ru: "Предохранитель: сколько строк обработать, прежде чем оценивать долю ошибок."),
        "help.apply.logFile": Entry(
            en: "Audit log: one JSON line per request (never the token).",
            ru: "Журнал запросов: одна строка JSON на запрос (без ключа доступа)."),
        "help.apply.reportDir": Entry(
            en: "Where to write results.csv, failures.csv (.xlsx for an .xlsx job) and summary.json (default .ctbulk/runs/RUN).",
            ru: "Куда записать results.csv, failures.csv (.xlsx для задания в .xlsx) и summary.json (по умолчанию .ctbulk/runs/НОМЕР)."),
        "help.apply.quiet": Entry(
            en: "No progress output (cron).",
            ru: "Без индикатора хода работы (cron)."),
        "help.status.runID": Entry(
            en: "A run id.",
            ru: "Номер запуска."),
        "help.status.format": Entry(
            en: "Output format: text or json.",
            ru: "Формат вывода: text или json."),
        "help.ctbulk.abstract": Entry(
            en: "Bulk-update Calltouch static call-tracking numbers from spreadsheets, safely.",
            ru: "Массовое изменение статических номеров коллтрекинга Calltouch по таблицам — безопасно."),
        "help.common.language": Entry(
            en: "Language of messages: en or ru (default: from LC_ALL, LC_MESSAGES, LANG).",
            ru: "Язык сообщений: ru или en (по умолчанию — из LC_ALL, LC_MESSAGES, LANG)."),
        "help.input.file": Entry(
            en: "The job file: Excel (.xlsx), CSV (as Excel writes it) or JSON (API-shaped).",
            ru: "Файл задания: Excel (.xlsx), CSV (как его сохраняет Excel) или JSON (в формате API)."),
        "help.inventory.inventory": Entry(
            en: "Check every number against an inventory: 'uis' (get.virtual_numbers: connected, active, not used by campaigns or scenarios).",
            ru: "Проверить каждый номер по реестру: 'uis' (get.virtual_numbers: подключён, активен, не занят кампаниями и сценариями)."),
        "help.inventory.uisHost": Entry(
            en: "UIS Data API host: uis (dataapi.uiscom.ru), comagic (dataapi.comagic.ru), a host name or a full URL.",
            ru: "Хост UIS Data API: uis (dataapi.uiscom.ru), comagic (dataapi.comagic.ru), имя хоста или полный адрес."),
        "help.inventory.uisTokenFile": Entry(
            en: "Read the UIS access token from this file (chmod 600); else UIS_ACCESS_TOKEN.",
            ru: "Читать ключ UIS из этого файла (chmod 600); иначе из UIS_ACCESS_TOKEN."),
        "help.inventory.uisUserId": Entry(
            en: "UIS user_id (required for agents).",
            ru: "user_id в UIS (нужен агентам)."),
        "help.inventory.uisLogin": Entry(
            en: "Log in to UIS with this login (password from UIS_PASSWORD) instead of a token.",
            ru: "Войти в UIS с этим логином (пароль из UIS_PASSWORD) вместо ключа."),
        "help.inventory.uisSandbox": Entry(
            en: "Use the built-in sandbox's UIS API for the inventory check.",
            ru: "Проверять по UIS API встроенной песочницы."),
        "help.plan.discussion": Entry(
            en: "Exit codes: 0 success, 65 invalid job file or rows the API does not know, 66 unreadable file, 77 credentials refused, 75 points budget spent. With --detailed-exitcode: 0 no changes, 2 changes pending, 1 failure, 65 invalid input.",
            ru: "Коды выхода: 0 успех, 65 ошибки в файле задания или номера, которых API не знает, 66 файл не читается, 77 ключ доступа отклонён, 75 исчерпан лимит баллов. С --detailed-exitcode: 0 изменений нет, 2 есть изменения, 1 сбой, 65 ошибки во входных данных."),
        "help.plan.abstract": Entry(
            en: "Dry run: validate, read live state, and show per row and field what a job would change.",
            ru: "Пробный прогон: проверить файл, прочитать состояние и показать по строкам и полям, что изменит задание."),
        "help.api.sandbox": Entry(
            en: "Start the built-in sandbox in-process on a free loopback port and use it (no credentials needed).",
            ru: "Запустить встроенную песочницу на свободном порту этой машины и работать с ней (учётные данные не нужны)."),
        "help.api.baseURL": Entry(
            en: "API base URL (default https://api.calltouch.ru). Plain http is refused unless the host is loopback.",
            ru: "Адрес API (по умолчанию https://api.calltouch.ru). http без шифрования допускается только для адресов этой машины."),
        "help.api.siteId": Entry(
            en: "Calltouch SiteId (else CALLTOUCH_SITE_ID).",
            ru: "SiteId Calltouch (иначе из CALLTOUCH_SITE_ID)."),
        "help.api.tokenFile": Entry(
            en: "Read the access token from this file (chmod 600); else CALLTOUCH_ACCESS_TOKEN.",
            ru: "Читать ключ доступа из этого файла (chmod 600); иначе из CALLTOUCH_ACCESS_TOKEN."),
        "help.api.rate": Entry(
            en: "Requests per second for everything the run sends (the API allows 5 per IP).",
            ru: "Запросов в секунду для всего, что отправляет запуск (API допускает 5 с одного IP)."),
        "help.api.rateMargin": Entry(
            en: "Milliseconds added to every one-second window of the rate limit (default 8, or 15 while other ctbulk processes use the same API; 0-250). Smaller uses more of the limit; a 429 from the API widens it.",
            ru: "Миллисекунд запаса к каждому секундному окну лимита (по умолчанию 8, или 15, пока тот же API используют другие процессы ctbulk; 0–250). Меньше — ближе к лимиту; ответ 429 от API увеличивает запас."),
        "help.api.readBatchSize": Entry(
            en: "Numbers per read of live state (the API's limit is unpublished).",
            ru: "Номеров за одно чтение состояния (лимит API не опубликован)."),
        "help.api.createPath": Entry(
            en: "Path of the unpublished free-number method (default .../ad-platform/phone/create).",
            ru: "Путь неопубликованного метода для свободных номеров (по умолчанию .../ad-platform/phone/create)."),
        "help.api.listPath": Entry(
            en: "Path of the unpublished array-read method (default .../ad-platform/phone/list).",
            ru: "Путь неопубликованного метода чтения списком (по умолчанию .../ad-platform/phone/list)."),
        "help.api.timeout": Entry(
            en: "Seconds to wait for one answer.",
            ru: "Сколько секунд ждать одного ответа."),
        "help.api.stateDir": Entry(
            en: "Machine-wide folder of run locks and the shared rate limit (else CTBULK_STATE_DIR, else ~/.local/state/ctbulk).",
            ru: "Общая для машины папка блокировок запусков и общего лимита частоты (иначе CTBULK_STATE_DIR, иначе ~/.local/state/ctbulk)."),
        "help.plan.out": Entry(
            en: "Save the plan (input hash, normalised rows, live state, actions) for apply.",
            ru: "Сохранить план (хеш файла, нормализованные строки, состояние, действия) для apply."),
        "help.plan.report": Entry(
            en: "Write the plan for approval here (.csv or .xlsx): one row per number with before and after per changed field, the action and the cost. When the file has errors: the validation report.",
            ru: "Записать сюда план на согласование (.csv или .xlsx): по строке на номер, «было» и «станет» для каждого меняемого поля, действие и стоимость. Если в файле ошибки — отчёт проверки."),
        "help.plan.detailedExitcode": Entry(
            en: "Exit 0 when nothing would change, 2 when changes are pending, 1 on failure (as Terraform).",
            ru: "Код 0, если ничего не изменится, 2 — если есть изменения, 1 — при сбое (как в Terraform)."),
        "help.plan.showUnchanged": Entry(
            en: "List rows that are already as desired one by one.",
            ru: "Показать по одной и строки, которые уже как нужно."),
        "help.reconcile.abstract": Entry(
            en: "Compare the account with a job file: drift per row and field; --apply puts it right.",
            ru: "Сверить аккаунт с файлом задания: расхождения по строкам и полям; --apply их исправляет."),
        "help.reconcile.discussion": Entry(
            en: "Exit codes for cron: 0 in sync, 2 drift found, 1 failure, 65 invalid job file, 75 another run holds the lock or the run stopped (resumable), 77 credentials refused.",
            ru: "Коды выхода для cron: 0 совпадает, 2 есть расхождения, 1 сбой, 65 ошибки в файле задания, 75 задание уже выполняется или запуск остановлен (можно продолжить), 77 ключ доступа отклонён."),
        "help.export.abstract": Entry(
            en: "Write the live settings of numbers as a job file apply accepts (or the before-image of a run, to undo it).",
            ru: "Выгрузить текущие настройки номеров в файл задания для apply (или состояние до запуска — чтобы его откатить)."),
        "help.run.abstract": Entry(
            en: "Run a job spec (jobs/*.json): its mode, input, account (by variable names), rate, report and metrics paths.",
            ru: "Выполнить описание задания (jobs/*.json): режим, файл, аккаунт (по именам переменных), частота, пути отчётов и метрик."),
        "help.run.discussion": Entry(
            en: "A cron line is `ctbulk run jobs/nightly-reconcile.json`. Exit codes are those of the spec's mode; 75 when another run of the same job and account is active.",
            ru: "Строка cron: `ctbulk run jobs/nightly-reconcile.json`. Коды выхода — как у режима задания; 75, если это задание для этого аккаунта уже выполняется."),
        "help.reconcile.report": Entry(
            en: "CSV report in the job's dialect: every row with its drift status and the live values.",
            ru: "CSV-отчёт в формате файла задания: каждая строка с её расхождением и текущими значениями."),
        "help.reconcile.apply": Entry(
            en: "Fix the drift through the same journaled, rate-limited, resumable path as apply; exit 0 once converged.",
            ru: "Исправить расхождения тем же путём, что и apply (журнал, ограничение частоты, продолжение); код 0, когда всё сошлось."),
        "help.reconcile.yes": Entry(
            en: "With --apply: fix without asking (cron). Without a terminal and without --yes, --apply exits 64.",
            ru: "С --apply: исправлять без вопроса (cron). Без терминала и без --yes --apply завершается с кодом 64."),
        "help.reconcile.noVerify": Entry(
            en: "With --apply: do not read the account back after fixing (saves the reads).",
            ru: "С --apply: не перечитывать аккаунт после исправления (экономит чтения)."),
        "help.reconcile.metricsFile": Entry(
            en: "Write Prometheus text-format metrics here (atomically), for node_exporter's textfile collector.",
            ru: "Записать сюда метрики Prometheus (атомарно) для textfile collector из node_exporter."),
        "help.reconcile.jobName": Entry(
            en: "The job label in the metrics (default: the job file's name).",
            ru: "Имя задания в метриках (по умолчанию — имя файла задания)."),
        "help.reconcile.journal": Entry(
            en: "The journal (SQLite) used by --apply and for the run lock.",
            ru: "Журнал (SQLite) для --apply и блокировки запуска."),
        "help.reconcile.reportDir": Entry(
            en: "Where --apply writes its reports (default .ctbulk/runs/RUN).",
            ru: "Куда --apply пишет отчёты (по умолчанию .ctbulk/runs/НОМЕР)."),
        "help.export.file": Entry(
            en: "A job file or a plain list of numbers (one per line) whose live settings to export.",
            ru: "Файл задания или простой список номеров (по одному в строке), чьи настройки выгрузить."),
        "help.export.numbers": Entry(
            en: "Same as the FILE argument.",
            ru: "То же, что аргумент FILE."),
        "help.export.pool": Entry(
            en: "Export every number in this pool (found through call-redirect/list).",
            ru: "Выгрузить все номера этого пула (через call-redirect/list)."),
        "help.export.redirectId": Entry(
            en: "Export every number of this redirect scenario (repeatable).",
            ru: "Выгрузить все номера этого сценария переадресации (можно повторять)."),
        "help.export.undoFor": Entry(
            en: "Write the before-image of this finished apply run (a job that restores it).",
            ru: "Записать состояние до этого завершённого запуска apply (задание, которое его восстановит)."),
        "help.export.journal": Entry(
            en: "The journal (for --undo-for).",
            ru: "Журнал (для --undo-for)."),
        "help.export.format": Entry(
            en: "csv or json (API-shaped).",
            ru: "csv или json (в формате API)."),
        "help.export.excel": Entry(
            en: "CSV as Excel reads it best: UTF-8 with BOM and ';' (default: plain UTF-8 with ',').",
            ru: "CSV так, как его лучше читает Excel: UTF-8 с BOM и ';' (по умолчанию — UTF-8 и ',')."),
        "help.export.out": Entry(
            en: "The file to write.",
            ru: "Файл, в который писать."),
        "help.run.spec": Entry(
            en: "The job spec (JSON).",
            ru: "Описание задания (JSON)."),
        "help.run.yes": Entry(
            en: "Write without asking (cron). Without a terminal and without --yes, a spec that writes exits 64.",
            ru: "Записывать без вопроса (cron). Без терминала и без --yes задание с записью завершается с кодом 64."),
        "help.run.quiet": Entry(
            en: "No progress output.",
            ru: "Без индикатора хода работы."),
        "help.sandbox.discussion": Entry(
            en: "Admin routes (no token): GET /_sandbox/state, GET /_sandbox/stats, POST /_sandbox/reset, POST /_sandbox/budget, PUT /_sandbox/numbers/<number>, DELETE /_sandbox/numbers/<number>. Faults: --faults \"5xx=0.1,hang=0.05,drop=0.02,malformed=0.01\" (rates per request, reproducible with --seed).",
            ru: "Служебные адреса (без ключа): GET /_sandbox/state, GET /_sandbox/stats, POST /_sandbox/reset, POST /_sandbox/budget, PUT /_sandbox/numbers/<номер>, DELETE /_sandbox/numbers/<номер>. Сбои: --faults \"5xx=0.1,hang=0.05,drop=0.02,malformed=0.01\" (доля запросов; повторяемо с --seed)."),
        "help.sandbox.abstract": Entry(
            en: "Serve the embedded fake of the Calltouch and UIS APIs on 127.0.0.1 (Ctrl-C to stop).",
            ru: "Запустить встроенную имитацию API Calltouch и UIS на 127.0.0.1 (остановить: Ctrl-C)."),
        "help.sandbox.port": Entry(
            en: "Port on 127.0.0.1 (0 picks a free one).",
            ru: "Порт на 127.0.0.1 (0 — любой свободный)."),
        "help.sandbox.numbers": Entry(
            en: "Seed N generated numbers (a deterministic share of them in pools).",
            ru: "Создать N номеров (определённая доля из них — в пулах)."),
        "help.sandbox.state": Entry(
            en: "Seed from a job-shaped file (a row with settings is a used number, a row with only a number a free one), or 'demo'.",
            ru: "Заполнить из файла в формате задания (строка с настройками — занятый номер, только номер — свободный) или 'demo'."),
        "help.sandbox.rateLimit": Entry(
            en: "Requests per sliding second per client (0: no limit).",
            ru: "Запросов в скользящую секунду на клиента (0 — без ограничения)."),
        "help.sandbox.budget": Entry(
            en: "Daily points budget (one point per successful request).",
            ru: "Дневной лимит баллов (балл за каждый успешный запрос)."),
        "help.sandbox.latency": Entry(
            en: "Added latency per request, milliseconds.",
            ru: "Добавочная задержка на запрос, миллисекунды."),
        "help.sandbox.faults": Entry(
            en: "Injected faults, e.g. '5xx=0.1,hang=0.05,drop=0.02,malformed=0.01'.",
            ru: "Искусственные сбои, например '5xx=0.1,hang=0.05,drop=0.02,malformed=0.01'."),
        "help.sandbox.seed": Entry(
            en: "Seed for generated numbers and fault decisions.",
            ru: "Зерно для создаваемых номеров и решений о сбоях."),
        "help.sandbox.token": Entry(
            en: "The only access token accepted.",
            ru: "Единственный принимаемый ключ доступа."),
        "help.sandbox.siteId": Entry(
            en: "The only SiteId accepted.",
            ru: "Единственный принимаемый SiteId."),
        "help.uis.discussion": Entry(
            en: "Credentials: UIS_ACCESS_TOKEN, --uis-token-file (chmod 600), or --login with UIS_PASSWORD; --sandbox needs none. Exit codes: 0 ok, 64 usage or a request the API rejected, 75 point limit spent, 77 authentication, 1 API failure.",
            ru: "Учётные данные: UIS_ACCESS_TOKEN, --uis-token-file (chmod 600) или --login с UIS_PASSWORD; с --sandbox не нужны. Коды выхода: 0 успех, 64 ошибка в параметрах или запрос отклонён API, 75 исчерпан лимит баллов, 77 ошибка авторизации, 1 сбой API."),
        "help.uis.abstract": Entry(
            en: "List UIS / CoMagic virtual numbers, available numbers, campaign numbers and source groups.",
            ru: "Списки UIS / CoMagic: виртуальные номера, доступные номера, номера для кампаний и группы источников."),
        "help.virtual-numbers.abstract": Entry(
            en: "Connected virtual numbers (get.virtual_numbers).",
            ru: "Подключённые виртуальные номера (get.virtual_numbers)."),
        "help.available-numbers.abstract": Entry(
            en: "Numbers that can be connected (get.available_virtual_numbers).",
            ru: "Номера, которые можно подключить (get.available_virtual_numbers)."),
        "help.campaign-numbers.abstract": Entry(
            en: "Numbers a campaign can use (get.campaign_available_phone_numbers).",
            ru: "Номера, доступные кампании (get.campaign_available_phone_numbers)."),
        "help.source-groups.abstract": Entry(
            en: "Source groups (get.sources_groups).",
            ru: "Группы источников (get.sources_groups)."),
        "help.uis.any": Entry(
            en: "Combine the --filter conditions with OR instead of AND.",
            ru: "Объединять условия --filter через ИЛИ, а не через И."),
        "help.uis.limit": Entry(
            en: "Read one page of N records (1...10000; the API's default is 1000).",
            ru: "Прочитать одну страницу из N записей (1...10000; по умолчанию в API — 1000)."),
        "help.uis.offset": Entry(
            en: "Start at record N (0...100000).",
            ru: "Начать с записи N (0...100000)."),
        "help.uis.all": Entry(
            en: "Read every page (up to the API's paging depth of offset 100000 + page size).",
            ru: "Прочитать все страницы (до глубины постраничного вывода API: offset 100000 + размер страницы)."),
        "help.uis.format": Entry(
            en: "Output: table, csv (Excel-ready) or json.",
            ru: "Вывод: table, csv (для Excel) или json."),
        "help.uis.host": Entry(
            en: "uis (default), comagic, a host, or a full base URL.",
            ru: "uis (по умолчанию), comagic, хост или полный адрес API."),
        "help.uis.tokenFile": Entry(
            en: "Read the API key from this file (owner-only, chmod 600).",
            ru: "Читать ключ API из этого файла (только для владельца, chmod 600)."),
        "help.uis.userID": Entry(
            en: "For agents: the client user to act for (get.customer_users).",
            ru: "Для агентов: пользователь-клиент, от имени которого работать (get.customer_users)."),
        "help.uis.login": Entry(
            en: "Log in with login.user as this user; the password is read from UIS_PASSWORD.",
            ru: "Войти через login.user под этим пользователем; пароль берётся из UIS_PASSWORD."),
        "help.uis.sandbox": Entry(
            en: "Use the built-in sandbox (fake data, no credentials).",
            ru: "Работать со встроенной песочницей (вымышленные данные, без учётных данных)."),
        "help.uis.stateDir": Entry(
            en: "Machine-wide folder of the shared rate limit (else CTBULK_STATE_DIR, else ~/.local/state/ctbulk).",
            ru: "Общая для машины папка общего лимита частоты (иначе CTBULK_STATE_DIR, иначе ~/.local/state/ctbulk)."),
        "help.uis.width": Entry(
            en: "Table width (default: the terminal's).",
            ru: "Ширина таблицы (по умолчанию — ширина терминала)."),
        "help.uis.filters": Entry(
            en: "A condition: 'status=active', 'category in gold,silver', 'virtual_phone_number like 7495%', 'comment is_null', 'id >= 10'. Repeat to combine (AND).",
            ru: "Условие: 'status=active', 'category in gold,silver', 'virtual_phone_number like 7495%', 'comment is_null', 'id >= 10'. Повторите, чтобы объединить (И)."),
        "help.uis.sort": Entry(
            en: "Sort by a field: 'name' or 'name:desc'. Repeatable.",
            ru: "Сортировать по полю: 'name' или 'name:desc'. Можно повторять."),
        "help.uis.fields": Entry(
            en: "Fields to return, comma-separated.",
            ru: "Какие поля вернуть, через запятую."),
        "help.validate.abstract": Entry(
            en: "Check a job file row by row and explain every problem by row, column and value.",
            ru: "Проверить файл задания построчно и объяснить каждую проблему: строка, столбец, значение."),
        "help.validate.discussion": Entry(
            en: "Exit codes: 0 no errors (warnings allowed), 65 errors found, 66 file unreadable, 64 usage error.",
            ru: "Коды выхода: 0 ошибок нет (предупреждения допустимы), 65 найдены ошибки, 66 файл не читается, 64 ошибка в параметрах."),
        "help.validate.report": Entry(
            en: "Write a CSV report in the input's own dialect with row, status, code and message added.",
            ru: "Записать CSV-отчёт в формате входного файла с добавленными строкой, статусом, кодом и сообщением."),
        "help.validate.all": Entry(
            en: "Print every problem, not only the first 50.",
            ru: "Показать все проблемы, а не только первые 50."),
        "help.celllimit.maxCellBytes": Entry(
            en: "The largest cell accepted, in bytes (default 65536). A larger cell is an error (cell.too_large) and is never held in memory.",
            ru: "Наибольший допустимый размер ячейки в байтах (по умолчанию 65536). Больше — ошибка (cell.too_large), такая ячейка не держится в памяти."),
        "help.ctbulk.discussion": Entry(
            en: "Exit codes (every command):\n  0   done: every row applied or already as desired, and read back so (apply); in sync (reconcile); no problem that stops (validate)\n  1   some rows were not applied or are not as desired (listed in failures.csv, and the reason printed); an API failure that retries did not cure\n  2   plan --detailed-exitcode: changes pending; reconcile: drift found\n  64  usage: a bad option; a write without --yes and without a terminal to ask on; a declined --rate above the limit; a plan for another account\n  65  the job file has errors (validate lists them)\n  66  the job file cannot be read\n  74  the journal cannot be read or written: the message says which file and what to do\n  75  stopped and resumable: Ctrl-C, points budget, breaker, --max-requests, rate-limited; or the same job runs already on this machine\n  77  the API refused the credentials, or the token file is readable by others\n  78  the API answered with a redirect: --base-url is wrong; nothing was changed by that request\n\nLanguage: --lang en|ru; else LC_ALL, LC_MESSAGES or LANG (ru_* is Russian, anything else English); a job spec may set \"language\".",
            ru: "Коды выхода (для всех команд):\n  0   готово: все строки применены или уже были как нужно, и проверка это подтвердила (apply); расхождений нет (reconcile); нет проблем, которые мешают (validate)\n  1   часть строк не применена или не такая, как нужно (они в failures.csv, причина выведена); сбой API, который не прошёл после повторов\n  2   plan --detailed-exitcode: есть изменения; reconcile: найдены расхождения\n  64  ошибка в параметрах; запись без --yes и без терминала для вопроса; не подтверждён --rate выше лимита; план для другого аккаунта\n  65  в файле задания ошибки (их перечисляет validate)\n  66  файл задания не читается\n  74  журнал не читается или не записывается: сообщение называет файл и что сделать\n  75  запуск остановлен, его можно продолжить: Ctrl-C, лимит баллов, предохранитель, --max-requests, ограничение частоты; или это задание уже выполняется на этой машине\n  77  API отклонил ключ доступа, или файл ключа доступен другим\n  78  API ответил перенаправлением: неверный --base-url; этот запрос ничего не изменил\n\nЯзык: --lang ru|en; иначе LC_ALL, LC_MESSAGES или LANG (ru_* — русский, иначе английский); описание задания может задать \"language\"."),
    ]
}

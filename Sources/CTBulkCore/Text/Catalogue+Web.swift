extension Catalogue {
    /// `ctbulk serve`: every text of the web app and of the serve command's console lines.
    static let webEntries: [String: Entry] = [
        // The serve command.
        "web.serve.listening": Entry(
            en: "ctbulk serve: open {url} in a browser (account: {account}; data folder: {data}). Ctrl-C stops the server.",
            ru: "ctbulk serve: откройте {url} в браузере (аккаунт: {account}; папка данных: {data}). Ctrl-C останавливает сервер."),
        "web.serve.generatedSecret": Entry(
            en: "Access secret for this server (the browser asks for it once): {secret}",
            ru: "Ключ доступа к этому серверу (браузер спросит его один раз): {secret}"),
        "web.serve.passwordMissing": Entry(en: "{path}: cannot read the password file.", ru: "{path}: не удаётся прочитать файл с паролем."),
        "web.serve.passwordOpen": Entry(
            en: "{path}: the password file is readable by others; make it owner-only (chmod 600).",
            ru: "{path}: файл с паролем доступен другим пользователям; оставьте доступ только владельцу (chmod 600)."),
        "web.serve.passwordShort": Entry(
            en: "{path}: the password must be at least 8 characters (first line of the file).",
            ru: "{path}: пароль должен быть не короче 8 символов (первая строка файла)."),

        // Frame, navigation, errors, login.
        "web.nav.uploads": Entry(en: "Files", ru: "Файлы"),
        "web.nav.live": Entry(en: "Current run", ru: "Текущий запуск"),
        "web.nav.runs": Entry(en: "Runs", ru: "Запуски"),
        "web.nav.reconcile": Entry(en: "Reconcile", ru: "Сверка"),
        "web.problem.headerUnknown": Entry(
            en: "Column «{header}» is not recognised and its data is ignored. Choose its field in «How the file was read» above.",
            ru: "Столбец «{header}» не распознан, его данные не используются. Выберите для него поле в блоке «Как прочитан файл» выше."),
        "web.problem.headerUnknownSuggestion": Entry(
            en: "Column «{header}» is not recognised and its data is ignored. Maybe it is «{label}»? Choose its field in «How the file was read» above.",
            ru: "Столбец «{header}» не распознан, его данные не используются. Может быть, это «{label}»? Выберите для него поле в блоке «Как прочитан файл» выше."),
        "web.nav.account": Entry(en: "Account: {account}", ru: "Аккаунт: {account}"),
        "web.error.title": Entry(en: "Something went wrong", ru: "Что-то пошло не так"),
        "web.error.back": Entry(en: "Back to the files", ru: "К списку файлов"),
        "web.error.notFound": Entry(en: "No such page or file (it may have been deleted).", ru: "Такой страницы или файла нет (возможно, его удалили)."),
        "web.error.csrf": Entry(
            en: "The request was refused: the page is out of date or came from another site. Reload the page and try again.",
            ru: "Запрос отклонён: страница устарела или пришла с другого сайта. Обновите страницу и повторите."),
        "web.login.title": Entry(en: "Access secret", ru: "Ключ доступа"),
        "web.login.intro": Entry(
            en: "This server is shared: enter the access secret its operator gave you.",
            ru: "Этот сервер общий: введите ключ доступа, который вам дал администратор."),
        "web.login.secret": Entry(en: "Access secret", ru: "Ключ доступа"),
        "web.login.submit": Entry(en: "Sign in", ru: "Войти"),
        "web.login.failed": Entry(en: "Wrong access secret.", ru: "Неверный ключ доступа."),
        "web.size.mb": Entry(en: "{n} MB", ru: "{n} МБ"),
        "web.size.kb": Entry(en: "{n} KB", ru: "{n} КБ"),
        "web.filter.apply": Entry(en: "Show", ru: "Показать"),

        // Screen 1: uploads.
        "web.uploads.heading": Entry(en: "Upload a job file", ru: "Загрузите файл задания"),
        "web.uploads.title": Entry(en: "Uploaded files", ru: "Загруженные файлы"),
        "web.uploads.none": Entry(en: "No files yet.", ru: "Файлов пока нет."),
        "web.uploads.file": Entry(en: "File", ru: "Файл"),
        "web.uploads.when": Entry(en: "Uploaded", ru: "Загружен"),
        "web.uploads.rows": Entry(en: "Rows", ru: "Строк"),
        "web.uploads.status": Entry(en: "Check", ru: "Проверка"),
        "web.uploads.valid": Entry(en: "no errors", ru: "без ошибок"),
        "web.uploads.delete": Entry(en: "Delete", ru: "Удалить"),
        "web.upload.drop": Entry(en: "Drag a job file here", ru: "Перетащите сюда файл задания"),
        "web.upload.choose": Entry(en: "or choose a file", ru: "или выберите файл"),
        "web.upload.hint": Entry(en: "Excel (.xlsx), CSV or JSON, up to {limit}.", ru: "Excel (.xlsx), CSV или JSON, не больше {limit}."),
        "web.upload.uploading": Entry(en: "Uploading…", ru: "Загружаю…"),
        "web.upload.tooLarge": Entry(
            en: "The file is too large: at most {limit} is accepted. Split it into several files.",
            ru: "Файл слишком большой: принимается не больше {limit}. Разделите его на несколько файлов."),
        "web.upload.empty": Entry(en: "The file is empty.", ru: "Файл пустой."),
        "web.upload.unsupported": Entry(
            en: "«{name}»: only .xlsx, .csv and .json files are accepted.",
            ru: "«{name}»: принимаются только файлы .xlsx, .csv и .json."),

        // Screen 2: validation.
        "web.count.rows": Entry(en: "{n} {n|row|rows} read", ru: "прочитано {n} {n|строка|строки|строк}"),
        "web.count.ok": Entry(en: "{n} without problems", ru: "без замечаний: {n}"),
        "web.count.rowsWithWarnings": Entry(en: "{n} with warnings", ru: "с предупреждениями: {n}"),
        "web.count.rowsWithErrors": Entry(en: "{n} with errors", ru: "с ошибками: {n}"),
        "web.count.blank": Entry(en: "{n} blank", ru: "пустых: {n}"),
        "web.count.duplicates": Entry(en: "{n} repeated (sent once)", ru: "повторов: {n} (отправляются один раз)"),
        "web.count.errors": Entry(en: "{n} {n|error|errors}", ru: "{n} {n|ошибка|ошибки|ошибок}"),
        "web.count.warnings": Entry(en: "{n} {n|warning|warnings}", ru: "{n} {n|предупреждение|предупреждения|предупреждений}"),
        "web.validation.hasErrors": Entry(
            en: "The file has {n} {n|error|errors} (red cells). Fix them and upload the file again, or plan the valid rows only.",
            ru: "В файле {n} {n|ошибка|ошибки|ошибок} (красные ячейки). Исправьте их и загрузите файл снова или спланируйте только верные строки."),
        "web.validation.hasWarnings": Entry(
            en: "No errors; {n} {n|warning|warnings} (yellow cells) worth a look.",
            ru: "Ошибок нет; {n} {n|предупреждение|предупреждения|предупреждений} (жёлтые ячейки) стоит посмотреть."),
        "web.validation.clean": Entry(en: "No errors: the file is ready to plan.", ru: "Ошибок нет: файл готов к планированию."),
        "web.validation.plan": Entry(en: "Plan against the account", ru: "Составить план по аккаунту"),
        "web.validation.planValidOnly": Entry(
            en: "Plan the {n} valid {n|row|rows} only", ru: "Спланировать только верные строки ({n})"),
        "web.validation.report": Entry(en: "Download the report", ru: "Скачать отчёт"),
        "web.read.title": Entry(en: "How the file was read", ru: "Как прочитан файл"),
        "web.read.format": Entry(en: "Format: {format}", ru: "Формат: {format}"),
        "web.read.encoding": Entry(en: "Encoding: {encoding} ({how})", ru: "Кодировка: {encoding} ({how})"),
        "web.read.delimiter": Entry(en: "Delimiter: {delimiter}", ru: "Разделитель: {delimiter}"),
        "web.read.tab": Entry(en: "tab", ru: "табуляция"),
        "web.read.given": Entry(en: "given", ru: "задана"),
        "web.read.guessed": Entry(en: "a guess: check the letters", ru: "предположение: проверьте буквы"),
        "web.read.detected": Entry(en: "detected", ru: "определена"),
        "web.read.header": Entry(en: "Column in the file", ru: "Столбец в файле"),
        "web.read.field": Entry(en: "Read as", ru: "Читается как"),
        "web.read.mapTo": Entry(en: "Field for the column «{header}»", ru: "Поле для столбца «{header}»"),
        "web.read.notRead": Entry(en: "— not read —", ru: "— не читается —"),
        "web.read.saveMapping": Entry(en: "Save", ru: "Сохранить"),
        "web.read.savedMapping": Entry(en: "saved for the team", ru: "сохранено для команды"),
        "web.read.unknown": Entry(en: "not recognised", ru: "не распознан"),
        "web.read.mappingNote": Entry(
            en: "A column mapped here is read the same way in every later upload with that header.",
            ru: "Сопоставление сохраняется: столбец с таким заголовком будет читаться так же во всех следующих файлах."),
        "web.problems.title": Entry(en: "Problems ({n})", ru: "Замечания ({n})"),
        "web.problems.filter": Entry(en: "Code:", ru: "Код:"),
        "web.problems.all": Entry(en: "all", ru: "все"),
        "web.problem.row": Entry(en: "row {row}", ru: "строка {row}"),
        "web.problem.column": Entry(en: "column «{column}»", ru: "столбец «{column}»"),
        "web.severity.error": Entry(en: "error", ru: "ошибка"),
        "web.severity.warning": Entry(en: "warning", ru: "предупреждение"),
        "web.severity.note": Entry(en: "note", ru: "примечание"),
        "web.rows.title": Entry(en: "Rows", ru: "Строки"),
        "web.rows.hidden": Entry(
            en: "{n} more {n|row|rows} not shown here: the report has them all.",
            ru: "Ещё {n} {n|строка|строки|строк} здесь не показаны: в отчёте есть все."),

        // Screen 3: plan.
        "web.plan.title": Entry(en: "Plan: {file}", ru: "План: {file}"),
        "web.plan.creates": Entry(en: "{n} to add to a pool", ru: "добавить в пул: {n}"),
        "web.plan.updates": Entry(en: "{n} to update", ru: "изменить: {n}"),
        "web.plan.noops": Entry(en: "{n} already as desired", ru: "уже как нужно: {n}"),
        "web.plan.errors": Entry(en: "{n} cannot be applied", ru: "нельзя применить: {n}"),
        "web.busy.reading": Entry(
            en: "Reading {n} {n|number|numbers} in the account: {reads} {reads|request|requests}, about {time}. The next page opens by itself; keep this one open.",
            ru: "Читаем {n} {n|номер|номера|номеров} в кабинете: {reads} {reads|запрос|запроса|запросов}, около {time}. Следующая страница откроется сама, не закрывайте эту."),
        "web.plan.cost": Entry(
            en: "Cost: {requests} {requests|request|requests} ({writes} {writes|change|changes}, {reads} {reads|read|reads}), {points} {points|point|points}, about {time} at {rate} requests per second.",
            ru: "Стоимость: {requests} {requests|запрос|запроса|запросов} ({writes} {writes|изменение|изменения|изменений}, {reads} {reads|чтение|чтения|чтений}), {points} {points|балл|балла|баллов}, около {time} при {rate} запросах в секунду."),
        "web.plan.validOnly": Entry(
            en: "Only the {n} valid {n|row|rows} are planned; {errors} {errors|row|rows} with errors are left out.",
            ru: "В плане только верные строки ({n}); строки с ошибками ({errors}) не включены."),
        "web.plan.allActions": Entry(en: "All", ru: "Все"),
        "web.plan.asDesired": Entry(en: "already as desired", ru: "уже как нужно"),
        "web.plan.apply": Entry(en: "Apply {n} {n|change|changes}…", ru: "Применить {n} {n|изменение|изменения|изменений}…"),
        "web.plan.nothing": Entry(en: "Nothing to apply: every row is already as desired.", ru: "Применять нечего: все строки уже как нужно."),
        "web.plan.download": Entry(en: "Download the plan", ru: "Скачать план"),
        "web.plan.again": Entry(en: "Plan again", ru: "Составить заново"),
        "web.plan.backToFile": Entry(en: "Back to the file", ru: "К файлу"),
        "web.plan.number": Entry(en: "Number", ru: "Номер"),
        "web.plan.action": Entry(en: "Action", ru: "Действие"),
        "web.plan.change": Entry(en: "Was → becomes", ru: "Было → станет"),
        "web.plan.was": Entry(en: "was", ru: "было"),
        "web.plan.becomes": Entry(en: "becomes", ru: "станет"),
        "web.plan.readFailed": Entry(
            en: "Could not read the account's numbers: {reason}", ru: "Не удалось прочитать номера аккаунта: {reason}"),
        "web.action.create": Entry(en: "add to pool", ru: "добавить в пул"),
        "web.action.update": Entry(en: "update", ru: "изменить"),
        "web.action.no-op": Entry(en: "as desired", ru: "как нужно"),
        "web.action.error": Entry(en: "cannot apply", ru: "нельзя применить"),
        "web.duration.seconds": Entry(en: "{n} s", ru: "{n} с"),
        "web.duration.minutes": Entry(en: "{n} min", ru: "{n} мин"),
        "web.duration.hours": Entry(en: "{h} h {m} min", ru: "{h} ч {m} мин"),

        // Screen 4: apply.
        "web.apply.title": Entry(en: "Apply the plan", ru: "Применение плана"),
        "web.apply.question": Entry(
            en: "{n} {n|change|changes} will be sent to {account} (of them {creates} {creates|number|numbers} added to a pool).",
            ru: "В аккаунт {account} будет отправлено {n} {n|изменение|изменения|изменений} (из них номеров, добавляемых в пул: {creates})."),
        "web.apply.checkbox": Entry(
            en: "Yes, send {n} {n|change|changes} to {account}", ru: "Да, отправить {n} {n|изменение|изменения|изменений} в аккаунт {account}"),
        "web.apply.canary": Entry(en: "Canary: apply the first", ru: "Канарейка: сначала применить первые"),
        "web.apply.canaryNone": Entry(en: "all at once", ru: "все сразу"),
        "web.apply.canaryHint": Entry(
            en: "With a canary the run pauses after those rows so you can check them in the account, then continue.",
            ru: "С канарейкой запуск остановится после этих строк: проверьте их в кабинете и продолжите."),
        "web.apply.start": Entry(en: "Apply {n} {n|change|changes}", ru: "Применить {n} {n|изменение|изменения|изменений}"),
        "web.apply.back": Entry(en: "Back to the plan", ru: "Назад к плану"),
        "web.apply.queued": Entry(
            en: "Another run is in progress: this one starts when it ends (runs for one account never overlap).",
            ru: "Сейчас идёт другой запуск: этот начнётся после него (запуски одного аккаунта не пересекаются)."),
        "web.apply.notConfirmed": Entry(
            en: "Not applied: tick the confirmation. If the plan was made again meanwhile, review it and confirm again.",
            ru: "Не применено: отметьте подтверждение. Если план за это время составлен заново, проверьте его и подтвердите снова."),
        "web.live.title": Entry(en: "Current run", ru: "Текущий запуск"),
        "web.live.idle": Entry(en: "No run yet. Upload a file, plan it and apply.", ru: "Запусков пока нет. Загрузите файл, составьте план и примените."),
        "web.live.banner": Entry(en: "A run is in progress: {done} of {total}. Open it", ru: "Идёт запуск: {done} из {total}. Открыть"),
        "web.live.file": Entry(en: "File:", ru: "Файл:"),
        "web.live.run": Entry(en: "Run:", ru: "Запуск:"),
        "web.live.progress": Entry(en: "{done} of {total} {total|row|rows}", ru: "{done} из {total} {total|строки|строк|строк}"),
        "web.live.rate": Entry(en: "{rate} requests/s", ru: "{rate} запр./с"),
        "web.live.eta": Entry(en: "Time left:", ru: "Осталось:"),
        "web.live.errors": Entry(en: "Errors:", ru: "Ошибок:"),
        "web.live.queued": Entry(en: "{n} more {n|run|runs} waiting", ru: "Ждут очереди: {n}"),
        "web.live.failures": Entry(en: "Rows not applied", ru: "Неприменённые строки"),
        "web.live.failureLine": Entry(en: "row {row}, {number}: {outcome}", ru: "строка {row}, {number}: {outcome}"),
        "web.live.failureLineWithMessage": Entry(en: "row {row}, {number}: {outcome} — {message}", ru: "строка {row}, {number}: {outcome} — {message}"),
        "web.live.canaryDone": Entry(
            en: "The canary is done. Check these numbers in the account, then continue or stop:",
            ru: "Канарейка отработала. Проверьте эти номера в кабинете, затем продолжите или остановите:"),
        "web.live.canaryLine": Entry(en: "row {row}, {number}: {settings}", ru: "строка {row}, {number}: {settings}"),
        "web.live.continue": Entry(en: "Continue with the rest", ru: "Продолжить с остальными"),
        "web.live.stop": Entry(en: "Stop", ru: "Остановить"),
        "web.live.stopHint": Entry(
            en: "No new requests are sent; those already sent are recorded. The run can be resumed on the Runs page.",
            ru: "Новые запросы не отправляются, уже отправленные записываются. Запуск можно продолжить на странице «Запуски»."),
        "web.live.retrying": Entry(en: "Retrying ({attempt} of {of}): {reason}", ru: "Повтор ({attempt} из {of}): {reason}"),
        "web.live.nothingToApply": Entry(en: "Nothing to apply: every row is already as desired.", ru: "Применять нечего: все строки уже как нужно."),
        "web.live.declined": Entry(en: "Cancelled: nothing was sent.", ru: "Отменено: ничего не отправлено."),
        "web.live.noUnfinishedRun": Entry(en: "There is no unfinished run to resume.", ru: "Незавершённых запусков нет."),
        "web.live.locked": Entry(
            en: "The same job is being applied to this account by another ctbulk process; try again when it ends.",
            ru: "Это же задание уже применяется к этому аккаунту другим процессом ctbulk; повторите, когда он закончит."),
        "web.live.accountMismatch": Entry(
            en: "The {what} was made for {expected}, not {given}.", ru: "{what}: сделан для {expected}, а сервер работает с {given}."),
        "web.live.failed": Entry(en: "The run could not go on: {reason}", ru: "Запуск не может продолжаться: {reason}"),
        "web.live.verified": Entry(
            en: "Done and verified: all {n} numbers are as the job wants.", ru: "Готово и проверено: все номера ({n}) такие, как в задании."),
        "web.live.notAsDesired": Entry(
            en: "Verified: not as the job wants, {n} of {checked} {checked|number|numbers} (they are in the failures file); apply again.",
            ru: "Проверка: не как в задании — {n} из {checked} {checked|номера|номеров|номеров} (они в файле ошибок); примените ещё раз."),
        "web.live.verifyFailed": Entry(
            en: "Could not read the account back to verify the result: {reason}",
            ru: "Не удалось прочитать аккаунт для проверки результата: {reason}"),
        "web.live.stopReason.authentication": Entry(
            en: "Stopped: the API refused the access token or SiteId. {detail}", ru: "Остановлено: API отклонил ключ доступа или SiteId. {detail}"),
        "web.live.stopReason.budget": Entry(
            en: "Stopped: the API's daily points budget is spent; resume after it resets. {detail}",
            ru: "Остановлено: суточный лимит баллов API исчерпан; продолжите после сброса. {detail}"),
        "web.live.stopReason.breaker": Entry(
            en: "Stopped by the breaker: too many rows failed. {detail}", ru: "Остановлено предохранителем: слишком много строк с ошибками. {detail}"),
        "web.live.stopReason.interrupted": Entry(
            en: "Stopped. The run can be resumed on the Runs page. {detail}", ru: "Остановлено. Запуск можно продолжить на странице «Запуски». {detail}"),
        "web.live.stopReason.max-requests": Entry(en: "Stopped at the request limit. {detail}", ru: "Остановлено: достигнут предел запросов. {detail}"),
        "web.live.stopReason.rate-limited": Entry(
            en: "Stopped: the API kept answering 429 (another client seems to share this address's limit). {detail}",
            ru: "Остановлено: API раз за разом отвечал 429 (похоже, лимит этого адреса делит другой клиент). {detail}"),
        "web.live.stopReason.canary": Entry(
            en: "Paused after the canary: resume the run on the Runs page. {detail}",
            ru: "Пауза после канарейки: продолжите запуск на странице «Запуски». {detail}"),
        "web.live.stopReason.redirected": Entry(
            en: "Stopped: the API answered with a redirect, which is never followed; check --base-url. {detail}",
            ru: "Остановлено: API ответил перенаправлением, по которому ctbulk не переходит; проверьте --base-url. {detail}"),
        "web.phase.idle": Entry(en: "no run", ru: "нет запуска"),
        "web.phase.planning": Entry(en: "reading the account", ru: "читаю аккаунт"),
        "web.phase.running": Entry(en: "applying", ru: "применяю"),
        "web.phase.paused": Entry(en: "paused after the canary", ru: "пауза после канарейки"),
        "web.phase.stopping": Entry(en: "stopping", ru: "останавливаю"),
        "web.phase.verifying": Entry(en: "verifying", ru: "проверяю результат"),
        "web.phase.finished": Entry(en: "finished", ru: "завершён"),
        "web.phase.stopped": Entry(en: "stopped", ru: "остановлен"),
        "web.phase.failed": Entry(en: "failed", ru: "сбой"),
        "web.outcome.applied": Entry(en: "applied", ru: "применено"),
        "web.outcome.no-op": Entry(en: "already as desired", ru: "уже как нужно"),
        "web.outcome.changed-since-plan": Entry(en: "changed since the plan", ru: "изменился после плана"),
        "web.outcome.failed": Entry(en: "failed", ru: "ошибка"),
        "web.outcome.skipped": Entry(en: "skipped (not in the account)", ru: "пропущен (нет в аккаунте)"),
        "web.outcome.pending": Entry(en: "not sent", ru: "не отправлено"),
        "web.outcome.in-doubt": Entry(en: "in doubt (re-read on resume)", ru: "под вопросом (перечитается при продолжении)"),

        // Screen 5: runs.
        "web.runs.title": Entry(en: "Runs", ru: "Запуски"),
        "web.runs.run": Entry(en: "Run {run}", ru: "Запуск {run}"),
        "web.runs.none": Entry(en: "No runs yet.", ru: "Запусков пока нет."),
        "web.runs.started": Entry(en: "Started", ru: "Начат"),
        "web.runs.status": Entry(en: "Status", ru: "Состояние"),
        "web.runs.rows": Entry(en: "Rows", ru: "Строки"),
        "web.runs.outcome": Entry(en: "Outcome", ru: "Результат"),
        "web.runs.message": Entry(en: "Message", ru: "Сообщение"),
        "web.runs.results": Entry(en: "Download the results", ru: "Скачать результаты"),
        "web.runs.failures": Entry(en: "Download the failures", ru: "Скачать ошибки"),
        "web.runs.undo": Entry(en: "Download the undo file", ru: "Скачать файл отката"),
        "web.runs.details": Entry(en: "Rows of the run", ru: "Строки запуска"),
        "web.runs.unfinished": Entry(en: "Run {run} is unfinished.", ru: "Запуск {run} не завершён."),
        "web.runs.resume": Entry(en: "Resume it", ru: "Продолжить"),
        "web.status.running": Entry(en: "running", ru: "идёт"),
        "web.status.completed": Entry(en: "completed", ru: "завершён"),
        "web.status.stopped": Entry(en: "stopped", ru: "остановлен"),
        "web.status.paused": Entry(en: "paused", ru: "на паузе"),
        "web.status.failed": Entry(en: "failed", ru: "сбой"),
        "web.status.interrupted": Entry(en: "interrupted", ru: "прерван"),

        // Screen 6: reconcile.
        "web.reconcile.listTitle": Entry(en: "Reconcile with the account", ru: "Сверка с кабинетом"),
        "web.reconcile.title": Entry(en: "Reconcile: {file}", ru: "Сверка: {file}"),
        "web.reconcile.intro": Entry(
            en: "Reconcile reads the account for every number of a saved file and shows where the account differs from the file. Nothing is changed until you fix the drift.",
            ru: "Сверка читает из кабинета каждый номер сохранённого файла и показывает, где кабинет расходится с файлом. Ничего не меняется, пока вы не исправите расхождения."),
        "web.reconcile.noUploads": Entry(
            en: "No saved files yet. Upload a job file first; then reconcile it here.",
            ru: "Сохранённых файлов пока нет. Сначала загрузите файл задания, затем сверьте его здесь."),
        "web.reconcile.file": Entry(en: "File", ru: "Файл"),
        "web.reconcile.rows": Entry(en: "Rows", ru: "Строк"),
        "web.reconcile.lastCheck": Entry(en: "Last reconcile", ru: "Последняя сверка"),
        "web.reconcile.notChecked": Entry(en: "not reconciled yet", ru: "ещё не сверяли"),
        "web.reconcile.open": Entry(en: "Reconcile with the account", ru: "Сверить с кабинетом"),
        "web.reconcile.check": Entry(en: "Reconcile with the account", ru: "Сверить с кабинетом"),
        "web.reconcile.again": Entry(en: "Reconcile again", ru: "Сверить ещё раз"),
        "web.reconcile.checkedAt": Entry(
            en: "Read from the account at {time} ({reads} {reads|request|requests}).",
            ru: "Прочитано из кабинета {time} ({reads} {reads|запрос|запроса|запросов})."),
        "web.reconcile.validOnly": Entry(
            en: "The file has rows with errors: only its {n} valid {n|row is|rows are} reconciled.",
            ru: "В файле есть строки с ошибками: сверяются только {n} {n|верная строка|верные строки|верных строк}."),
        "web.reconcile.allMatch": Entry(en: "Everything matches the file.", ru: "Всё совпадает с файлом."),
        "web.reconcile.differ": Entry(
            en: "{n} {n|number differs|numbers differ} from the file",
            ru: "{n} {n|номер расходится|номера расходятся|номеров расходятся} с файлом"),
        "web.reconcile.count.in-sync": Entry(en: "match: {n}", ru: "совпадают: {n}"),
        "web.reconcile.count.changed": Entry(en: "differ: {n}", ru: "расходятся: {n}"),
        "web.reconcile.count.missing": Entry(en: "free in the account: {n}", ru: "свободны в кабинете: {n}"),
        "web.reconcile.count.unknown": Entry(en: "not in the account: {n}", ru: "нет в аккаунте: {n}"),
        "web.reconcile.allDrift": Entry(en: "All differences", ru: "Все расхождения"),
        "web.reconcile.kind": Entry(en: "Kind", ru: "Вид"),
        "web.reconcile.field": Entry(en: "Field", ru: "Поле"),
        "web.reconcile.desired": Entry(en: "In the file", ru: "В файле"),
        "web.reconcile.live": Entry(en: "In the account", ru: "В кабинете"),
        "web.reconcile.emptyValue": Entry(en: "(empty)", ru: "(пусто)"),
        "web.reconcile.notInAccount": Entry(
            en: "The number is not in the account: it cannot be fixed from here.",
            ru: "Номера нет в аккаунте: исправить его отсюда нельзя."),
        "web.reconcile.matches": Entry(en: "As in the file", ru: "Как в файле"),
        "web.reconcile.downloadXlsx": Entry(en: "Download the drift (.xlsx)", ru: "Скачать расхождения (.xlsx)"),
        "web.reconcile.downloadCsv": Entry(en: "Download the drift (CSV)", ru: "Скачать расхождения (CSV)"),
        "web.reconcile.fix": Entry(en: "Fix the drift ({n} {n|change|changes})…", ru: "Исправить расхождения ({n} {n|изменение|изменения|изменений})…"),
        "web.reconcile.fixTitle": Entry(en: "Fix the drift", ru: "Исправление расхождений"),
        "web.reconcile.fixHint": Entry(
            en: "The account is read again before anything is sent; if the drift has changed since this page, nothing is sent and you reconcile again.",
            ru: "Перед отправкой кабинет читается заново; если расхождения изменились после этой страницы, ничего не отправляется — сверьте ещё раз."),
        "web.reconcile.fixStart": Entry(en: "Fix {n} {n|change|changes}", ru: "Исправить: {n} {n|изменение|изменения|изменений}"),
        "web.reconcile.readFailed": Entry(en: "The account could not be read: {reason}", ru: "Не удалось прочитать кабинет: {reason}"),
        "web.reconcile.driftMoved": Entry(
            en: "The drift changed since you confirmed it: nothing was sent. Reconcile again and check the new drift.",
            ru: "Расхождения изменились после подтверждения: ничего не отправлено. Сверьте ещё раз и проверьте новые расхождения."),
        "web.reconcile.unfinishedRun": Entry(
            en: "This file has an unfinished run: nothing was sent. Resume or finish it on the Runs page, then reconcile again.",
            ru: "У этого файла есть незавершённый запуск: ничего не отправлено. Продолжите или завершите его на странице «Запуски», затем сверьте ещё раз."),
        "web.reconcile.nothingToFix": Entry(
            en: "Nothing to fix: the account already matches the file.",
            ru: "Исправлять нечего: кабинет уже совпадает с файлом."),
        "web.reconcile.afterRun": Entry(en: "Reconcile this file again", ru: "Сверить этот файл ещё раз"),
        "web.drift.in-sync": Entry(en: "matches", ru: "совпадает"),
        "web.drift.changed": Entry(en: "differs", ru: "расходится"),
        "web.drift.missing": Entry(en: "free in the account", ru: "свободен в кабинете"),
        "web.drift.unknown": Entry(en: "not in the account", ru: "нет в аккаунте"),
    ]
}

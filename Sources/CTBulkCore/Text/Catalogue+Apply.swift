extension Catalogue {
    /// `ctbulk apply` (and `reconcile --apply`): confirmation, progress, the outcome, and why a run stopped with
    /// what to do next.
    static let applyEntries: [String: Entry] = [
        "apply.what_to_apply": Entry(en: "Give a job file, a saved plan, or --resume.",
                                     ru: "Укажите файл задания, сохранённый план или --resume."),
        // Confirmation.
        "confirm.canary_wrote": Entry(en: "The canary wrote {n} {n|number|numbers}:",
                                      ru: "Пробная партия записала {n} {n|номер|номера|номеров}:"),
        "confirm.canary_row": Entry(en: "  {number} (row {row}): {fields}", ru: "  {number} (строка {row}): {fields}"),
        "confirm.new_run": Entry(en: "New run", ru: "Новый запуск"),
        "confirm.resume": Entry(en: "Continuing run {run}", ru: "Продолжение запуска {run}"),
        "confirm.after_canary": Entry(en: "The rest of run {run} after the canary", ru: "Остаток запуска {run} после пробной партии"),
        "confirm.question": Entry(
            en: "{what}: {account}. Changes to send: {changes} (numbers added to a pool: {creates}); rows done: {done} of {total}.",
            ru: "{what}: {account}. Применить {changes} {changes|изменение|изменения|изменений} (из них {creates} {creates|номер добавляется|номера добавляются|номеров добавляются} в пул); готово {done} из {total} {total|строки|строк|строк}."),
        "confirm.prompt": Entry(en: "Go ahead? Type yes: ", ru: "Продолжить? Введите «да» или «yes»: "),
        "confirm.rate_warning": Entry(
            en: "Warning: --rate {rate} is above the API's documented limit ({limit} requests per second per IP address): expect 429 answers, and repeated excess may get the address blocked.",
            ru: "Внимание: --rate {rate} выше документированного лимита API ({limit} запросов в секунду с одного IP-адреса): API будет отвечать 429, а частые превышения могут привести к блокировке."),
        "confirm.rate_prompt": Entry(en: "Go on at {rate} requests per second? Type yes: ",
                                     ru: "Продолжить с {rate} {rate|запросом|запросами|запросами} в секунду? Введите «да» или «yes»: "),
        "confirm.rate_declined": Entry(en: "Cancelled: --rate {rate} was not confirmed.", ru: "Отменено: --rate {rate} не подтверждён."),
        "sandbox.using": Entry(en: "Using the built-in sandbox at {url} (no credentials needed).",
                               ru: "Встроенная песочница: {url} (учётные данные не нужны)."),
        // The outcome.
        "apply.no_unfinished": Entry(en: "No unfinished run in the journal.", ru: "В журнале нет незавершённых запусков."),
        "apply.nothing": Entry(en: "Nothing to apply: every row is already as desired.",
                               ru: "Нечего применять: все строки уже как нужно."),
        "apply.nothing_but_errors": Entry(en: "Nothing to apply: every row is already as desired (except the rows with errors).",
                                          ru: "Нечего применять: все строки уже как нужно (кроме строк с ошибками)."),
        "apply.declined": Entry(en: "Cancelled.", ru: "Отменено."),
        "apply.cannot_confirm": Entry(en: "No terminal to confirm on: pass --yes.", ru: "Нет терминала для подтверждения: добавьте --yes."),
        "apply.verify_failed": Entry(en: "Could not read the account back to verify the result: {error}",
                                     ru: "Не удалось прочитать аккаунт для проверки результата: {error}"),
        "apply.verify_mismatch": Entry(
            en: "Verified: {bad} of {checked} numbers are not as the job wants (listed in the failures report); run the same command again.",
            ru: "Проверка: {bad} из {checked} {checked|номера|номеров|номеров} не такие, как в задании (они в отчёте об ошибках); запустите ту же команду ещё раз."),
        "apply.verify_ok": Entry(en: "Verified: all {n} {n|number is|numbers are} as the job wants.",
                                 ru: "Проверено {n} {n|номер|номера|номеров}: все как в задании."),
        "apply.reports": Entry(en: "Reports: {results}, {failures}, {summary}", ru: "Отчёты: {results}, {failures}, {summary}"),
        "apply.resumable": Entry(
            en: "Run {run} stopped and can be resumed: ctbulk apply --resume (or the same command again).",
            ru: "Запуск {run} остановлен, его можно продолжить: ctbulk apply --resume (или той же командой)."),
        "apply.canary_done": Entry(
            en: "Canary done: check the results, then continue the same run with: ctbulk apply --resume",
            ru: "Пробная партия записана: проверьте результат и продолжите тот же запуск командой ctbulk apply --resume"),
        "apply.not_applied": Entry(
            en: "{n} {n|row was|rows were} not applied ({failed} failed, {changed} changed since the plan, {skipped} skipped: not in the account); they are in the failures report, hence exit code 1.",
            ru: "Не применено: {n} {n|строка|строки|строк} (с ошибкой {failed}, изменились после плана {changed}, пропущено {skipped}: номеров нет в аккаунте); они в отчёте об ошибках, поэтому код выхода 1."),
        "apply.account_mismatch_plan": Entry(en: "The plan was made for {expected}, not {given}.",
                                             ru: "План составлен для {expected}, а выбран {given}."),
        "apply.account_mismatch_run": Entry(en: "The {what} was made for {expected}, not {given}.",
                                            ru: "Запуск {what} был для {expected}, а выбран {given}."),
        "apply.summary": Entry(
            en: "Run {run}{reason}: {applied} applied, {noop} no-op, {changed} changed since plan, {failed} failed, {skipped} skipped, {pending} pending, {doubt} in doubt; {requests} {requests|request|requests} in {duration}.",
            ru: "Запуск {run}{reason}: применено {applied}, без изменений {noop}, изменились после плана {changed}, с ошибкой {failed}, пропущено {skipped}, не отправлено {pending}, под вопросом {doubt}; всего {requests} {requests|запрос|запроса|запросов} за {duration}."),
        "apply.summary_reason": Entry(en: " [{reason}]", ru: " ({reason})"),
        // Why the run stopped, and what to do next.
        "stop.authentication": Entry(
            en: "The API refused the access token or SiteId. Check CALLTOUCH_ACCESS_TOKEN (or --token-file) and CALLTOUCH_SITE_ID (or --site-id), then run the same command again.",
            ru: "API отклонил ключ доступа или SiteId. Проверьте CALLTOUCH_ACCESS_TOKEN (или --token-file) и CALLTOUCH_SITE_ID (или --site-id), затем запустите ту же команду ещё раз."),
        "stop.budget": Entry(
            en: "The API's daily points budget is spent: {done} of {total} {total|row|rows} done; continue tomorrow (after the budget resets) with: ctbulk apply --resume{journal}",
            ru: "Дневной лимит баллов исчерпан: выполнено {done} из {total} {total|строки|строк|строк}; продолжите завтра (после сброса лимита) командой ctbulk apply --resume{journal}"),
        "stop.breaker": Entry(
            en: "Stopped by the breaker: too many rows failed ({detail}). Look at the failures report, fix the cause, then continue with: ctbulk apply --resume{journal}",
            ru: "Запуск остановлен: слишком много строк с ошибками ({detail}). Посмотрите отчёт об ошибках, устраните причину и продолжите командой ctbulk apply --resume{journal}"),
        "stop.interrupted": Entry(en: "Stopped (Ctrl-C, a signal, or a stop of the run).",
                                  ru: "Остановлено (Ctrl-C, сигнал или остановка запуска)."),
        "stop.interrupted_detail": Entry(en: "Stopped (Ctrl-C, a signal, or a stop of the run): {detail}.",
                                         ru: "Остановлено (Ctrl-C, сигнал или остановка запуска): {detail}."),
        "stop.max_requests": Entry(en: "The --max-requests limit was reached.", ru: "Достигнут предел --max-requests."),
        "stop.rate_limited": Entry(
            en: "The API kept answering 429 (too many requests) although ctbulk keeps to --rate: another client seems to share this IP address's limit ({detail}). Lower --rate or wait, then continue with: ctbulk apply --resume{journal}",
            ru: "API раз за разом отвечал 429 (слишком много запросов), хотя ctbulk соблюдает --rate: похоже, лимит этого IP-адреса делит другой клиент ({detail}). Уменьшите --rate или подождите и продолжите командой ctbulk apply --resume{journal}"),
        "stop.canary": Entry(en: "The canary is done.", ru: "Пробная партия записана."),
        "stop.journal_option": Entry(en: " --journal {path}", ru: " --journal {path}"),
        // Job specs (`ctbulk run`).
        "run.spec_unreadable": Entry(en: "{path}: cannot read the job spec.", ru: "{path}: не удалось прочитать описание задания."),
        "run.spec_secret": Entry(
            en: "{path}: \"{key}\" looks like a secret. Put the token in an environment variable (account.tokenEnv) or a token file (account.tokenFile), never in the spec.",
            ru: "{path}: «{key}» похоже на секрет. Храните ключ в переменной окружения (account.tokenEnv) или в файле ключа (account.tokenFile), но не в описании задания."),
        "run.spec_invalid": Entry(en: "{path}: not a valid job spec: {reason}", ru: "{path}: описание задания с ошибкой: {reason}"),
        // Progress.
        "apply.resuming": Entry(en: "Resuming unfinished run {run} (rows with an outcome are not sent again).",
                                ru: "Продолжаю незавершённый запуск {run} (строки с результатом не отправляются повторно)."),
        "apply.log_failed": Entry(en: "Cannot open the request log {path}.", ru: "Не удалось открыть журнал запросов {path}."),
        "progress.shared": Entry(en: " (limit shared with {n} other {n|process|processes})",
                                 ru: " (лимит делится ещё с {n} {n|процессом|процессами|процессами})"),
        "progress.bar": Entry(en: "[{bar}] {done}/{total}  {rate} req/s{shared}  errors {failed}  ETA {eta}",
                              ru: "[{bar}] {done}/{total}  {rate} запр/с{shared}  ошибок {failed}  осталось ~{eta}"),
        "signal.stopping": Entry(
            en: "\nStopping: no new requests; waiting for those in flight. Press Ctrl-C again to quit at once.",
            ru: "\nОстанавливаюсь: новые запросы не отправляются, текущие завершаются. Ещё раз Ctrl-C — выйти сразу."),
    ]
}

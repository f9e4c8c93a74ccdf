#!/usr/bin/env python3
"""The baseline `ctbulk-bench validate` compares ctbulk with: a plain Python validator of a ctbulk job file.

The csv module and regular expressions, the same rules as ctbulk's validator (Sources/CTBulkCore/Validation,
Model/PhoneNumber.swift): header aliases, phone normalisation to 7xxxxxxxxxx (separators, +7, trunk 8, 10 digits
starting with 9, the `.0` float tail; scientific notation, Excel errors, letters, length and country refused), the
time-out as a whole number 10-120, yes/no flags, `[]` clears, the API's required-if rules, loops, and duplicates
(identical: a warning, the later copy skipped; different settings: an error on both rows). Not a product: a fair,
idiomatic script of the kind a team would write instead of ctbulk, so ctbulk's speed is measured against it.

    python3 scripts/validate_baseline.py FILE [--encoding cp1251|utf-8-sig] [--delimiter ';']

Prints one JSON line: rows, ok, warnings, errors, blank, duplicates skipped, problems by severity.
"""
import argparse
import csv
import json
import re
import sys

ALIASES = {
    "phone": ["phone_number", "phoneNumber", "phone", "number", "static_number", "static number", "Номер", "Телефон",
              "Номер телефона", "Статический номер", "Телефонный номер", "Номер статики"],
    "pool": ["pool_name", "poolName", "pool", "Пул", "Название пула", "Имя пула"],
    "source": ["source", "displayOptions.source", "utm_source", "Источник"],
    "medium": ["medium", "displayOptions.medium", "utm_medium", "Канал", "Тип трафика"],
    "campaign": ["campaign", "displayOptions.campaign", "utm_campaign", "Кампания", "Рекламная кампания"],
    "content": ["content", "displayOptions.content", "utm_content", "Объявление", "Содержание"],
    "keyword": ["keyword", "displayOptions.keyword", "utm_term", "term", "Ключевое слово", "Ключевая фраза", "Ключевик"],
    "redirect_type": ["redirect_type", "redirectType", "redirectOptions.redirectType", "Тип переадресации"],
    "redirect": ["redirect_number", "redirectNumber", "redirectOptions.ptsnOptions.redirectNumber",
                 "ptsnOptions.redirectNumber", "redirect", "Номер переадресации", "Переадресация",
                 "Основной номер переадресации", "Переадресация на"],
    "reserve": ["reserve_number", "reserveNumber", "redirectOptions.reserveRedirect.reserveNumber",
                "reserveRedirect.reserveNumber", "Резервный номер", "Номер резервной переадресации",
                "Резервная переадресация"],
    "timeout": ["reserve_timeout", "reserveTimeOut", "reserve_time_out", "redirectOptions.reserveRedirect.reserveTimeOut",
                "reserveRedirect.reserveTimeOut", "timeout", "Таймаут", "Тайм-аут", "Таймаут резерва", "Время ожидания",
                "Таймаут резервной переадресации"],
    "early_media": ["ignore_early_media", "ignoreEarlyMedia", "redirectOptions.reserveRedirect.ignoreEarlyMedia",
                    "reserveRedirect.ignoreEarlyMedia", "early_media", "Игнорировать early media",
                    "Игнорировать ранние медиа", "Игнорировать гудки", "Игнорировать early-media"],
}
FOLD = re.compile(r"[\s\u00a0\u202f\u2009_\-.\u2010-\u2015\ufeff\u200b:*]")


def key(header):
    return FOLD.sub("", header.lower()).replace("ё", "е")


LOOKUP = {key(name): field for field, names in ALIASES.items() for name in names}


def column(header):
    folded = key(header)
    return LOOKUP.get(folded) or LOOKUP.get(re.split(r"[(,]", folded)[0])


PADDING = " \t\u00a0\u202f\u2007\u2009\ufeff\u200b"
EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                "#GETTING_DATA", "#Н/Д", "#ЗНАЧ!", "#ССЫЛКА!", "#ИМЯ?", "#ДЕЛ/0!", "#ЧИСЛО!", "#ПУСТО!", "#ПЕРЕНОС!",
                "#ВЫЧИСЛ!"}
SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d*)?[eEеЕ][+-]?\d+$")
FLOAT_TAIL = re.compile(r"^(\d+)[.,]0$")
SEPARATORS = re.compile(r"[ \u00a0\u202f\u2009\u2007().\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
TRUE = {"true", "1", "yes", "y", "on", "да", "д", "истина", "вкл"}
FALSE = {"false", "0", "no", "n", "off", "нет", "н", "ложь", "выкл"}
CLEARABLE = {"medium", "campaign", "content", "keyword"}
NOTE, WARNING, ERROR = 0, 1, 2
SEVERITY = {"phone.normalized": NOTE, "phone.float_tail": NOTE, "timeout.float_tail": NOTE,
            "duplicate.identical": WARNING, "reserve.same_as_primary": WARNING}


def unneutralise(text):
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r" else text


EXTENSION_MARKERS = ("добавочный", "доб", "ext", "#", "x", "х", "вн")


def has_extension(text):
    """An extension after the number (`доб. 12`, `ext 12`, `#12`, `x12`): after at least seven ASCII digits, the
    first letter or '#' starts a marker followed by digits alone (PhoneNumber.extensionPart)."""
    digits = 0
    for index, char in enumerate(text):
        if char.isascii() and char.isdigit():
            digits += 1
            continue
        if not (char.isalpha() or char == "#"):
            continue
        if digits < 7:
            return False
        rest = text[index:].lower()
        for marker in EXTENSION_MARKERS:
            if rest.startswith(marker):
                tail = rest[len(marker):].lstrip(".: \u00a0")
                if tail and all(c.isascii() and c.isdigit() for c in tail):
                    return True
        return False
    return False

SECONDS_UNITS = ("секунды", "секунд", "секунда", "сек.", "сек", "с.", "с", "seconds", "second", "secs", "sec.", "sec",
                 "s", "c")


def strip_seconds(text):
    """`30 сек`, `30с`, `30 s`: the number without its unit of seconds (CellText.strippingSecondsUnit), else None."""
    lower = text.lower()
    for unit in SECONDS_UNITS:
        if lower.endswith(unit):
            number = text[:-len(unit)].strip(PADDING)
            if number and number[-1].isascii() and number[-1].isdigit():
                return number
    return None


def phone(raw):
    """(digits or None, problem code or None)."""
    text = unneutralise(raw).strip(PADDING)
    if text.startswith("'"):
        text = text[1:]
    if text.upper() in EXCEL_ERRORS:
        return None, "cell.excel_error"
    if SCIENTIFIC.match(text):
        return None, "phone.scientific"
    if has_extension(text):
        return None, "phone.extension"
    note = None
    tail = FLOAT_TAIL.match(text)
    if tail:
        text, note = tail.group(1), "phone.float_tail"
    plus = text.startswith("+")
    body = SEPARATORS.sub("", text[1:] if plus else text)
    if not body.isdigit() or not body.isascii():
        return None, "phone.letters" if any(c.isalpha() for c in body) or not body else "phone.characters"
    changed = plus or body != text
    if len(body) == 11 and body[0] == "7":
        pass
    elif len(body) == 11 and body[0] == "8" and not plus:
        body, changed = "7" + body[1:], True
    elif len(body) == 10 and body[0] == "9" and not plus:
        body, changed = "7" + body, True
    elif len(body) == 10 and body[0] in "348" and not plus:
        return "7" + body, note or "phone.country_added"
    elif len(body) == 11 or (len(body) == 10 and plus):
        return None, "phone.country"
    else:
        return None, "phone.length"
    return body, note or ("phone.normalized" if changed else None)


def validate(path, encoding, delimiter):
    counts = {"rows": 0, "ok": 0, "warnings": 0, "errors": 0, "blank": 0, "duplicatesSkipped": 0}
    by_severity = [0, 0, 0]
    seen = {}  # number -> (first row, hash of the settings, first had warnings, conflicted)
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader)
        if header and header[0].lower().startswith("sep="):
            header = next(reader)
        while header and not header[-1].strip(PADDING):
            header.pop()
        columns = [column(cell) for cell in header]
        fields = [(index, name) for index, name in enumerate(columns) if name]
        width = len(header)
        row_number = 1
        pending_blank = 0
        for record in reader:
            row_number += 1  # a record is one spreadsheet row, a multi-line cell included
            if not any(cell.strip(PADDING) for cell in record):
                pending_blank += 1
                continue
            counts["blank"] += pending_blank
            pending_blank = 0
            counts["rows"] += 1
            problems = []
            values = {}
            for index, name in fields:
                raw = record[index] if index < len(record) else ""
                text = unneutralise(raw).strip(PADDING)
                if not text:
                    continue
                values[name] = text
                if CONTROL.search(text):
                    problems.append("cell.control_character")
                    continue
                if name != "phone" and text.startswith("#") and text.upper() in EXCEL_ERRORS:
                    problems.append("cell.excel_error")
                    continue
                if name in ("phone", "redirect", "reserve"):
                    digits, code = phone(raw)
                    if code:
                        problems.append(code)
                    values[name] = digits
                elif name == "redirect_type":
                    if text.upper() != "PSTN":
                        problems.append("redirect.type")
                elif text == "[]":
                    if name in CLEARABLE:
                        values[name] = ""
                    else:
                        problems.append("cell.clear_not_allowed")
                elif name == "timeout":
                    tail = FLOAT_TAIL.match(text)
                    if tail:
                        text = tail.group(1)
                        problems.append("timeout.float_tail")
                    else:
                        text = strip_seconds(text) or text  # `30 сек`, `30s`
                    if re.fullmatch(r"[+-]?\d+", text):
                        values[name] = int(text)
                        if not 10 <= int(text) <= 120:
                            problems.append("reserve.timeout.range")
                    else:
                        problems.append("reserve.timeout.format")
                elif name == "early_media":
                    flag = text.lower()
                    if flag in TRUE:
                        values[name] = True
                    elif flag in FALSE:
                        values[name] = False
                    else:
                        problems.append("bool.format")
            given = values.keys()
            display = any(f in given for f in ("source", "medium", "campaign", "content", "keyword"))
            reserve = any(f in given for f in ("reserve", "timeout", "early_media"))
            redirect = reserve or "redirect" in given or "redirect_type" in given
            if "phone" not in given:
                problems.append("phone.missing")
            if display and "source" not in given:
                problems.append("display.source.required")
            if reserve:
                for field, code in (("reserve", "reserve.number.required"), ("timeout", "reserve.timeout.required"),
                                    ("redirect", "reserve.primary.required")):
                    if field not in given:
                        problems.append(code)
            elif redirect and "redirect" not in given:
                problems.append("redirect.number.required")
            if not display and not redirect and "pool" not in given and "phone" in given:
                problems.append("row.nothing_to_set")
            number = values.get("phone")
            if number:
                if values.get("redirect") == number:
                    problems.append("redirect.loop")
                if values.get("reserve") == number:
                    problems.append("reserve.loop")
            if values.get("redirect") and values.get("redirect") == values.get("reserve"):
                problems.append("reserve.same_as_primary")
            if len(record) > width and any(cell.strip(PADDING) for cell in record[width:]):
                problems.append("row.extra_cells")
            severities = [SEVERITY.get(code, ERROR) for code in problems]
            worst = max((s for s in severities if s > NOTE), default=NOTE)
            if worst < ERROR and number:
                settings = hash(tuple(sorted((k, v) for k, v in values.items() if k != "phone")))
                key = int(number)
                first = seen.get(key)
                if first is None:
                    seen[key] = (row_number, settings, worst == WARNING, False)
                elif first[1] == settings:
                    severities.append(WARNING)
                    worst = max(worst, WARNING)
                    counts["duplicatesSkipped"] += 1
                else:
                    severities.append(ERROR)
                    by_severity[ERROR] += 1  # the mirror problem on the first row
                    worst = ERROR
                    if not first[3]:
                        seen[key] = first[:3] + (True,)
                        counts["warnings" if first[2] else "ok"] -= 1
                        counts["errors"] += 1
            for severity in severities:
                by_severity[severity] += 1
            counts[("ok", "warnings", "errors")[worst]] += 1
    counts["problems"] = {"note": by_severity[NOTE], "warning": by_severity[WARNING], "error": by_severity[ERROR]}
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--encoding", default="cp1251")
    parser.add_argument("--delimiter", default=";")
    args = parser.parse_args()
    print(json.dumps(validate(args.file, args.encoding, args.delimiter), ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())

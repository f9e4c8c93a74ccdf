#!/usr/bin/env python3
"""Makes the .xlsx test fixtures with a real spreadsheet program (LibreOffice Calc, headless).

Each workbook is described below as sheets of typed cells, written as a flat OpenDocument spreadsheet (.fods: the
cell types, formulas and date formats spelled out) and converted by LibreOffice's own Excel export filter, so the
committed .xlsx files are what a spreadsheet program writes: shared strings, numbers stored as numbers, formulas with
cached values, date number formats in styles.xml. CSV fixtures are converted the way a user would open and save them.

    apt-get install -y libreoffice-calc
    python3 scripts/make-xlsx-fixtures.py        # writes Tests/Fixtures/xlsx/*.xlsx and jobs/demo.xlsx
"""
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "xlsx")

HEADER = ["Номер", "Пул", "Источник", "Канал", "Кампания", "Номер переадресации", "Резервный номер", "Таймаут",
          "Игнорировать гудки"]


# Cell helpers: (kind, value[, formula])
def s(text): return ("string", text)
def n(number): return ("float", number)
def b(flag): return ("boolean", flag)
def d(iso): return ("date", iso)
def f(formula, kind, value): return ("formula", formula, kind, value)
E = None  # an empty cell


WORKBOOKS = {
    # Numbers stored as numbers, a string formula and a number formula, a boolean, a blank row, a date in a phone
    # column and one in the time-out column, a text that looks like a formula, a 10-digit number.
    "numbers.xlsx": [("Номера", [
        [s(h) for h in HEADER],
        [n(79991234567), s("Весна"), s("yandex"), s("cpc"), s("весна-2026"), n(74951234567), E, E, E],
        [s("+7 (999) 123-45-68"), s("Весна"), s("google"), s("cpc"), f('of:="весна-"&"2026"', "string", "весна-2026"),
         n(74951234567), n(74957654321), n(30), b(True)],
        [],
        [n(79991234569), s("Осень"), s("vk"), s("social"), s("осень"), n(74951234567), n(74957654321),
         f("of:=20+10", "float", 30), b(False)],
        [n(79991234570), s("Осень"), s("vk"), s("social"), s("осень"), d("2024-03-01"), E, E, E],
        [n(9991234571), s("Осень"), s("vk"), s("social"), s("=1+1"), n(74951234567), n(74957654321), d("1900-01-30"), E],
    ])],
    # The data on the second sheet; the first holds instructions.
    "sheets.xlsx": [
        ("Инструкция", [[s("Заполните лист «Номера» и сохраните файл.")]]),
        ("Номера", [
            [s(h) for h in HEADER[:6]],
            [n(79991234567), s("Весна"), s("yandex"), s("cpc"), s("весна"), n(74951234567)],
            [n(79991234568), s("Весна"), s("yandex"), s("cpc"), s("весна"), n(74951234567)],
        ]),
        ("Архив", [[s("Номер")], [n(79990000000)]]),
    ],
}

# CSV files opened and saved as .xlsx: (source, target, filter options: separator, quote, charset 76 = UTF-8).
CONVERSIONS = [
    ("examples/excel-utf8-bom.csv", "Tests/Fixtures/xlsx/excel-utf8-bom.xlsx", "44,34,76,1"),
    ("jobs/demo.csv", "jobs/demo.xlsx", "59,34,76,1"),
]


def cell_xml(cell):
    if cell is None:
        return "<table:table-cell/>"
    kind = cell[0]
    if kind == "string":
        return f'<table:table-cell office:value-type="string"><text:p>{escape(cell[1])}</text:p></table:table-cell>'
    if kind == "float":
        return f'<table:table-cell office:value-type="float" office:value="{cell[1]}"/>'
    if kind == "boolean":
        value = "true" if cell[1] else "false"
        return f'<table:table-cell table:style-name="bool" office:value-type="boolean" office:boolean-value="{value}"/>'
    if kind == "date":
        return f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{cell[1]}"/>'
    if kind == "formula":
        _, formula, value_kind, value = cell
        if value_kind == "string":
            return (f'<table:table-cell table:formula={quoteattr(formula)} office:value-type="string" '
                    f'office:string-value={quoteattr(value)}><text:p>{escape(value)}</text:p></table:table-cell>')
        return (f'<table:table-cell table:formula={quoteattr(formula)} office:value-type="float" '
                f'office:value="{value}"/>')
    raise ValueError(kind)


def fods(sheets):
    tables = []
    for name, rows in sheets:
        body = "".join("<table:table-row>" + "".join(cell_xml(c) for c in row) + "</table:table-row>"
                       if row else '<table:table-row><table:table-cell/></table:table-row>' for row in rows)
        tables.append(f"<table:table table:name={quoteattr(name)}>{body}</table:table>")
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="dmy"><number:day number:style="long"/><number:text>.</number:text><number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/></number:date-style>
 <number:boolean-style style:name="tf"><number:boolean/></number:boolean-style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="dmy"/>
 <style:style style:name="bool" style:family="table-cell" style:data-style-name="tf"/>
</office:automatic-styles>
<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>
</office:document>
'''


def convert(source, target_dir, infilter=None):
    command = ["soffice", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter=CSV:{infilter}")
    command += ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", target_dir, source]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main():
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install -y libreoffice-calc")
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name, sheets in WORKBOOKS.items():
            source = os.path.join(work, name.replace(".xlsx", ".fods"))
            with open(source, "w", encoding="utf-8") as handle:
                handle.write(fods(sheets))
            convert(source, work)
            shutil.move(os.path.join(work, name), os.path.join(OUT, name))
        for source, target, options in CONVERSIONS:
            staged = os.path.join(work, os.path.basename(source))
            shutil.copy(os.path.join(ROOT, source), staged)
            convert(staged, work, options)
            produced = os.path.join(work, os.path.splitext(os.path.basename(source))[0] + ".xlsx")
            shutil.move(produced, os.path.join(ROOT, target))
    print("written:", ", ".join(sorted(WORKBOOKS) + [t for _, t, _ in CONVERSIONS]))


if __name__ == "__main__":
    main()

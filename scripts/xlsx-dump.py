#!/usr/bin/env python3
"""Prints what a real reader (openpyxl) sees in an .xlsx file, as JSON: the sheets, the first sheet's frozen pane,
autofilter, column widths, and every cell's value, type (s, n, b, f = formula), number format, fill and comment.

The Swift tests run it on the workbooks ctbulk writes. Exit status 3 when openpyxl is not installed
(`pip install openpyxl`).
"""
import json
import sys

try:
    import openpyxl
except ImportError:
    print(json.dumps({"missing": "openpyxl"}))
    sys.exit(3)


def main(path):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            fill = None
            if cell.fill is not None and cell.fill.fill_type == "solid":
                fill = str(cell.fill.fgColor.rgb)[-6:].upper()
            cells.append({
                "value": cell.value,
                "type": cell.data_type,
                "format": cell.number_format,
                "fill": fill,
                "comment": cell.comment.text if cell.comment is not None else None,
            })
        rows.append(cells)
    widths = {key: dimension.width for key, dimension in sheet.column_dimensions.items() if dimension.width}
    print(json.dumps({
        "sheets": workbook.sheetnames,
        "freeze": sheet.freeze_panes,
        "autofilter": sheet.auto_filter.ref,
        "widths": widths,
        "rows": rows,
    }, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main(sys.argv[1])

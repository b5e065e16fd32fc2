"""Spreadsheet exports: text that anyone on the internet typed, made safe for a cell, and the CSV and XLSX
downloads the admin's reports and summaries give."""

import csv
import io
import re

from django.http import HttpResponse

# Characters a spreadsheet cell cannot hold (openpyxl refuses them: C0 controls but tab, newline, carriage return).
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A cell starting with one of these is a formula to Excel, LibreOffice and Sheets (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_text(value):
    """What a citizen typed, safe in a spreadsheet cell: shown literally, never run as a formula."""
    text = UNWRITABLE.sub("", str(value))
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_download(rows, filename):
    """The rows as a CSV download; with a byte order mark, Excel opens the Vietnamese text as UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_download(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

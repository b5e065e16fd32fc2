"""Text that anyone on the internet typed, made safe for a spreadsheet cell (CSV and XLSX exports)."""

import re

# Characters a spreadsheet cell cannot hold (openpyxl refuses them: C0 controls but tab, newline, carriage return).
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A cell starting with one of these is a formula to Excel, LibreOffice and Sheets (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_text(value):
    """What a citizen typed, safe in a spreadsheet cell: shown literally, never run as a formula."""
    text = UNWRITABLE.sub("", str(value))
    return f"'{text}" if text.startswith(FORMULA_START) else text

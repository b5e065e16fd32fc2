"""The official list of units, read from the CSV files shipped in sites/data and checked as a whole."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .models import Unit
from .naming import hostname_label, nfc

DATA_DIR = Path(__file__).resolve().parent / "data"
WARDS_CSV = DATA_DIR / "hanoi-wards.csv"
DEPARTMENTS_CSV = DATA_DIR / "hanoi-departments.csv"

CITY_LABEL = "hanoi"
WARD_KINDS = {"phuong": Unit.Kind.WARD, "xa": Unit.Kind.COMMUNE}
LABEL_RE = re.compile(r"^[a-z0-9]{1,63}$")


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str
    kind: str
    label: str
    sort_order: int
    # Where the row came from, for error messages: "hanoi-wards.csv dòng 12".
    origin: str = ""


CITY = UnitSpec(
    code="01", name="Thành phố Hà Nội", short_name="Hà Nội", kind=Unit.Kind.CITY, label=CITY_LABEL, sort_order=0
)


class CatalogueError(Exception):
    """Every problem found in the CSV files, each with its file and line number."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def load_catalogue(wards_csv=WARDS_CSV, departments_csv=DEPARTMENTS_CSV):
    """The city, then the departments, then the wards and communes; raises CatalogueError listing all problems."""
    problems = []
    specs = [CITY]
    specs += _read(departments_csv, _department_row, problems, first_order=1)
    specs += _read(wards_csv, _ward_row, problems, first_order=len(specs))
    problems += _collisions(specs)
    if problems:
        raise CatalogueError(problems)
    return specs


def _read(path, parse_row, problems, first_order):
    path = Path(path)
    specs = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line_number, row in enumerate(csv.DictReader(handle), start=2):
                origin = f"{path.name} dòng {line_number}"
                row = {key: nfc((value or "").strip()) for key, value in row.items() if key}
                try:
                    specs.append(parse_row(row, origin, first_order + len(specs)))
                except ValueError as error:
                    problems.append(f"{origin}: {error}")
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        problems.append(f"{path.name}: không đọc được tệp ({error})")
    return specs


def _department_row(row, origin, order):
    code, name = row.get("code", ""), row.get("name", "")
    if not code:
        raise ValueError("thiếu mã đơn vị (cột code)")
    if not name:
        raise ValueError("thiếu tên đơn vị (cột name)")
    return UnitSpec(code, name, row.get("short", ""), Unit.Kind.DEPARTMENT, _label(row, name), order, origin)


def _ward_row(row, origin, order):
    code, name, kind = row.get("code", ""), row.get("name", ""), row.get("kind", "")
    if not re.fullmatch(r"\d{5}", code):
        raise ValueError(f"mã “{code}” không hợp lệ: mã phường, xã gồm đúng 5 chữ số")
    if not name:
        raise ValueError("thiếu tên đơn vị (cột name)")
    if kind not in WARD_KINDS:
        raise ValueError(f"loại “{kind}” không hợp lệ: chỉ nhận “phuong” hoặc “xa”")
    return UnitSpec(code, name, "", WARD_KINDS[kind], _label(row, name), order, origin)


def _label(row, name):
    label = row.get("label") or hostname_label(name)
    if not LABEL_RE.fullmatch(label):
        raise ValueError(
            f"nhãn tên miền “{label}” không hợp lệ: chỉ gồm chữ thường không dấu và chữ số, tối đa 63 ký tự"
        )
    return label


def _collisions(specs):
    problems = []
    for field, what in (("code", "mã đơn vị"), ("label", "nhãn tên miền")):
        seen = {}
        for spec in specs:
            value = getattr(spec, field)
            if value in seen:
                first = seen[value]
                problems.append(
                    f"{spec.origin}: {what} “{value}” trùng với {first.name} ({first.origin or 'thành phố'}); "
                    "hãy đặt nhãn riêng ở cột label"
                )
            else:
                seen[value] = spec
    return problems

"""Bulk import of pages from JSON Lines, one page a line (format: docs/import-format.md).

`import_file` reads a file batch after batch in one transaction: `Checker` builds each line's page and checks it
with the page model's own full_clean, so an import meets the rules an editor meets in the admin (required fields,
legal document numbers, ...); home/bulk_create.py then writes the batch's new pages. Any bad line rolls it all
back, once the whole file has been checked, so that every problem comes out at once.

Building and checking the lines is a quarter of the importer's work and needs no database: the next batches are
built in a forked process, on the other core, while this one is written (`built_ahead`). A thread gained nothing:
it shares the interpreter's lock with the writing.
"""

import gc
import hashlib
import itertools
import json
import multiprocessing
import re
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from taggit.models import Tag

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.utils import translation
from django.utils.html import escape

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Locale, Page

from sites.models import Unit
from sites.naming import vietnamese_slug

from .blocks import RICH_TEXT_FEATURES
from .bulk_create import PageWriter
from .models import (
    AnnouncementPage,
    ArticlePage,
    Category,
    EventPage,
    Field,
    ImportedItem,
    LegalDocumentPage,
    PlanPage,
    ProcedurePage,
    SectionPage,
    StatisticsReportPage,
)
from .sections import SectionKey
from .signals import pages_built
from .text import nfc_value

# Strict ISO 8601: Python's fromisoformat alone also takes "20260301" or a date without a time.
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A body is HTML when it has a tag an editor would write; plain text may well contain "<" or "<hai>".
HTML_TAG = re.compile(r"</?(p|br|div|h[1-6]|ul|ol|li|b|i|strong|em|a|span|table|blockquote|hr|img)\b[^<>]*>", re.I)
# The whitelist unwraps what it does not allow; a script's or style's text must go with its tag.
SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
MOMENT_EXAMPLE = "2026-03-01T08:30:00+07:00"
# Room for a "-2" suffix within Page.slug's 255 characters.
SLUG_LENGTH = 240
# Keep IN (...) lists well under SQLite's limit on query parameters.
CHUNK = 500
# Lines checked, then written, at a time: memory holds a few batches of built pages (one written, the next ones built
# ahead), whatever the file's size.
LINES_AT_ONCE = 10_000
# The first batch is smaller, and each next one twice the size up to LINES_AT_ONCE: the importer waits while the helper
# builds the first (4 s for 10,000 lines), and each next one is built while the one before it is written.
FIRST_BATCH = 1_000
# Batches built ahead: two, so that the helper builds the next while this one is checked against the database, and
# the one after it while this one is written.
AHEAD = 2


def _text(value):
    if not isinstance(value, str):
        raise ValidationError("phải là chuỗi ký tự")
    return value.strip()


def _moment(value):
    text = _text(value)
    if not MOMENT.match(text):
        raise ValidationError(f"phải theo ISO 8601 và có múi giờ, ví dụ {MOMENT_EXAMPLE}")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"không phải thời điểm có thật, ví dụ {MOMENT_EXAMPLE}") from None


def _day(value):
    text = _text(value)
    try:
        if DAY.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValidationError("phải là ngày có thật, dạng YYYY-MM-DD, ví dụ 2026-03-01")


@cache
def _html_converter():
    return EditorHTMLConverter(features=RICH_TEXT_FEATURES)


def _body(value):
    """HTML is kept, cut down to what the editor allows; plain text becomes one <p> per blank-line-separated block."""
    text = _text(value)
    if HTML_TAG.search(text):
        html = _html_converter().to_database_format(SCRIPT.sub("", text))
    else:
        paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
        html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)
    return [("paragraph", html)] if html else []


def _name_of(model):
    """A taxonomy entry's name, checked against its model field; the entry itself is looked up at import."""
    name_field = model._meta.get_field("name")
    return lambda value: name_field.clean(_text(value), None)


def _tags(value):
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValidationError('phải là danh sách chuỗi ký tự, ví dụ ["giao thông", "đô thị"]')
    name_field = Tag._meta.get_field("name")
    return list(dict.fromkeys(name_field.clean(tag.strip(), None) for tag in value if tag.strip()))


def _choice_of(model, name):
    """A choice given by its stored value ("quyet_dinh") or its label ("Quyết định"); the model checks the rest."""
    choices = model._meta.get_field(name).choices

    def parse(value):
        text = _text(value)
        by_label = _labels(tuple(choices))
        return by_label.get(text.casefold(), text)

    return parse


@cache
def _labels(choices):
    """Casefolded label -> stored value (labels in Vietnamese: an import runs in settings.LANGUAGE_CODE)."""
    return {str(label).casefold(): stored for stored, label in choices}


@dataclass(frozen=True)
class PageKind:
    model: type
    section_key: SectionKey
    # JSON key -> (model field, parser); category, field and tags are resolved only at import (get or create).
    fields: dict


COMMON = {"title": ("title", _text), "published_at": ("first_published_at", _moment)}
SUMMARY = {"summary": ("summary", _text), "body": ("body", _body)}
# Keys every line may carry that are not page fields.
LINE_KEYS = {"site", "type", "section", "external_id"}
RELATIONS = {"category", "field", "tags"}

KINDS = {
    "article": PageKind(
        ArticlePage,
        SectionKey.NEWS,
        {
            **SUMMARY,
            "author": ("author", _text),
            "source": ("source_agency", _text),
            "category": ("category", _name_of(Category)),
            "tags": ("tags", _tags),
        },
    ),
    "legal_document": PageKind(
        LegalDocumentPage,
        SectionKey.LEGAL_DOCUMENTS,
        {
            # A legal document has no body: its summary is its abstract (trích yếu), which "abstract" may also give.
            "summary": ("abstract", _text),
            "abstract": ("abstract", _text),
            "document_type": ("document_type", _choice_of(LegalDocumentPage, "document_type")),
            "number": ("number", _text),
            "issuing_body": ("issuing_body", _text),
            "signer": ("signer", _text),
            "field": ("field", _name_of(Field)),
            "issue_date": ("issue_date", _day),
            "effective_date": ("effective_date", _day),
            "status": ("status", _choice_of(LegalDocumentPage, "status")),
        },
    ),
    "announcement": PageKind(AnnouncementPage, SectionKey.NEWS, {**SUMMARY, "valid_until": ("valid_until", _day)}),
    "event": PageKind(
        EventPage,
        SectionKey.NEWS,
        {
            **SUMMARY,
            "starts_at": ("starts_at", _moment),
            "ends_at": ("ends_at", _moment),
            "location": ("location", _text),
        },
    ),
    "plan": PageKind(
        PlanPage,
        SectionKey.PLANS,
        {**SUMMARY, "approval_date": ("approval_date", _day), "approved_by": ("approved_by", _text)},
    ),
    "statistics_report": PageKind(
        StatisticsReportPage,
        SectionKey.STATISTICS,
        {**SUMMARY, "release_date": ("release_date", _day), "period": ("period", _text)},
    ),
    "procedure": PageKind(
        ProcedurePage,
        SectionKey.PROCEDURES,
        {
            **SUMMARY,
            "procedure_code": ("procedure_code", _text),
            "service_url": ("service_url", _text),
            "field": ("field", _name_of(Field)),
        },
    ),
}
# The fields the importer sets itself, valid by construction (tree position, locale and content type taken from
# existing rows, revisions, flags): the model's rules are checked on what a file gives, and on the slug from its title.
NOT_FROM_THE_FILE = {
    kind.model: [
        field.name
        for field in kind.model._meta.fields
        if field.name not in {name for name, _parse in {**COMMON, **kind.fields}.values()} - RELATIONS | {"slug"}
    ]
    for kind in KINDS.values()
}
SECTION_KEYS = list(SectionKey.values)
LABELS = {
    "site": "nhãn trang",
    "type": "loại trang",
    "section": "chuyên mục",
    "external_id": "mã nguồn",
    "published_at": "thời gian đăng",
}


@dataclass(frozen=True)
class LineError:
    number: int
    message: str

    def __str__(self):
        return f"dòng {self.number}: {self.message}"


@dataclass
class Line:
    """A valid line: its page, built but not saved, and where it goes."""

    number: int
    page: Page
    section: SectionPage
    external_id: str | None
    relations: dict

    @property
    def natural_key(self):
        return (self.section.path[: Page.steplen * 2], type(self.page), self.page.title, self.page.first_published_at)


@dataclass
class Report:
    """What an import did (or, refused, would have done): lines read, pages created, lines already imported, errors."""

    total: int = 0
    created: int = 0
    existing: int = 0
    errors: list = field(default_factory=list)

    @property
    def invalid_lines(self):
        return sorted({error.number for error in self.errors})


class Refused(Exception):
    """A file with invalid lines, imported all or nothing: nothing was written; `report.errors` names every line."""

    def __init__(self, report):
        super().__init__(f"{len(report.invalid_lines)} invalid lines")
        self.report = report


def read_lines(path):
    """(line number, raw bytes) of every non-blank line, as read; bytes, so a bad encoding is one line's error."""
    with open(path, "rb") as file:
        for number, raw in enumerate(file, 1):
            if raw.strip():
                yield number, raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw


def count_lines(path):
    """How many lines read_lines will give, for a progress bar."""
    return sum(1 for _line in read_lines(path))


def import_file(path, *, draft=False, skip_invalid=False, progress=None):
    """Check and import a file, a batch (up to LINES_AT_ONCE lines) at a time, in one transaction; returns the Report.

    A line is written only once checked, a batch at a time, so memory holds a few batches of pages whatever the
    file's size. An invalid line (without skip_invalid) stops the writing; the rest of the file is still checked, so
    that every bad line is named, then the transaction is rolled back and Refused raised: nothing is imported.
    """
    report = Report()
    total = count_lines(path) if progress else 0
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic(), _collected_once_a_batch():
        checker, writer = Checker(), PageWriter(draft=draft)
        batches = _chunks(read_lines(path), min(FIRST_BATCH, LINES_AT_ONCE), growing_to=LINES_AT_ONCE)
        for batch, built in checker.built_ahead(batches):
            new = checker.check(batch, built, report)
            writing = skip_invalid or not report.errors
            if writing:
                report.created += len(writer.write(new))
            gc.collect()
            if progress:
                verb = "nhập" if writing else "kiểm tra"
                progress(report.total, total, f"{verb} đến dòng {batch[-1][0]}")
        report.errors.sort(key=lambda error: error.number)
        if report.errors and not skip_invalid:
            raise Refused(report)
        writer.finish()
    return report


@contextmanager
def _collected_once_a_batch():
    """Python's cyclic garbage collector off for the import, which collects once a batch instead (and its helper
    once a batch built: the helper is forked with the collector off).

    Left to itself, the collector runs a full collection whenever enough new objects have outlived two younger
    ones, and an import keeps a few batches of pages alive: 10-16 full collections over them every 30,000 lines,
    4-5 s of the importer's 30 (bench/import_content.py). What it is there for, pages and their tag links referring
    to each other, goes once the batch is written. The objects of the process from before the import (Django's,
    Wagtail's) are set aside (`gc.freeze`) so that each collection reads only the import's own; a process that had
    set its own aside already (a server preloading before it forks) is left as it was.
    """
    was_enabled, freezing = gc.isenabled(), not gc.get_freeze_count()
    gc.disable()
    if freezing:
        gc.freeze()
    try:
        yield
    finally:
        if freezing:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


class _Context:
    """What every line is checked against, read once: units by hostname label, their standard sections."""

    def __init__(self):
        units = [unit for unit in Unit.objects.select_related("site__root_page") if unit.site_id]
        self.units = {unit.label: unit for unit in units}
        label_of_home = {unit.site.root_page.path: unit.label for unit in units}
        self.sections = {}
        for section in SectionPage.objects.filter(depth=3).exclude(section_key="").order_by("path"):
            label = label_of_home.get(section.path[: Page.steplen * 2])
            self.sections.setdefault((label, section.section_key), section)
        # What building a page would otherwise ask the database for, each time: read here, so that building reads
        # nothing (the content types into Django's cache).
        ContentType.objects.get_for_models(*(kind.model for kind in KINDS.values()))
        self.default_locale_id = Locale.get_default().pk


def _check_line(number, raw, context):
    def fail(*messages):
        return None, [LineError(number, message) for message in messages]

    try:
        record = json.loads(raw.decode("utf-8").strip())
    except UnicodeDecodeError:
        return fail("không phải văn bản UTF-8")
    except json.JSONDecodeError as error:
        return fail(f"không đọc được JSON (cột {error.colno})")
    if not isinstance(record, dict):
        return fail("mỗi dòng phải là một đối tượng JSON {…}")
    record = nfc_value(record)

    errors = []
    kind = _lookup(record, "type", KINDS, errors, f"dùng một trong: {', '.join(KINDS)}")
    unit = _lookup(record, "site", context.units, errors, "“hanoi” là thành phố, còn lại là nhãn tên miền")
    if kind is None:
        return fail(*errors)
    errors += [f"trường “{key}” không dùng cho loại {record['type']}" for key in record if not _known(key, kind)]

    attrs, relations, unreadable = {}, {}, set()
    for key, (name, parse) in {**COMMON, **kind.fields}.items():
        if record.get(key) in (None, ""):
            continue
        try:
            value = parse(record[key])
        except ValidationError as error:
            errors += [f"{_label(kind, key)} ({key}) {message}" for message in error.messages]
            unreadable.add(name)
            continue
        (relations if name in RELATIONS else attrs)[name] = value
    if record.get("published_at") in (None, ""):
        errors.append(f"thiếu {LABELS['published_at']} (published_at)")
    external_id = _external_id(record, errors)

    section = None
    section_key = record.get("section") or kind.section_key
    if section_key not in SECTION_KEYS:
        errors.append(f"chuyên mục (section) “{section_key}” không có; dùng một trong: {', '.join(SECTION_KEYS)}")
    elif unit is not None:
        section = context.sections.get((unit.label, section_key))
        if section is None:
            errors.append(f"{unit.display_name} chưa có chuyên mục “{section_key}” (section)")

    page = _build(kind, attrs, section, context)
    errors += _model_errors(kind, page, unreadable)
    if errors:
        return fail(*errors)
    return Line(number, page, section, external_id, relations), []


def _lookup(record, key, table, errors, hint):
    value = record.get(key)
    if value in (None, ""):
        errors.append(f"thiếu {LABELS[key]} ({key})")
    elif not isinstance(value, str) or value not in table:
        errors.append(f"{LABELS[key]} ({key}) “{value}” không có; {hint}")
    else:
        return table[value]
    return None


def _known(key, kind):
    return key in LINE_KEYS or key in COMMON or key in kind.fields


def _label(kind, key):
    if key in LABELS:
        return LABELS[key]
    name = {**COMMON, **kind.fields}[key][0]
    return str(kind.model._meta.get_field(name).verbose_name)


def _external_id(record, errors):
    if record.get("external_id") in (None, ""):
        return None
    try:
        return ImportedItem._meta.get_field("external_id").clean(_text(record["external_id"]), None)
    except ValidationError as error:
        errors += [f"{LABELS['external_id']} (external_id) {message}" for message in error.messages]
        return None


def _build(kind, attrs, section, context):
    page = kind.model(**attrs, live=False)
    page.slug = vietnamese_slug(page.title)[:SLUG_LENGTH].strip("-") or "trang"
    # A line with no section (its errors are being collected) still needs a locale: Wagtail would read the default.
    page.locale_id = section.locale_id if section is not None else context.default_locale_id
    if isinstance(page, ArticlePage) and page.first_published_at:
        # An article also shows its own publication time, the one Quy chế Art. 15.2.a asks it to cite.
        page.published_at = page.first_published_at
    return page


def _model_errors(kind, page, unreadable):
    """The model's own validation, its messages told by JSON key: "thiếu tiêu đề (title)".

    Fields whose value could not be read were reported already, so the model's "missing" for them is left out.
    """
    try:
        # Uniqueness is the writer's (fresh paths and translation keys, slugs made free beside the section's others,
        # home/bulk_create.py) and the checker's (Checker: external ids, natural keys): checking it here would ask the
        # database once a line for nothing.
        page.full_clean(exclude=[*NOT_FROM_THE_FILE[kind.model], *unreadable], validate_unique=False)
    except ValidationError as error:
        key_of = {name: key for key, (name, _parse) in {**COMMON, **kind.fields}.items()} | {"slug": "title"}
        messages = []
        for name, errors in error.error_dict.items():
            if name == NON_FIELD_ERRORS:
                messages += [message for error in errors for message in error.messages]
                continue
            key = key_of.get(name, name)
            label = _label(kind, key) if key in key_of.values() else name
            for error in errors:
                if error.code in ("blank", "null", "required"):
                    messages.append(f"thiếu {label} ({key})")
                else:
                    messages.append(f"{label} ({key}): {' '.join(error.messages)}")
        return messages
    return []


class Checker:
    """Checks a file batch after batch: each line alone, then against the lines before it in the file (a line
    repeating an earlier one is an error) and against what earlier imports created."""

    def __init__(self):
        self.context = _Context()
        # external_id or natural key (as a 16-byte digest: a million lines fit in ~150 MB) -> the line that brought it.
        self.first = {}

    def built_ahead(self, batches):
        """(batch, `build_lines` of it) for each batch in turn. With more than one batch, a forked process builds
        the next AHEAD batches while the caller checks and writes this one: it starts with this process's memory
        (the context is not sent) and never touches the database connection it inherits (`build_lines`)."""
        batches = iter(batches)
        first, second = next(batches, None), next(batches, None)
        if second is None:
            if first is not None:
                yield first, build_lines(first, self.context)
            return
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(1, mp_context=fork, initializer=_keep_context, initargs=(self.context,)) as helper:
            pending = deque()
            for batch in itertools.chain([first, second], batches):
                pending.append((batch, helper.submit(_build_in_helper, batch)))
                if len(pending) > AHEAD:
                    done, future = pending.popleft()
                    yield done, future.result()
            for done, future in pending:
                yield done, future.result()

    def check(self, batch, built, report):
        """The lines of this batch to create (checked, built, unsaved); the others are counted into the report.
        `built` is what `build_lines` made of the batch."""
        report.total += len(batch)
        candidates = []
        for line, errors in built:
            report.errors += errors
            if line:
                candidates.append(line)
        unique = []
        for line in candidates:
            key = hashlib.blake2b(repr(line.external_id or line.natural_key).encode(), digest_size=16).digest()
            if key in self.first:
                what = "mã nguồn (external_id)" if line.external_id else "site, type, title và published_at"
                report.errors.append(LineError(line.number, f"trùng {what} với dòng {self.first[key]}"))
            else:
                self.first[key] = line.number
                unique.append(line)
        return self._new_lines(unique, report)

    def _new_lines(self, lines, report):
        imported = _imported({line.external_id for line in lines if line.external_id})
        existing = _existing_keys([line for line in lines if not line.external_id])
        new = []
        for line in lines:
            if not line.external_id:
                found = line.natural_key in existing
            elif line.external_id not in imported:
                found = False
            elif imported[line.external_id] == (line.natural_key[0], _content_type_id(type(line.page))):
                found = True
            else:
                report.errors.append(
                    LineError(
                        line.number,
                        f"mã nguồn (external_id) “{line.external_id}” đã dùng cho trang khác loại hoặc ở site khác",
                    )
                )
                continue
            if found:
                report.existing += 1
            else:
                new.append(line)
        return new


def _imported(external_ids):
    """external_id -> (home page path, content type) of the page it was imported as."""
    found = {}
    for chunk in _chunks(external_ids):
        rows = ImportedItem.objects.filter(external_id__in=chunk).values_list(
            "external_id", "page__path", "page__content_type_id"
        )
        found.update({external_id: (path[: Page.steplen * 2], type_id) for external_id, path, type_id in rows})
    return found


def _existing_keys(lines):
    """The natural keys of pages that already exist with the titles and publication times of these lines."""
    keys = set()
    for model in {type(line.page) for line in lines}:
        for chunk in _chunks(line.page for line in lines if type(line.page) is model):
            dates = {page.first_published_at for page in chunk}
            rows = (
                model.objects.filter(
                    title__in={page.title for page in chunk},
                    first_published_at__in=dates,
                    # Implied by the list, but PostgreSQL then walks the dates' index over the chunk's span instead of
                    # reading every page of the type, a scan that grows with the portal: 60 -> 10-18 ms a chunk at
                    # 100,000 pages; at a million, about 12 s of each 10,000 lines' 22 s (an estimate from the scan).
                    first_published_at__range=(min(dates), max(dates)),
                )
                .order_by()
                .values_list("path", "title", "first_published_at")
            )
            keys.update((path[: Page.steplen * 2], model, title, published) for path, title, published in rows)
    return keys


def _content_type_id(model):
    return ContentType.objects.get_for_model(model).id


def build_lines(batch, context):
    """Each line of the batch built and checked alone: a (Line or None, errors) pair a line. It must not read the
    database: in the import's helper process the connection is the parent's, inside its transaction."""
    with translation.override(settings.LANGUAGE_CODE), connection.execute_wrapper(_no_database):
        built = [_check_line(number, raw, context) for number, raw in batch]
        pages_built.send(sender=Page, pages=[line.page for line, _errors in built if line])
    return built


# The helper process's copy of the import's context, given once when it starts.
_helper_context = None


def _keep_context(context):
    global _helper_context
    _helper_context = context


def _build_in_helper(batch):
    built = build_lines(batch, _helper_context)
    gc.collect()  # the collector is off here too (_collected_once_a_batch)
    return built


def _no_database(execute, sql, params, many, context):
    raise RuntimeError(
        "building an import's pages must not read the database: it runs outside the import's transaction"
    )


def _chunks(values, size=CHUNK, growing_to=None):
    """Lists of `size` items (the last one shorter) from any iterable, read as needed; with `growing_to`, each list
    twice the size of the one before, up to that size."""
    values = iter(values)
    while chunk := list(itertools.islice(values, size)):
        yield chunk
        if growing_to:
            size = min(size * 2, growing_to)

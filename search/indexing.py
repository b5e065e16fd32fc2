"""Keeping the citizen search index current: one page's entry on publish, unpublish, move or delete.

Publishing writes one row (and, on SQLite, its FTS5 row through triggers); nothing scans or aggregates the index.
A copy on another site (a syndication placement, or a Wagtail alias) adds its site to the source's entry instead of
an entry of its own, so a search over every site finds the article once.

Once the rows are committed, the engine `PORTAL_SEARCH_ENGINE` selects hears of the pages whose entry (or whose
copies) changed: the SQL engines have nothing more to do, the cluster engine re-sends their documents.
"""

import datetime
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.index import SearchField
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.bulk_rows import write_rows
from home.models import SectionPage
from home.signals import pages_built, pages_imported
from sites.models import Unit, sites_of_home
from syndication.models import Placement
from syndication.signals import copies_shown, copies_withdrawn

from . import engine
from .models import SearchCopy, SearchEntry
from .text import indexed

# Home pages and sections are ways in, not answers: a query for "tin tuc" should not list 142 news sections.
NAVIGATION_TYPES = ("homepage", "sectionpage")
HOME_DEPTH = 2
SECTION_DEPTH = 3
BATCH = 500


class Places:
    """Which site and which standard section a page path belongs to, looked up once per path prefix."""

    def __init__(self):
        self.sites, self.sections = {}, {}

    def site_id(self, path):
        """The site of a page; a translation tree (the city's English portal) is found on its original's site."""
        home = path[: Page.steplen * HOME_DEPTH]
        if home not in self.sites:
            self.sites[home] = sites_of_home(home).values_list("pk", flat=True).first()
        return self.sites[home]

    def section_key(self, path):
        if len(path) < Page.steplen * SECTION_DEPTH:
            return ""
        top = path[: Page.steplen * SECTION_DEPTH]
        if top not in self.sections:
            key = SectionPage.objects.filter(path=top).values_list("section_key", flat=True).first()
            self.sections[top] = key or ""
        return self.sections[top]


def _text_value(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return "\n".join(_text_value(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_text_value(item) for item in value.values())
    return "" if value is None else str(value)


def page_text(page):
    """The page's searchable text besides its title: every SearchField of its type, rich text stripped."""
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            texts.append(_text_value(field.get_value(page)).strip())
    return unicodedata.normalize("NFC", "\n".join(text for text in texts if text))


def page_date(page):
    """The date its type declares (`date_field`, home/models/base.py), else its first publication, else today."""
    for name in (getattr(page, "date_field", None), "first_published_at"):
        value = getattr(page, name, None) if name else None
        if isinstance(value, datetime.datetime):
            return timezone.localdate(value) if timezone.is_aware(value) else value.date()
        if isinstance(value, datetime.date):
            return value
    return timezone.localdate()


def _tell_engine(action, page_ids):
    """After the commit, `engine.current().index(page_ids)` (or `remove`). A failure (the cluster unreachable) is
    logged, not raised: the page is published; `manage.py rebuild_citizen_search` brings the cluster up to date."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(
            lambda: getattr(engine.current(), action)(page_ids), using=router.db_for_write(SearchEntry), robust=True
        )


def searchable_texts(page):
    """(title, text, folded title, folded text) as an entry holds them: NFC, and folded with the i/y made one in
    Python on every database, the one rule SQLite, PostgreSQL and the cluster match."""
    title, text = unicodedata.normalize("NFC", page.title), page_text(page)
    return title, text, indexed(title), indexed(text)


# Where a page being imported carries its texts, made as its line was built (`_on_pages_built`), often by the
# import's helper process on the other core: a fifth of the writing process's work, moved off it.
PREPARED = "_citizen_search_texts"


def build_entry(page, places):
    # Prepared texts are taken, not read: used once, by the write that follows the build.
    title, text, title_folded, text_folded = page.__dict__.pop(PREPARED, None) or searchable_texts(page)
    day = page_date(page)
    return SearchEntry(
        page_id=page.pk,
        site_id=places.site_id(page.path),
        path=page.path,
        content_type_id=page.content_type_id,
        section_key=places.section_key(page.path),
        date=day,
        year=day.year,
        title=title,
        text=text,
        title_folded=title_folded,
        text_folded=text_folded,
    )


def is_searchable(page):
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    return page.live and page.depth >= HOME_DEPTH and content_type.model not in NAVIGATION_TYPES


def index_page(page, places=None):
    """Write (or remove) the entry of one page, as it is now live; an alias records its site as a copy."""
    places = places or Places()
    if page.alias_of_id:
        _record_copy(page, places)
        return
    if not is_searchable(page):
        remove_page(page)
        return
    entry = build_entry(page.specific, places)
    fields = [field.attname for field in SearchEntry._meta.concrete_fields if not field.primary_key]
    with transaction.atomic():
        updated = SearchEntry.objects.filter(page_id=page.pk).update(**{name: getattr(entry, name) for name in fields})
        if not updated:
            entry.save(force_insert=True)
            # A source published again after its unpublishing: its copies that came back are found again.
            record_placement_copies(
                Placement.objects.filter(source_id=page.pk, state=Placement.State.ACCEPTED, announced=True)
            )
    _tell_engine("index", [page.pk])


def index_new_pages(pages):
    """Entries for pages created in bulk (an import): written together (COPY on PostgreSQL), folded as index_page folds.
    New pages have no entry, no copies and no placements yet, so nothing is updated or looked up per page."""
    places = Places()
    # Every section of the batch in one query, rather than one query per section met.
    tops = {page.path[: Page.steplen * SECTION_DEPTH] for page in pages}
    places.sections = dict(SectionPage.objects.filter(path__in=tops).values_list("path", "section_key"))
    places.sections |= {top: "" for top in tops - set(places.sections)}
    entries = [build_entry(page, places) for page in pages if is_searchable(page)]
    write_rows(SearchEntry, entries)
    _tell_engine("index", [entry.page_id for entry in entries])


def _record_copy(alias, places):
    site_id = places.site_id(alias.path)
    entry_exists = SearchEntry.objects.filter(page_id=alias.alias_of_id).exists()
    if not (alias.live and site_id and entry_exists):
        _remove_copies(SearchCopy.objects.filter(alias_id=alias.pk))
        return
    SearchCopy.objects.update_or_create(alias_id=alias.pk, defaults={"entry_id": alias.alias_of_id, "site_id": site_id})
    _tell_engine("index", [alias.alias_of_id])


def record_placement_copies(placements):
    """Syndicated copies that went live: their sites find the source's entry."""
    placements = [(p.pk, p.source_id, p.target_unit_id) for p in placements]
    entries = set(
        SearchEntry.objects.filter(page_id__in={source for _, source, _ in placements}).values_list("pk", flat=True)
    )
    site_of = dict(Unit.objects.filter(pk__in={unit for _, _, unit in placements}).values_list("pk", "site_id"))
    copies = [
        SearchCopy(placement_id=pk, entry_id=source, site_id=site_of[unit])
        for pk, source, unit in placements
        if source in entries and site_of.get(unit)
    ]
    SearchCopy.objects.bulk_create(copies, ignore_conflicts=True)
    _tell_engine("index", [copy.entry_id for copy in copies])


def remove_placement_copies(placements):
    _remove_copies(SearchCopy.objects.filter(placement_id__in=[p.pk for p in placements]))


def _remove_copies(copies):
    """Delete these SearchCopy rows; their sources' documents lose those sites."""
    sources = list(copies.values_list("entry_id", flat=True))
    if sources:
        copies.delete()
        _tell_engine("index", sources)


def remove_page(page):
    removed, _ = SearchEntry.objects.filter(page_id=page.pk).delete()
    _remove_copies(SearchCopy.objects.filter(alias_id=page.pk))
    if removed:
        _tell_engine("remove", [page.pk])


def rebuild():
    """Rebuild the whole index from the live pages (operators' command; publishing never does this)."""
    places = Places()
    count = 0
    with transaction.atomic():
        # First of the engine's calls after the commit: empty its index and fill it again (copies re-sent after it).
        transaction.on_commit(_reindex_everything, using=router.db_for_write(SearchEntry))
        SearchCopy.objects.all().delete()
        SearchEntry.objects.all().delete()
        batch = []
        pages = (
            Page.objects.live()
            .filter(depth__gte=HOME_DEPTH, alias_of__isnull=True)
            .exclude(content_type__app_label="home", content_type__model__in=NAVIGATION_TYPES)
            .specific()
        )
        for page in pages.iterator(chunk_size=BATCH):
            batch.append(build_entry(page, places))
            if len(batch) >= BATCH:
                count += len(SearchEntry.objects.bulk_create(batch))
                batch = []
        count += len(SearchEntry.objects.bulk_create(batch))
        for alias in Page.objects.live().filter(alias_of__isnull=False).only("pk", "path", "alias_of_id", "live"):
            _record_copy(alias, places)
        record_placement_copies(Placement.objects.filter(state=Placement.State.ACCEPTED, announced=True))
    return count


def _reindex_everything():
    """The engine's whole index from the committed entries: emptied, then written BATCH pages at a time."""
    current = engine.current()
    current.reset()
    page_ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(page_ids), BATCH):
        current.index(page_ids[start : start + BATCH])


def _on_published(sender, instance, **kwargs):
    index_page(instance)


def _on_pages_built(sender, pages, **kwargs):
    for page in pages:
        setattr(page, PREPARED, searchable_texts(page))


def _on_pages_imported(sender, pages, **kwargs):
    index_new_pages(pages)


def _on_unpublished(sender, instance, **kwargs):
    remove_page(instance)


def _on_moved(sender, instance, **kwargs):
    places = Places()
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        index_page(page, places)


def _on_saved(sender, instance, created, **kwargs):
    # Wagtail creates an alias live without a page_published signal.
    if created and isinstance(instance, Page) and instance.alias_of_id:
        index_page(instance)


def _on_copies_shown(sender, placements, **kwargs):
    record_placement_copies(placements)


def _on_copies_withdrawn(sender, placements, **kwargs):
    remove_placement_copies(placements)


def connect():
    copies_shown.connect(_on_copies_shown, dispatch_uid="citizen_search_copies_shown")
    copies_withdrawn.connect(_on_copies_withdrawn, dispatch_uid="citizen_search_copies_withdrawn")
    page_published.connect(_on_published, dispatch_uid="citizen_search_published")
    pages_built.connect(_on_pages_built, dispatch_uid="citizen_search_pages_built")
    pages_imported.connect(_on_pages_imported, dispatch_uid="citizen_search_pages_imported")
    page_unpublished.connect(_on_unpublished, dispatch_uid="citizen_search_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="citizen_search_moved")
    post_save.connect(_on_saved, dispatch_uid="citizen_search_alias_created")

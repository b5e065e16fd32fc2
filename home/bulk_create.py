"""Writing checked pages in bulk: a few INSERTs a batch of pages, where Wagtail's add_child, save_revision and
publish cost about 40 queries a page and fire their signals for each one.

The rows written are those the three calls leave behind (tests/test_bulk_import.py compares them):
- the wagtailcore_page rows, with the tree paths treebeard gives (each section's next child path: steplen 4,
  alphabet 0-9A-Z), depth and url_path, then the rows of the specific type's table (multi-table inheritance, which
  Django's bulk_create refuses: that table is written with the insert Model.save uses, by batch);
- one revision each, the page's latest and, when published, its live revision; the file's publication times;
- the category or field found by name (created if new), the tags; the sections' numchild;
- what Wagtail's signal handlers would add: the history entry "wagtail.publish" (one action id for the whole
  import, so the history groups it), the reference index; Wagtail's own search index (admin search) is left to
  the task worker (index_for_admin_search), as Wagtail leaves the reference index to it on every save;
- `home.signals.pages_imported` for the layers above: citizen search, the API cache.
"""

import uuid

from django_tasks import task
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from treebeard.exceptions import PathOverflow

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from sites.naming import free_numbered_slug

from .bulk_rows import take_ids, write_rows
from .models import ArticleTag, ImportedItem
from .signals import pages_imported

BATCH = 500


class PageWriter:
    """Writes checked pages batch after batch within the caller's transaction; `finish` then counts the children.

    Sections are read (and locked, as treebeard's add_child locks the parent) when first met, with their children's
    paths and slugs; from then on the writer knows the next free path and the slugs taken without asking again.
    """

    def __init__(self, *, draft):
        self.draft = draft
        self.sections = {}
        self.taxonomy = {}
        self.tags = {}
        self.action_id = uuid.uuid4()
        self.page_type_id = ContentType.objects.get_for_model(Page).id

    def write(self, lines):
        """Create the pages of these checked lines (home.importing.Line); returns the pages."""
        if not lines:
            return []
        now = timezone.now()
        self._read_sections({line.section.pk for line in lines})
        pages = [self._place(line) for line in lines]
        # Ids first: a page's row names its revision and the revision names its page, so each row is written once,
        # whole (an UPDATE of every page afterwards cost a tenth of the import).
        take_ids(Page, pages)
        for page in pages:
            page.page_ptr_id = page.id
        self._tag(pages, lines)
        revisions = self._revisions(pages)
        self._insert(pages)
        write_rows(Revision, revisions)
        write_rows(
            ImportedItem,
            [ImportedItem(external_id=line.external_id, page_id=line.page.pk) for line in lines if line.external_id],
        )
        self._log(pages, now)
        self._index_references(pages)
        self._index_for_admin_search(pages)
        pages_imported.send(sender=Page, pages=pages)
        return pages

    def finish(self):
        """numchild of every section that received pages, in one statement per batch."""
        touched = [section for section in self.sections.values() if section.added]
        for section in touched:
            section.page.numchild += section.added
        Page.objects.bulk_update([section.page for section in touched], ["numchild"], batch_size=BATCH)

    def _read_sections(self, section_ids):
        new = section_ids - set(self.sections)
        for section in Page.objects.select_for_update().filter(pk__in=new).order_by("pk"):
            self.sections[section.pk] = _Section(section)

    def _place(self, line):
        """Give the line's page its place, relations and publication state, as add_child and publish would."""
        page = line.page
        section = self.sections[line.section.pk]
        page.slug = section.take_slug(page.slug)
        page.depth, page.path, page.numchild = section.page.depth + 1, section.next_path(), 0
        page.set_url_path(section.page)
        for name, value in line.relations.items():
            if name != "tags":
                setattr(page, name, self._entry(page._meta.get_field(name).related_model, value))
        page.draft_title = page.title
        page.live = not self.draft
        page.has_unpublished_changes = self.draft
        # Publishing would stamp "now"; listings, the explorer's "Cập nhật lúc" and the revision should show when the
        # page was published at its source (a 2019 archive item is not "26 phút trước"). The history entry keeps the
        # import's own time: it records what happened here.
        page.last_published_at = None if self.draft else page.first_published_at
        page.latest_revision_created_at = page.first_published_at
        return page

    def _insert(self, pages):
        """The Page rows, then each specific type's own rows with the same ids."""
        # Page's rows hold only Page's columns, read from the specific pages.
        write_rows(Page, pages)
        for model in {type(page) for page in pages}:
            write_rows(model, [page for page in pages if type(page) is model])

    def _tag(self, pages, lines):
        """Tags by name (created if new), then the links; every page's child relations are set in memory, so the
        revision's content and the reference index read them without a query each."""
        wanted = {name for line in lines for name in line.relations.get("tags", ())} - set(self.tags)
        self.tags.update({tag.name: tag for tag in Tag.objects.filter(name__in=wanted)})
        for name in sorted(wanted - set(self.tags)):
            self.tags[name] = Tag.objects.create(name=name)
        links = {
            line.page.pk: [ArticleTag(tag=self.tags[name], content_object=line.page) for name in line.relations["tags"]]
            for line in lines
            if line.relations.get("tags")
        }
        write_rows(ArticleTag, [link for page_links in links.values() for link in page_links])
        for page in pages:
            for relation in get_all_child_relations(page):
                setattr(page, relation.get_accessor_name(), [])
            if page.pk in links:
                page.tagged_items = links[page.pk]

    def _revisions(self, pages):
        """Each page's one revision, with its id; the page then names it as its latest (and live) revision. The
        content is the page as save_revision would serialise it: before it names any revision."""
        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type_id=self.page_type_id,
                object_id=str(page.pk),
                created_at=page.first_published_at,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ]
        take_ids(Revision, revisions)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = None if self.draft else revision
        return revisions

    def _log(self, pages, now):
        if self.draft:
            return  # saving a revision is not logged (Page.save_revision's log_action=False)
        write_rows(
            PageLogEntry,
            [
                PageLogEntry(
                    content_type_id=page.content_type_id,
                    label=page.get_admin_display_title(),
                    action="wagtail.publish",
                    timestamp=now,
                    uuid=self.action_id,
                    data={},
                    revision=page.latest_revision,
                    content_changed=True,
                    page_id=page.pk,
                )
                for page in pages
            ],
        )

    def _index_references(self, pages):
        """The reference index rows Wagtail's create_or_update_for_object would write: none exist yet for new pages,
        so its extraction (the one rule of what a reference is) is used directly and the rows inserted by batch."""
        rows = [
            ReferenceIndex(
                content_type_id=page.content_type_id,
                base_content_type_id=self.page_type_id,
                object_id=str(page.pk),
                to_content_type_id=to_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            if ReferenceIndex.is_indexed(type(page))
            for to_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ]
        write_rows(ReferenceIndex, rows)

    def _index_for_admin_search(self, pages):
        for model in {type(page) for page in pages}:
            if index.class_is_indexed(model):
                ids = [page.pk for page in pages if type(page) is model]
                index_for_admin_search.enqueue(model._meta.label, ids)

    def _entry(self, model, name):
        if (model, name) not in self.taxonomy:
            self.taxonomy[model, name] = model.objects.get_or_create(name=name)[0]
        return self.taxonomy[model, name]


@task()
def index_for_admin_search(model_label, page_ids):
    """Wagtail's own search index (admin search, Page.search()) of pages an import created, in bulk.

    Left to the task worker (enqueued in the import's transaction: a refused import leaves no task), as Wagtail
    leaves its reference index to it: building these entries costs as much as the rest of the import.
    """
    model = apps.get_model(model_label)
    pages = list(model.objects.filter(pk__in=page_ids))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)


class _Section:
    """A section's next child path and taken slugs, from its children as they were when it was locked."""

    def __init__(self, page):
        self.page = page
        children = list(Page.objects.child_of(page).values_list("path", "slug"))
        self.slugs = {slug for _path, slug in children}
        self.last_step = max((Page._str2int(path[-Page.steplen :]) for path, _slug in children), default=0)
        self.added = 0
        # Slug base -> the number of the last slug given for it: at a million pages a recurring title ("Lịch tiếp
        # công dân") has thousands of siblings, and walking base-2, base-3, ... from the start for each made the
        # import quadratic in them.
        self.numbers = {}

    def take_slug(self, base):
        """A slug free among the section's children, from now on taken."""
        slug, self.numbers[base] = free_numbered_slug(base, self.slugs, self.numbers.get(base, 1))
        self.slugs.add(slug)
        return slug

    def next_path(self):
        self.last_step += 1
        self.added += 1
        if len(Page._int2str(self.last_step)) > Page.steplen:
            raise PathOverflow(f"{self.page.path}: không còn chỗ cho trang con mới")
        return Page._get_path(self.page.path, self.page.depth + 1, self.last_step)

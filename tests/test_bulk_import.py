"""The bulk writing behind import_content: the tree, revisions, history and indexes it leaves are those Wagtail's own
add_child / save_revision / publish leave, and its queries grow by batches, not by lines."""

import gc
import io
import json
from datetime import datetime, timedelta

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageLogEntry, ReferenceIndex

from caching.versions import versions
from home import importing
from home.management.commands import import_content
from home.models import ArticlePage, Category, ImportedItem, SectionPage
from search.indexing import index_page
from search.models import SearchEntry
from sites.models import Unit

pytestmark = pytest.mark.django_db


def article(number, **changes):
    """A valid article line for Đống Đa's news, its title and time its own."""
    published = datetime.fromisoformat("2026-03-01T08:30:00+07:00") + timedelta(hours=number)
    return {
        "site": "dongda",
        "type": "article",
        "title": f"Phường Đống Đa tổng vệ sinh môi trường đợt {number}",
        "summary": "Hơn 300 cán bộ, đoàn viên và người dân tham gia.",
        "body": "Lực lượng ra quân từ 6 giờ sáng.",
        "published_at": published.isoformat(),
        "author": "Minh Anh",
        "source": "UBND phường Đống Đa",
        "category": "Tin địa phương",
        "tags": ["môi trường"],
        "external_id": f"dongda-cms:{number}",
        **changes,
    }


def write(tmp_path, records, name="import.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def run_import(path):
    out = io.StringIO()
    call_command("import_content", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def news_of(label):
    home = Unit.objects.get(label=label).site.root_page
    return SectionPage.objects.child_of(home).get(section_key="news")


def test_pages_imported_into_a_section_with_children_follow_the_last_child_and_fixtree_finds_nothing(tmp_path):
    news = news_of("dongda")
    for title in ("Bài có sẵn một", "Bài có sẵn hai", "Bài có sẵn ba"):
        news.add_child(instance=ArticlePage(title=title, author="A", source_agency="B"))
    # A gap where an editor deleted a page: the next path still comes after the last child, as treebeard's does.
    Page.objects.get(title="Bài có sẵn hai").delete()
    news.refresh_from_db()
    assert news.numchild == 2
    last = news.get_last_child()

    run_import(write(tmp_path, [article(1), article(2)]))

    news.refresh_from_db()
    assert news.numchild == 4
    imported = list(ArticlePage.objects.filter(title__startswith="Phường Đống Đa tổng").order_by("path"))
    step = int(last.path[-4:], 36)
    assert [page.path for page in imported] == [
        news.path + format(step + 1, "04d"),
        news.path + format(step + 2, "04d"),
    ]
    assert all(page.depth == news.depth + 1 and page.numchild == 0 for page in imported)
    assert imported[0].url_path == news.url_path + "phuong-dong-da-tong-ve-sinh-moi-truong-dot-1/"
    out = io.StringIO()
    call_command("fixtree", interactive=False, stdout=out)
    assert out.getvalue().count("No problems found.") == 2, out.getvalue()


def test_an_imported_page_has_its_live_revision_dated_at_its_source_renders_and_is_found_by_citizen_and_admin_search(
    client, tmp_path
):
    run_import(write(tmp_path, [article(1)]))

    page = ArticlePage.objects.get()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id is not None
    assert page.latest_revision.as_object().title == page.title
    assert page.first_published_at == page.last_published_at == datetime.fromisoformat(article(1)["published_at"])
    assert page.latest_revision_created_at == page.latest_revision.created_at == page.first_published_at
    response = client.get(page.url_path.removeprefix("/dongda"), HTTP_HOST="dongda.localhost")
    assert response.status_code == 200
    assert page.title in response.content.decode()
    found = client.get("/tim-kiem/", {"q": "tổng vệ sinh"}, HTTP_HOST="dongda.localhost").content.decode()
    assert page.title in found
    assert list(ArticlePage.objects.search("vệ sinh")) == [page]


def test_an_import_leaves_one_publish_entry_per_page_in_the_history_and_the_references_of_its_pages(tmp_path):
    run_import(write(tmp_path, [article(1), article(2)]))

    pages = ArticlePage.objects.order_by("pk")
    entries = PageLogEntry.objects.filter(action="wagtail.publish", page__in=pages)
    assert sorted(entries.values_list("page_id", flat=True)) == [page.pk for page in pages]
    assert entries.values("uuid").distinct().count() == 1  # one action: the history groups the import
    category = Category.objects.get(name="Tin địa phương")
    referring = {reference.object_id for reference in ReferenceIndex.get_references_to(category)}
    assert referring == {str(page.pk) for page in pages}


def test_an_import_changes_the_api_stamp_of_the_sites_it_wrote_to_only(tmp_path):
    dongda, caugiay = versions("dongda.localhost")[0], versions("caugiay.localhost")[0]

    run_import(write(tmp_path, [article(1)]))

    assert versions("dongda.localhost")[0] != dongda
    assert versions("caugiay.localhost")[0] == caugiay


def test_a_rerun_creates_no_page_revision_or_history_entry(tmp_path):
    path = write(tmp_path, [article(number) for number in range(1, 6)])
    run_import(path)
    counts = (Page.objects.count(), ImportedItem.objects.count(), PageLogEntry.objects.count())

    out = run_import(path)

    assert "5 dòng: 0 tạo mới, 5 đã có, 0 lỗi." in out
    assert (Page.objects.count(), ImportedItem.objects.count(), PageLogEntry.objects.count()) == counts


def test_a_bad_line_after_batches_already_written_rolls_them_back_and_every_bad_line_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "LINES_AT_ONCE", 10)
    records = [article(number) for number in range(1, 36)]
    records[24]["published_at"] = "hôm qua"
    records[33]["site"] = "khong-co"
    pages_before = Page.objects.count()

    with pytest.raises(CommandError) as refused:
        run_import(write(tmp_path, records))

    message = str(refused.value)
    assert message.startswith("2 dòng lỗi, chưa nhập gì")
    assert "dòng 25: thời gian đăng (published_at)" in message
    assert "dòng 34: nhãn trang (site) “khong-co” không có" in message
    assert Page.objects.count() == pages_before
    assert not ImportedItem.objects.exists()
    assert news_of("dongda").numchild == 0


def test_importing_twice_as_many_lines_takes_no_more_queries(tmp_path):
    def queries_to_import(numbers, name):
        path = write(tmp_path, [article(number) for number in numbers], name)
        with CaptureQueriesContext(connection) as captured:
            run_import(path)
        return len(captured)

    twenty = queries_to_import(range(1, 21), "twenty.jsonl")
    forty = queries_to_import(range(101, 141), "forty.jsonl")

    assert ArticlePage.objects.count() == 60
    # Same section, category and tag: only the batches' statements, whatever their length (the second import
    # finds the category and tag already there: fewer queries, not more).
    assert forty <= twenty


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_after_a_large_import_postgresql_plans_with_statistics_that_know_the_new_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(import_content, "ANALYZE_AFTER", 2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        before = cursor.fetchone()[0]
        run_import(write(tmp_path, [article(number) for number in range(3)]))
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        assert cursor.fetchone()[0] == Page.objects.count() != before


def test_a_file_of_many_batches_is_built_ahead_and_imported_in_the_order_of_its_lines(tmp_path, monkeypatch):
    # Batches of 2, 4, 8, 10, 10 and 1 lines: the lines of the next ones are built by the helper process while a
    # batch is written.
    monkeypatch.setattr(importing, "LINES_AT_ONCE", 10)
    monkeypatch.setattr(importing, "FIRST_BATCH", 2)
    records = [article(number) for number in range(1, 36)]

    output = run_import(write(tmp_path, records))

    assert "35 dòng: 35 tạo mới" in output
    titles = list(ArticlePage.objects.child_of(news_of("dongda")).order_by("path").values_list("title", flat=True))
    assert titles == [record["title"] for record in records]
    assert news_of("dongda").numchild == 35
    again = run_import(write(tmp_path, records, "again.jsonl"))
    assert "0 tạo mới" in again and "35 đã có" in again


def test_a_long_import_keeps_only_the_batches_in_hand_in_memory_and_leaves_the_collector_as_it_was(
    tmp_path, monkeypatch
):
    # Python's collector is off during an import, which collects once a batch: a batch's pages and their tag links
    # refer to each other, so without that collection every page of the file would stay in memory to the end.
    monkeypatch.setattr(importing, "LINES_AT_ONCE", 10)
    alive = []
    write_batch = importing.PageWriter.write

    def counting(writer, lines):
        alive.append(sum(1 for thing in gc.get_objects() if isinstance(thing, ArticlePage)))
        return write_batch(writer, lines)

    monkeypatch.setattr(importing.PageWriter, "write", counting)
    run_import(write(tmp_path, [article(number) for number in range(1, 121)]))

    assert len(alive) == 12
    # This batch, the ones built ahead and the one written before it (collected once this loop turns).
    assert max(alive) <= 10 * (importing.AHEAD + 3)
    assert gc.isenabled()


def test_pages_built_ahead_get_the_search_entry_publishing_gives_them_and_citizens_find_them_without_diacritics(
    client, tmp_path, monkeypatch
):
    # Their searchable texts are made by the helper as it builds the lines (search.indexing: _on_pages_built).
    monkeypatch.setattr(importing, "LINES_AT_ONCE", 10)
    records = [article(number) for number in range(1, 25)]
    records.append(article(25, body="Khánh thành nhà văn hóa tổ dân phố số 7."))
    run_import(write(tmp_path, records))

    pages = list(ArticlePage.objects.all())
    entries = SearchEntry.objects.filter(page_id__in=[page.pk for page in pages])
    fields = ["page_id", "title", "text", "title_folded", "text_folded", "date", "section_key", "site_id"]
    imported = list(entries.order_by("page_id").values(*fields))
    assert len(imported) == 25
    for page in pages:
        index_page(page)  # what publishing the page writes
    assert list(entries.order_by("page_id").values(*fields)) == imported
    found = client.get("/tim-kiem/", {"q": "khanh thanh nha van hoa"}, HTTP_HOST="dongda.localhost")
    assert records[-1]["title"] in found.content.decode()


def test_lines_are_built_without_asking_the_database_so_that_a_forked_helper_may_build_them(tmp_path):
    # The helper's connection is the parent's, inside the import's transaction: building must not use it. A new page
    # asks for its content type, so the checker's context reads them into Django's cache first.
    ContentType.objects.clear_cache()
    checker = importing.Checker()
    batch = list(importing.read_lines(write(tmp_path, [article(1), article(2, type="plan"), article(3, site="?")])))

    with CaptureQueriesContext(connection) as captured:
        built = importing.build_lines(batch, checker.context)

    assert len(captured) == 0
    assert [line is not None for line, _errors in built] == [True, False, False]

"""Bulk import (manage.py import_content): a JSON Lines file of news, documents, ... becomes pages on the sites."""

import io
import json
import re
import unicodedata
from collections import Counter
from datetime import datetime

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page

from bench.import_content import sample_records
from home.models import (
    ArticlePage,
    Category,
    ContactPage,
    ImportedItem,
    LegalDocumentPage,
    OrganisationPage,
    SectionPage,
)
from sites.models import Unit

pytestmark = pytest.mark.django_db

# Where each type belongs, as docs/import-format.md promises.
SECTION_OF_TYPE = {
    "article": "news",
    "legal_document": "legal_documents",
    "announcement": "news",
    "event": "news",
    "plan": "plans",
    "statistics_report": "statistics",
    "procedure": "procedures",
}
ARTICLE = {
    "site": "dongda",
    "type": "article",
    "title": "Phường Đống Đa ra quân tổng vệ sinh môi trường",
    "summary": "Sáng 1/3, hơn 300 cán bộ, đoàn viên và người dân tham gia.",
    "body": "Lực lượng ra quân từ 6 giờ sáng.\n\nPhường cảm ơn <mọi người> & các tổ dân phố.",
    "published_at": "2026-03-01T08:30:00+07:00",
    "author": "Minh Anh",
    "source": "UBND phường Đống Đa",
    "category": "Tin địa phương",
    "tags": ["môi trường", "đô thị"],
}
LEGAL = {
    "site": "hanoi",
    "type": "legal_document",
    "title": "Quyết định về việc tổ chức lại Trung tâm Tin học - Công báo",
    "summary": "Tổ chức lại Trung tâm Tin học - Công báo thành Trung tâm Thông tin điện tử thành phố.",
    "published_at": "2026-03-02T09:00:00+07:00",
    "document_type": "Quyết định",
    "number": "4488/QĐ-UBND",
    "issuing_body": "UBND thành phố Hà Nội",
    "issue_date": "2026-02-28",
}


@pytest.fixture
def jsonl(tmp_path):
    """A .jsonl file from records (dicts) and raw lines (str), in order."""

    def write(*items):
        path = tmp_path / "import.jsonl"
        lines = [item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def sample():
    units = [(unit.label, unit.display_name) for unit in Unit.objects.all()]
    return lambda count: list(sample_records(units, count))


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused_lines(path, *args):
    with pytest.raises(CommandError) as refused:
        run_import(path, *args)
    message = str(refused.value)
    return sorted({int(number) for number in re.findall(r"dòng (\d+):", message)}), message


def content_pages(label=None):
    """Pages below the sections (depth 4): in these tests, only what was imported (not the city's provisioned
    organisation and contact pages, nor their English translations)."""
    pages = Page.objects.filter(depth=4).not_type(OrganisationPage, ContactPage)
    if label:
        pages = pages.descendant_of(Unit.objects.get(label=label).site.root_page)
    return pages


def test_a_thousand_line_file_becomes_a_thousand_live_pages_on_their_sites_and_a_rerun_creates_none(sample, jsonl):
    records = sample(1000)
    path = jsonl(*records)

    out, _ = run_import(path)

    assert "1000 dòng: 1000 tạo mới, 0 đã có, 0 lỗi." in out
    assert content_pages().count() == content_pages().live().count() == 1000
    per_site = Counter(record["site"] for record in records)
    busiest, quietest = per_site.most_common()[0], per_site.most_common()[-1]
    for label, expected in (busiest, quietest, ("hanoi", per_site["hanoi"]), ("dongda", per_site["dongda"])):
        assert content_pages(label).count() == expected, label
    per_section = Counter(SECTION_OF_TYPE[record["type"]] for record in records)
    for key, expected in per_section.items():
        assert sum(section.numchild for section in SectionPage.objects.filter(depth=3, section_key=key)) == expected

    out, _ = run_import(path)

    assert "1000 dòng: 0 tạo mới, 1000 đã có, 0 lỗi." in out
    assert content_pages().count() == 1000


def test_a_file_with_three_bad_lines_names_exactly_those_lines_and_imports_nothing(sample, jsonl):
    lines = [json.dumps(record, ensure_ascii=False) for record in sample(200)]
    lines[6] = '{"site": "dongda", "type": "article", '
    lines[99] = json.dumps({**json.loads(lines[99]), "site": "dongdaa"}, ensure_ascii=False)
    without_title = json.loads(lines[150])
    del without_title["title"]
    lines[150] = json.dumps(without_title, ensure_ascii=False)

    numbers, message = refused_lines(jsonl(*lines))

    assert numbers == [7, 100, 151]
    assert message.startswith("3 dòng lỗi, chưa nhập gì")
    assert "dòng 100: nhãn trang (site) “dongdaa” không có" in message
    assert "dòng 151: thiếu tiêu đề (title)" in message
    assert content_pages().count() == 0
    assert not ImportedItem.objects.exists()


def test_skip_invalid_imports_the_valid_lines_and_lists_the_others(jsonl):
    bad_date = {**ARTICLE, "title": "Giờ không có múi giờ", "published_at": "2026-03-01T08:30:00"}
    path = jsonl(ARTICLE, bad_date, LEGAL, "[1, 2]")

    out, err = run_import(path, "--skip-invalid")

    assert "4 dòng: 2 tạo mới, 0 đã có, 2 lỗi." in out
    assert "dòng 2: thời gian đăng (published_at) phải theo ISO 8601 và có múi giờ" in err
    assert "dòng 4: mỗi dòng phải là một đối tượng JSON" in err
    assert sorted(content_pages().values_list("title", flat=True)) == sorted([ARTICLE["title"], LEGAL["title"]])


def test_an_article_lands_in_its_sites_news_with_its_source_date_category_tags_and_paragraphs(jsonl):
    run_import(jsonl(ARTICLE))

    article = ArticlePage.objects.get()
    assert article.live and not article.has_unpublished_changes
    assert article.get_parent().specific.section_key == "news"
    assert Unit.for_page(article).label == "dongda"
    assert article.url_path == "/dongda/tin-tuc-su-kien/phuong-dong-da-ra-quan-tong-ve-sinh-moi-truong/"
    published = datetime.fromisoformat(ARTICLE["published_at"])
    assert article.first_published_at == article.last_published_at == article.published_at == published
    assert (article.author, article.source_agency) == ("Minh Anh", "UBND phường Đống Đa")
    assert article.category == Category.objects.get(name="Tin địa phương")
    assert sorted(tag.name for tag in article.tags.all()) == ["môi trường", "đô thị"]
    assert article.body.raw_data[0]["value"] == (
        "<p>Lực lượng ra quân từ 6 giờ sáng.</p><p>Phường cảm ơn &lt;mọi người&gt; &amp; các tổ dân phố.</p>"
    )
    assert article.live_revision == article.latest_revision


def test_html_bodies_keep_the_editors_formatting_and_lose_scripts(jsonl):
    body = '<p>Xin <b>chào</b><script>alert("x")</script></p><h2>Lịch</h2><ul><li>Thứ Hai</li></ul><img src="a.png">'
    run_import(jsonl({**ARTICLE, "body": body}))

    assert ArticlePage.objects.get().body.raw_data[0]["value"] == (
        "<p>Xin <b>chào</b></p><h2>Lịch</h2><ul><li>Thứ Hai</li></ul>"
    )


def test_imported_pages_are_found_by_their_sites_search(client, jsonl):
    run_import(jsonl(ARTICLE))

    found = client.get("/tim-kiem/", {"q": "tổng vệ sinh"}, HTTP_HOST="dongda.localhost").content.decode()
    elsewhere = client.get("/tim-kiem/", {"q": "tổng vệ sinh"}, HTTP_HOST="caugiay.localhost").content.decode()
    assert ARTICLE["title"] in found
    assert ARTICLE["title"] not in elsewhere


def test_draft_imports_are_saved_for_review_but_not_shown_to_citizens(client, jsonl):
    out, _ = run_import(jsonl(ARTICLE, LEGAL), "--draft")

    assert "2 dòng: 2 tạo mới (bản nháp), 0 đã có, 0 lỗi." in out
    assert content_pages().count() == 2
    assert not content_pages().live().exists()
    article = ArticlePage.objects.get()
    assert article.has_unpublished_changes and article.latest_revision is not None
    assert client.get(article.url_path.removeprefix("/dongda"), HTTP_HOST="dongda.localhost").status_code == 404
    out, _ = run_import(jsonl(ARTICLE, LEGAL), "--draft")
    assert "2 dòng: 0 tạo mới (bản nháp), 2 đã có, 0 lỗi." in out


def test_decomposed_vietnamese_is_stored_composed_and_recognised_on_the_next_run(jsonl):
    decomposed = {
        key: unicodedata.normalize("NFD", value) if isinstance(value, str) else value for key, value in ARTICLE.items()
    }
    decomposed["tags"] = [unicodedata.normalize("NFD", tag) for tag in ARTICLE["tags"]]
    assert decomposed["title"] != ARTICLE["title"]

    run_import(jsonl(decomposed))

    article = ArticlePage.objects.get()
    assert article.title == ARTICLE["title"]
    assert article.summary == ARTICLE["summary"]
    assert article.slug == "phuong-dong-da-ra-quan-tong-ve-sinh-moi-truong"
    assert "Phường cảm ơn" in article.body.raw_data[0]["value"]
    assert article.category.name == "Tin địa phương"
    assert sorted(tag.name for tag in article.tags.all()) == ["môi trường", "đô thị"]
    out, _ = run_import(jsonl(ARTICLE))
    assert "1 dòng: 0 tạo mới, 1 đã có, 0 lỗi." in out


def test_a_legal_document_with_a_malformed_number_is_refused_with_the_models_message(jsonl):
    numbers, message = refused_lines(jsonl(LEGAL, {**LEGAL, "title": "Quyết định khác", "number": "4488 QD UBND"}))

    assert numbers == [2]
    assert (
        "dòng 2: số, ký hiệu (number): Số, ký hiệu chưa đúng dạng, ví dụ: 4488/QĐ-UBND hoặc 12/2024/NQ-HĐND." in message
    )
    assert not LegalDocumentPage.objects.exists()


def test_every_problem_of_a_line_is_told_by_its_json_key(jsonl):
    event = {
        "site": "sotaichinh",
        "type": "event",
        "title": "Hội nghị đối thoại doanh nghiệp",
        "published_at": "2026-03-02T09:00:00+07:00",
        "starts_at": "2026-03-10T08:00:00+07:00",
        "ends_at": "2026-03-09T08:00:00+07:00",
        "venue": "Hội trường",
    }
    legal = {**LEGAL, "issue_date": "2026-02-30", "body": "Nội dung", "section": "tin-tuc"}
    del legal["issuing_body"]

    numbers, message = refused_lines(jsonl(event, legal))

    assert numbers == [1, 2]
    for expected in (
        "dòng 1: trường “venue” không dùng cho loại event",
        "dòng 1: kết thúc (ends_at): Thời điểm kết thúc phải sau thời điểm bắt đầu.",
        "dòng 2: trường “body” không dùng cho loại legal_document",
        "dòng 2: ngày ban hành (issue_date) phải là ngày có thật, dạng YYYY-MM-DD",
        "dòng 2: thiếu cơ quan ban hành (issuing_body)",
        "dòng 2: chuyên mục (section) “tin-tuc” không có",
    ):
        assert expected in message
    # The unreadable issue date is one problem, not also a missing one.
    assert "thiếu ngày ban hành" not in message


def test_an_external_id_is_imported_once_even_after_the_page_is_retitled(jsonl):
    line = {**ARTICLE, "external_id": "dongda-cms:1234"}
    run_import(jsonl(line))
    ArticlePage.objects.update(title="Tiêu đề do biên tập viên sửa")

    out, _ = run_import(jsonl(line))

    assert "1 dòng: 0 tạo mới, 1 đã có, 0 lỗi." in out
    assert ArticlePage.objects.get().title == "Tiêu đề do biên tập viên sửa"
    elsewhere = {**line, "site": "caugiay"}
    numbers, message = refused_lines(jsonl(elsewhere))
    assert numbers == [1]
    assert "“dongda-cms:1234” đã dùng cho trang khác loại hoặc ở site khác" in message


def test_a_line_repeating_an_earlier_one_is_an_error(jsonl):
    numbers, message = refused_lines(jsonl(ARTICLE, LEGAL, ARTICLE))

    assert numbers == [3]
    assert "dòng 3: trùng site, type, title và published_at với dòng 1" in message


def test_same_titles_in_one_section_get_distinct_addresses(jsonl):
    later = {**ARTICLE, "published_at": "2026-03-08T08:30:00+07:00"}
    run_import(jsonl(ARTICLE, later))

    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "phuong-dong-da-ra-quan-tong-ve-sinh-moi-truong",
        "phuong-dong-da-ra-quan-tong-ve-sinh-moi-truong-2",
    ]


def test_a_title_recurring_over_imports_takes_the_free_addresses_in_order_filling_a_gap_first(jsonl):
    # A recurring title ("Lịch tiếp công dân") has thousands of siblings in an archive: the import numbers each next
    # one on from where the section's addresses got to, not from the start.
    def on_day(day):
        return {**ARTICLE, "published_at": f"2026-03-{day:02d}T08:30:00+07:00"}

    base = "phuong-dong-da-ra-quan-tong-ve-sinh-moi-truong"
    run_import(jsonl(on_day(1), on_day(2), on_day(3)))
    ArticlePage.objects.get(slug=f"{base}-2").delete()  # an editor deleted one: its address is free again
    run_import(jsonl(on_day(4), on_day(5), on_day(6)))

    slugs = {page.slug: page.first_published_at.day for page in ArticlePage.objects.all()}
    assert slugs == {base: 1, f"{base}-3": 3, f"{base}-2": 4, f"{base}-4": 5, f"{base}-5": 6}


def test_a_missing_file_is_reported_plainly(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run_import(tmp_path / "khong-co.jsonl")

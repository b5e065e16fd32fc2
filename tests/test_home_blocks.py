"""A site's home page as its editors arrange it (issue #18 item 2): blocks of the latest news, a chosen section,
new legal documents, procedures, notices, answered questions and the service links, in the order the editor put
them; every site starts with a sensible arrangement; the page reads its items in a fixed number of queries."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from citizens.models import AnswerPage
from home.models import AnnouncementPage, HomePage, ProcedurePage

from .api_content import CAUGIAY, DONGDA, article, fresh_api_cache, legal_document, publish, section  # noqa: F401
from .conftest import CAU_GIAY, CITY, DONG_DA

pytestmark = pytest.mark.django_db


def headings(client, host=DONGDA):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    # The blocks' headings (each labels its section: id="khoi-…"), not the rating form's under the content.
    found = re.findall(r'<h2 id="khoi-[^"]+">(.*?)</h2>', response.content.decode())
    return [re.sub(r"<[^>]+>", "", heading).strip() for heading in found]


def arrange(home, *blocks):
    home.body = list(blocks)
    home.save_revision().publish()


def fill(dongda, each):
    """`each` articles, decisions, procedures, notices and answers on Đống Đa."""
    for number in range(each):
        article(section(dongda, "news"), f"Tin phường số {number + 1}")
        legal_document(section(dongda, "legal_documents"), f"Quyết định số {number + 1}", f"{number + 1}/QĐ-UBND")
        publish(section(dongda, "procedures"), ProcedurePage(title=f"Thủ tục số {number + 1}"))
        publish(section(dongda, "news"), AnnouncementPage(title=f"Thông báo số {number + 1}"))
        publish(
            section(dongda, "questions"),
            AnswerPage(title=f"Hỏi về hộ tịch số {number + 1}", question_text="Hỏi", answer="<p>Trả lời</p>"),
        )


def test_every_site_starts_with_the_news_the_service_links_and_a_block_for_each_kind_of_content(unit):
    for code in (CITY, DONG_DA):
        home = HomePage.objects.get(pk=unit(code).site.root_page_id)
        assert [block.block_type for block in home.body] == [
            "latest_news",
            "links",
            "procedures",
            "legal_documents",
            "notices",
            "questions",
            "menu_sections",
        ]


def test_the_default_home_shows_new_documents_procedures_notices_and_answers(client, unit):
    fill(unit(DONG_DA), 1)
    page = client.get("/", HTTP_HOST=DONGDA).content.decode()
    for title in ("Quyết định số 1", "Thủ tục số 1", "Thông báo số 1", "Hỏi về hộ tịch số 1", "Tin phường số 1"):
        assert title in page
    assert 'href="https://dichvucong.gov.vn/"' in page
    assert headings(client) == [
        "Tin mới",
        "Dịch vụ công",
        "Thủ tục hành chính",
        "Văn bản mới",
        "Thông báo",
        "Hỏi đáp",
        "Tin tức - Sự kiện",  # then each section's newest (procedures are not news-like items)
        "Văn bản pháp luật",
        "Hỏi đáp",
    ]


def test_a_ward_editor_puts_a_chosen_section_first_renames_it_and_drops_the_other_blocks(client, unit):
    dongda = unit(DONG_DA)
    fill(dongda, 1)
    article(section(dongda, "direction"), "Phường ra quân tổng vệ sinh")
    news = {"heading": "Chỉ đạo của phường", "count": 3, "section": section(dongda, "direction")}
    arrange(dongda.site.root_page.specific, ("section_news", news), ("legal_documents", {"heading": "", "count": 5}))
    assert headings(client) == ["Chỉ đạo của phường", "Văn bản mới"]
    page = client.get("/", HTTP_HOST=DONGDA).content.decode()
    assert "Phường ra quân tổng vệ sinh" in page
    assert "Thủ tục số 1" not in page and "Thông báo số 1" not in page


def test_a_section_of_another_site_chosen_for_a_block_shows_nothing_of_it(client, unit):
    caugiay_news = section(unit(CAU_GIAY), "news")
    article(caugiay_news, "Cầu Giấy tổ chức ngày hội đọc sách")
    block = ("section_news", {"heading": "Tin lạ", "count": 5, "section": caugiay_news})
    arrange(unit(DONG_DA).site.root_page.specific, block)
    page = client.get("/", HTTP_HOST=DONGDA).content.decode()
    assert "Cầu Giấy tổ chức ngày hội đọc sách" not in page
    assert "Tin lạ" not in page
    assert "Cầu Giấy tổ chức ngày hội đọc sách" in client.get("/", HTTP_HOST=CAUGIAY).content.decode()


def test_a_notice_past_its_end_date_leaves_the_home_page(client, unit):
    news = section(unit(DONG_DA), "news")
    publish(news, AnnouncementPage(title="Lịch tiếp dân tháng 11", valid_until=datetime.date(2020, 11, 30)))
    publish(news, AnnouncementPage(title="Lịch tiếp dân tháng 12", valid_until=datetime.date(2099, 12, 31)))
    notices = client.get("/", HTTP_HOST=DONGDA).content.decode().split(">Thông báo</h2>")[1].split("</section>")[0]
    assert "Lịch tiếp dân tháng 12" in notices
    assert "Lịch tiếp dân tháng 11" not in notices


def test_a_wards_newest_procedures_and_notices_come_first_on_its_home_page(client, unit, settings):
    settings.PORTAL_PAGE_CACHE = False
    dongda = unit(DONG_DA)
    dated = (("Thủ tục cũ", "2024-01-05"), ("Thủ tục mới nhất", "2026-03-01"), ("Thủ tục giữa", "2025-06-10"))
    for title, day in dated:
        page = publish(section(dongda, "procedures"), ProcedurePage(title=title))
        ProcedurePage.objects.filter(pk=page.pk).update(first_published_at=f"{day}T08:00:00+07:00")
    for title, day in (("Thông báo cũ", "2026-01-02"), ("Thông báo mới", "2026-02-03")):
        page = publish(section(dongda, "news"), AnnouncementPage(title=title, valid_until=datetime.date(2099, 1, 1)))
        AnnouncementPage.objects.filter(pk=page.pk).update(first_published_at=f"{day}T08:00:00+07:00")
    # Another site's newer procedure is not this ward's.
    publish(section(unit(CAU_GIAY), "procedures"), ProcedurePage(title="Thủ tục của Cầu Giấy"))

    page = client.get("/", HTTP_HOST=DONGDA).content.decode()
    procedures = page.split(">Thủ tục hành chính</h2>")[1].split("</section>")[0]
    notices = page.split(">Thông báo</h2>")[1].split("</section>")[0]
    assert re.findall(r"Thủ tục [^<]+", procedures) == ["Thủ tục mới nhất", "Thủ tục giữa", "Thủ tục cũ"]
    assert re.findall(r"Thông báo [^<]+", notices) == ["Thông báo mới", "Thông báo cũ"]


def queries_for_home(client):
    client.get("/", HTTP_HOST=DONGDA)  # Wagtail's site root paths, read once per publish of a home page
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/", HTTP_HOST=DONGDA).status_code == 200
    return len(queries)


def test_the_home_page_reads_the_same_number_of_queries_for_one_item_per_block_as_for_five(client, unit, settings):
    settings.PORTAL_PAGE_CACHE = False  # every request renders the page
    dongda = unit(DONG_DA)
    fill(dongda, 1)
    with_one = queries_for_home(client)
    fill(dongda, 4)
    assert queries_for_home(client) == with_one
    # Measured: 35 with five kinds of item (each kind is one query for its fields; each of the four listings asks
    # for the ids of the copies it shows first, so that PostgreSQL can plan it: home/models/listing.py).
    assert with_one <= 35

"""The admin speaks Vietnamese: our catalogues, layered over Wagtail's, are compiled and in use."""

import datetime
from pathlib import Path

import polib
import pytest

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

from .conftest import DONG_DA

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_its_source(domain):
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in polib.pofile(LOCALE / f"{domain}.po")}
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in polib.mofile(LOCALE / f"{domain}.mo")}
    compiled.pop((None, ""), None)
    assert compiled == source


@pytest.mark.django_db
def test_a_ward_editor_meets_the_page_editor_in_vietnamese(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "editor"))
    news = unit(DONG_DA).site.root_page.get_children().get(slug="tin-tuc-su-kien")
    html = client.get(reverse("wagtailadmin_pages:add", args=["home", "articlepage", news.pk])).content.decode()
    for vietnamese in ("Lưu nháp", "Xem trước", "Tiêu đề", "Nội dung"):
        assert vietnamese in html
    for english in ("Save draft", "Preview"):
        assert f">{english}<" not in html


@pytest.mark.django_db
def test_the_admin_is_branded_as_the_hanoi_portal(client):
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Đăng nhập quản trị Cổng thông tin điện tử thành phố Hà Nội" in login
    assert "- Cổng TTĐT Hà Nội</title>" in login


def test_relative_times_are_vietnamese():
    """Wagtail's "3 minutes ago" comes from Django's timesince and humanize (not installed): both need our catalogue."""
    now = timezone.now()
    with translation.override("vi"):
        assert timesince_simple(now - datetime.timedelta(minutes=3)) == "3\xa0phút trước"
        assert naturaltime(now - datetime.timedelta(seconds=8)) == "8\xa0giây trước"
        assert "ngày" in naturaltime(now - datetime.timedelta(days=3))
        assert "ago" not in naturaltime(now - datetime.timedelta(days=3))

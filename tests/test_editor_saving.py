"""A ward clerk saves, autosaves, schedules and uploads without meeting a server error or an English word."""

import io
import json
import os
import stat
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from PIL import Image as PillowImage

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ArticlePage, SectionPage
from provisioning.sites import provision
from sites.catalogue import DEPARTMENTS_CSV, WARDS_CSV, load_catalogue

from .conftest import DONG_DA

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Lịch tiếp công dân tháng 12"
# What the admin's JavaScript puts in the slug field as the clerk types the title (Wagtail's Unicode slug mode).
ADMIN_SLUG = "lịch-tiếp-công-dân-tháng-12"
SLUG = "lich-tiep-cong-dan-thang-12"
JSON = {"HTTP_ACCEPT": "application/json"}


def news_of(unit):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")


def article_form(title=TITLE, slug=ADMIN_SLUG, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "",
            "author": "Minh Châu",
            "source_agency": "UBND phường",
            "published_at": "",
            "tags": "",
            "body": streamfield([]),
            **fields,
        }
    )


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=["home", "articlepage", section.pk])


def slugs_in(section, title=TITLE):
    return sorted(ArticlePage.objects.child_of(section).filter(title=title).values_list("slug", flat=True))


@pytest.fixture
def clerk(client, member_of):
    client.force_login(member_of(DONG_DA, "editor"))
    return client


# 1. No dead ends on saving


def test_two_articles_of_the_same_vietnamese_title_are_both_saved_with_distinct_slugs(clerk, unit):
    section = news_of(unit(DONG_DA))

    first = clerk.post(add_url(section), article_form())
    second = clerk.post(add_url(section), article_form())

    assert (first.status_code, second.status_code) == (302, 302)
    assert slugs_in(section) == [SLUG, f"{SLUG}-2"]
    assert "/edit/" in second.url  # the clerk stays on her new draft, as after any save


def test_a_title_without_accents_is_saved_twice_too(clerk, unit):
    section = news_of(unit(DONG_DA))
    for _ in range(2):
        assert clerk.post(add_url(section), article_form("Lich tiep dan", "lich-tiep-dan")).status_code == 302
    assert slugs_in(section, "Lich tiep dan") == ["lich-tiep-dan", "lich-tiep-dan-2"]


def test_autosave_of_a_duplicate_title_saves_and_tells_the_editor_the_slug_it_got(clerk, unit):
    section = news_of(unit(DONG_DA))
    assert clerk.post(add_url(section), article_form()).status_code == 302

    # Wagtail's autosave: the same form, posted in the background, answered in JSON.
    created = clerk.post(add_url(section), article_form(), **JSON)

    assert created.status_code == 200, created.content
    answer = created.json()
    assert answer["success"] is True
    assert answer["field_updates"]["slug"] == f"{SLUG}-2"
    page = ArticlePage.objects.get(pk=answer["pk"])
    assert page.slug == f"{SLUG}-2"

    # The next autosaves post the slug the JavaScript derives from the title again: the page keeps its own.
    edited = clerk.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        article_form(summary="Thêm giờ tiếp buổi chiều."),
        **JSON,
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["success"] is True
    page.refresh_from_db()
    assert page.slug == f"{SLUG}-2"
    assert page.get_latest_revision_as_object().summary == "Thêm giờ tiếp buổi chiều."
    assert slugs_in(section) == [SLUG, f"{SLUG}-2"]


def test_a_slug_typed_by_hand_that_is_taken_gets_a_vietnamese_message_not_a_server_error(clerk, unit):
    section = news_of(unit(DONG_DA))
    assert clerk.post(add_url(section), article_form()).status_code == 302

    response = clerk.post(add_url(section), article_form(title="Lịch tiếp dân của Chủ tịch", slug=SLUG))

    assert response.status_code == 200
    errors = response.context["form"].errors["slug"]
    assert errors == [
        f"Đường dẫn “{SLUG}” đã được dùng cho một trang khác trong chuyên mục này. "
        f"Hãy chọn đường dẫn khác, ví dụ “{SLUG}-2”."
    ]
    autosaved = clerk.post(add_url(section), article_form(title="Lịch tiếp dân của Chủ tịch", slug=SLUG), **JSON)
    assert autosaved.status_code == 400 or autosaved.json()["success"] is False
    assert slugs_in(section) == [SLUG]


def test_save_revision_folds_a_clashing_unicode_slug_to_a_free_one_and_refuses_an_ascii_one_in_vietnamese(unit):
    section = news_of(unit(DONG_DA))
    first = section.add_child(instance=ArticlePage(title=TITLE, author="A", source_agency="B"))
    second = section.add_child(instance=ArticlePage(title="Bài khác", author="A", source_agency="B"))

    second.slug = ADMIN_SLUG
    second.save_revision()
    assert (first.slug, second.slug) == (SLUG, f"{SLUG}-2")

    second.slug = SLUG
    with pytest.raises(ValidationError) as refused:
        second.save_revision()
    assert refused.value.message_dict["slug"] == [
        f"Đường dẫn “{SLUG}” đã được dùng cho một trang khác trong chuyên mục này."
    ]


def test_opening_the_add_form_and_typing_leaves_no_draft_behind_autosave_starts_after_the_first_save(clerk, unit):
    section = news_of(unit(DONG_DA))

    add_form = clerk.get(add_url(section)).content.decode()
    assert 'id="page-edit-form"' in add_form
    assert "data-w-autosave-interval-value" not in add_form and 'id="w-autosave-indicator"' not in add_form

    saved = clerk.post(add_url(section), article_form())
    edit_form = clerk.get(saved.url).content.decode()
    assert "data-w-autosave-interval-value" in edit_form and 'id="w-autosave-indicator"' in edit_form


# 2a. The published time of a scheduled article is its go-live time


def test_a_scheduled_article_is_published_at_its_go_live_time_and_keeps_it_on_republishing(client, member_of, unit):
    client.force_login(member_of(DONG_DA, "board_head"))
    section = news_of(unit(DONG_DA))
    go_live = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    form = article_form(go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"))
    form["action-publish"] = "action-publish"

    assert client.post(add_url(section), form).status_code == 302
    page = ArticlePage.objects.child_of(section).get(title=TITLE)
    assert not page.live and page.published_at is None

    # The scheduler runs a little after the go-live time (every 30 seconds, sometimes later).
    with time_machine.travel(go_live + timedelta(seconds=50)):
        call_command("publish_scheduled")

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.published_at == go_live != page.first_published_at
    shown = client.get(page.url, HTTP_HOST="dongda.localhost").content.decode()
    assert timezone.localtime(go_live).strftime("%H:%M, %d/%m/%Y") in shown

    page.summary = "Sửa lỗi chính tả."
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).published_at == go_live


def test_a_published_time_the_editor_chose_is_kept(unit):
    section = news_of(unit(DONG_DA))
    chosen = timezone.now() - timedelta(days=2)
    page = section.add_child(
        instance=ArticlePage(
            title="Tin đã đăng báo giấy", author="A", source_agency="B", published_at=chosen, live=False
        )
    )
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).published_at == chosen


def test_an_article_published_at_once_gets_its_publication_time(unit):
    section = news_of(unit(DONG_DA))
    page = section.add_child(instance=ArticlePage(title="Tin nóng", author="A", source_agency="B", live=False))
    before = timezone.now()
    page.save_revision().publish()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.published_at == page.first_published_at >= before


# 2b. Every image says what it shows


def png(name="le-ra-quan.png"):
    data = io.BytesIO()
    PillowImage.new("RGB", (64, 40), (30, 120, 60)).save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def image_form(collection, **fields):
    return {"title": "Lễ ra quân", "collection": collection.pk, "tags": "", "file": png(), **fields}


def test_an_image_upload_without_alt_text_is_refused_in_vietnamese_and_with_it_succeeds(clerk, unit):
    collection = unit(DONG_DA).collection
    url = reverse("wagtailimages:add")

    page = clerk.get(url).content.decode()
    assert "Mô tả ảnh cho người khiếm thị (alt)" in page

    refused = clerk.post(url, image_form(collection))
    assert refused.status_code == 200
    assert refused.context["form"].errors["description"] == [
        "Hãy mô tả ảnh cho người khiếm thị: ảnh cho thấy gì (bắt buộc)."
    ]
    assert not get_image_model().objects.filter(title="Lễ ra quân").exists()

    accepted = clerk.post(url, image_form(collection, description="Cán bộ phường ra quân dọn vệ sinh phố Thái Hà"))
    assert accepted.status_code == 302
    image = get_image_model().objects.get(title="Lễ ra quân")
    assert image.description == "Cán bộ phường ra quân dọn vệ sinh phố Thái Hà"

    edited = clerk.post(reverse("wagtailimages:edit", args=[image.pk]), {**image_form(collection), "file": ""})
    assert edited.status_code == 200
    assert "description" in edited.context["form"].errors


def test_the_multiple_uploader_keeps_the_file_aside_until_the_clerk_describes_it(clerk, unit):
    collection = unit(DONG_DA).collection
    response = clerk.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": collection.pk, "files[]": png()},
    )
    answer = json.loads(response.content)
    assert answer["success"] is True
    assert "Mô tả ảnh cho người khiếm thị (alt)" in answer["form"]
    assert not get_image_model().objects.filter(title="le-ra-quan.png").exists()


def test_the_article_and_the_api_use_the_image_description_as_alt_text(unit):
    dong_da = unit(DONG_DA)
    image = get_image_model().objects.create(
        title="IMG_2034",
        description="Hội nghị tiếp xúc cử tri",
        file=get_test_image_file(),
        collection=dong_da.collection,
    )
    section = news_of(dong_da)
    page = section.add_child(instance=ArticlePage(title="Tiếp xúc cử tri", author="A", source_agency="B", live=False))
    page.hero_image = image
    page.save_revision().publish()

    html = Client().get(page.url, HTTP_HOST="dongda.localhost").content.decode()
    assert 'alt="Hội nghị tiếp xúc cử tri"' in html
    api = Client().get(f"/api/v2/pages/{page.pk}/", HTTP_HOST="dongda.localhost").json()
    assert api["hero_image_alt"] == "Hội nghị tiếp xúc cử tri"


# 2c. The port the portal runs on is the one its links use


def test_provisioning_again_with_another_port_moves_every_site_to_it():
    assert set(Site.objects.values_list("port", flat=True)) == {80}
    with override_settings(PORTAL_SITE_PORT=8123):
        provision(load_catalogue(WARDS_CSV, DEPARTMENTS_CSV))
    ports = list(Site.objects.values_list("port", flat=True))
    assert len(ports) >= 142 and set(ports) == {8123}


def test_portal_up_passes_port_to_provisioning_and_gunicorn(tmp_path):
    """`./portal up` with PORT=8123, its Python and gunicorn replaced by recorders."""
    (tmp_path / "portal").write_text((ROOT / "portal").read_text())
    for name in ("requirements.txt", "requirements-dev.txt"):
        (tmp_path / name).write_text((ROOT / name).read_text())
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    log = tmp_path / "calls.log"
    for tool in ("python", "gunicorn"):
        recorder = bin_dir / tool
        recorder.write_text(f'#!/bin/sh\necho "{tool} PORTAL_SITE_PORT=$PORTAL_SITE_PORT $*" >> "{log}"\n')
        recorder.chmod(recorder.stat().st_mode | stat.S_IEXEC)
    digest = ["bash", "-c", "cat requirements*.txt | sha256sum | cut -c1-12"]
    stamp = subprocess.run(digest, cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    (bin_dir.parent / f".installed-{stamp}-requirements.txt").touch()
    env = {key: value for key, value in os.environ.items() if key != "PORTAL_SITE_PORT"}

    # (Its exit status is the EXIT trap's, which finds the recorded scheduler gone: only the calls matter here.)
    subprocess.run(["bash", str(tmp_path / "portal"), "up"], env={**env, "PORT": "8123"}, timeout=60)

    calls = log.read_text().splitlines()
    assert "python PORTAL_SITE_PORT=8123 manage.py provision_sites" in calls
    assert any(call.startswith("gunicorn PORTAL_SITE_PORT=8123 cms.wsgi --bind 127.0.0.1:8123") for call in calls)

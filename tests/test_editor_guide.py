"""The Vietnamese editor guide inside the admin: its headings, its screenshots, and who may read them."""

import re
from pathlib import Path

import pytest

from django.urls import reverse

from sites.views.guide import render_guide
from tests.conftest import DONG_DA

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "editor-guide.vi.md"
REFERENCED = re.findall(r"!\[([^\]]+)\]\(editor-guide/([^)]+)\)", GUIDE.read_text(encoding="utf-8"))
HEADINGS = re.findall(r"^#{2,4} (.+)$", GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE)


@pytest.fixture
def editor_client(client, member_of):
    client.force_login(member_of(DONG_DA, "editor"))
    return client


def test_the_guide_has_sections_and_screenshots_to_show():
    assert len(HEADINGS) >= 8
    assert len(REFERENCED) >= 8


def test_a_ward_editor_reads_the_guide_with_its_headings_and_screenshots(editor_client):
    response = editor_client.get(reverse("portal_editor_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in HEADINGS:
        assert heading in html
    for alt, name in REFERENCED:
        src = reverse("portal_editor_guide_image", args=[name])
        assert f'<img src="{src}" alt="{alt}" loading="lazy">' in html
    assert "![" not in html


@pytest.mark.parametrize(("alt", "name"), REFERENCED)
def test_every_screenshot_the_guide_shows_exists_and_is_served(editor_client, alt, name):
    assert (ROOT / "docs" / "editor-guide" / name).is_file()
    response = editor_client.get(reverse("portal_editor_guide_image", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/huong-dan/anh/../settings.py",
        "/admin/huong-dan/anh/..%2Fsettings.py",
        "/admin/huong-dan/anh/..%2F..%2Fcms%2Fsettings%2Fbase.py",
        "/admin/huong-dan/anh/settings.py",
        "/admin/huong-dan/anh/khong-co-anh-nay.png",
        "/admin/huong-dan/anh/Editor-Dashboard.PNG",
        "/admin/huong-dan/anh/.png",
    ],
)
def test_names_that_are_not_screenshots_of_the_guide_are_not_found(editor_client, url):
    assert editor_client.get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_login(client, db):
    name = REFERENCED[0][1]
    for url in (reverse("portal_editor_guide"), reverse("portal_editor_guide_image", args=[name])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_only_screenshots_from_the_guide_folder_become_images(db):
    name = REFERENCED[0][1]
    html = render_guide(
        f'![Ảnh "đẹp" <b>](editor-guide/{name})\n\n'
        "![x](editor-guide/../settings.py)\n\n"
        "![x](https://example.com/x.png)\n\n"
        "![x](editor-guide/khong-co.png)"
    )
    src = reverse("portal_editor_guide_image", args=[name])
    assert f'<img src="{src}" alt="Ảnh &quot;đẹp&quot; &lt;b&gt;" loading="lazy">' in html
    assert html.count("<img") == 1
    assert "![x](editor-guide/../settings.py)" in html
    assert "![x](https://example.com/x.png)" in html

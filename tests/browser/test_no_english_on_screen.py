"""Issue #13: every screen a clerk meets is Vietnamese. Four roles walk their main admin screens in Chromium; any
English word on screen (Wagtail's, Django's or ours) fails the test, with the screen and the words named."""

import re
from functools import cache
from pathlib import Path

import polib
import pytest

import wagtail

from .conftest import ROOT, run_in_portal
from .test_board_in_browser import screenshot_page
from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

WAGTAIL = Path(wagtail.__file__).parent
# Brand names and technical words a Vietnamese screen may carry ("alt": the accepted name of an image's text for the
# blind, shown beside its Vietnamese label).
ALLOWED = {
    "alt",
    "wagtail",
    "rss",
    "api",
    "atom",
    "email",
    "url",
    "html",
    "json",
    "pdf",
    "png",
    "jpg",
    "jpeg",
    "svg",
    "ubnd",
}

MORE_USERS = """
from django.contrib.auth import get_user_model
from sites.models import SiteRole, Unit
User = get_user_model()
admin = User.objects.create_user("quantri.dongda", password="{password}")
admin.groups.add(Unit.objects.get(code="00235").roles.get(role="site_admin").group)
operator = User.objects.create_user("vanhanh.cong", password="{password}")
operator.groups.add(SiteRole.objects.get(role="operator").group)
from home.models import ArticlePage, SectionPage
unit = Unit.objects.get(code="00235")
news = SectionPage.objects.child_of(unit.site.root_page).get(section_key="news")
page = news.add_child(instance=ArticlePage(
    title="Phường ra quân tổng vệ sinh môi trường", summary="Sáng Chủ nhật.", author="Tổ dân phố 5",
    source_agency="UBND phường Đống Đa"))
page.save_revision().publish()
print(page.pk, news.pk)
"""


@cache
def english_words():
    """Every word of 3+ letters in the English msgids of Wagtail's and Django's admin catalogues, minus every
    ASCII word our Vietnamese catalogues use (Vietnamese syllables without marks: "tin", "ban", "trang"...)."""
    sources = [*WAGTAIL.glob("**/locale/en/LC_MESSAGES/django*.po")]
    sources += [Path(polib.__file__).parent / "nothing"]  # keeps the list a list when Wagtail's are missing
    words = set()
    for source in sources:
        if source.exists():
            for entry in polib.pofile(source):
                words |= {w.lower() for w in re.findall(r"\b[A-Za-z]{3,}\b", f"{entry.msgid} {entry.msgid_plural}")}
    vietnamese = set()
    for catalogue in (ROOT / "locale" / "vi" / "LC_MESSAGES").glob("*.po"):
        for entry in polib.pofile(catalogue):
            text = " ".join([entry.msgstr, *entry.msgstr_plural.values()])
            vietnamese |= {w.lower() for w in re.findall(r"\b\w+\b", text)}
    # Words that appear in msgids only as placeholders or format codes, never shown.
    words -= {"num", "count", "value", "delta", "time_period", "title", "name", "label"} & words
    return words - vietnamese - ALLOWED


# Visible text, less what is not words for a clerk: time zone names in a select's options, code (addresses, paths).
VISIBLE_TEXT = """() => {
    const skipped = [...document.querySelectorAll("select, code, kbd")].map((element) => element.innerText);
    let text = document.body.innerText;
    for (const part of skipped) { text = text.split(part).join(" "); }
    return text;
}"""


def english_on(page):
    text = page.evaluate(VISIBLE_TEXT)
    seen = {word.lower() for word in re.findall(r"\b[A-Za-z]{3,}\b", text)}
    return sorted(seen & english_words())


def walk(page, base, name, paths):
    found = {}
    for label, path in paths:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        screenshot_page(page, f"vietnamese-{name}-{label}")
        words = english_on(page)
        if words:
            found[f"{label} ({path})"] = words
    return found


def test_the_english_word_list_knows_english_and_spares_vietnamese():
    words = english_words()
    assert {"password", "dashboard", "search", "ago", "minutes", "help"} <= words
    assert not {"tin", "ban", "trang", "phường"} & words


def test_no_english_on_the_screens_of_four_roles(portal_server, browser):
    port, password = portal_server["port"], portal_server["password"]
    base = f"http://localhost:{port}"
    article, news = run_in_portal(portal_server, MORE_USERS.format(password=password)).split()
    home = portal_server["home_ids"]["00235"]
    common = [
        ("dashboard", "/admin/"),
        ("explorer", f"/admin/pages/{home}/"),
        ("news", f"/admin/pages/{news}/"),
        ("edit", f"/admin/pages/{article}/edit/"),
        ("add", f"/admin/pages/add/home/articlepage/{news}/"),
        ("images", "/admin/images/"),
        ("documents", "/admin/documents/"),
        ("snippets", "/admin/snippets/"),
        ("search", "/admin/pages/search/?q=v%E1%BB%87+sinh"),
        ("account", "/admin/account/"),
        ("guide", "/admin/huong-dan/"),
    ]
    board = [("inbox", "/admin/bai-chia-se/"), ("reports", "/admin/reports/site-history/")]
    roles = {
        "bientap.dongda": common,
        "truongban.dongda": common + board,
        "quantri.dongda": common + [("reports", "/admin/reports/site-history/")],
        "vanhanh.cong": common + board + [("users", "/admin/users/")],
    }
    login = browser.new_context(locale="vi-VN").new_page()
    login.goto(f"{base}/admin/login/")
    screenshot_page(login, "vietnamese-login")
    found = {"login": english_on(login)} if english_on(login) else {}
    for username, paths in roles.items():
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, base, username, password)
        found |= {f"{username}: {screen}": words for screen, words in walk(page, base, username, paths).items()}
        context.close()
    assert not found, "English on screen:\n" + "\n".join(f"  {screen}: {words}" for screen, words in found.items())

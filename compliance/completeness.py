"""Completeness (Decree 224/2026 Art. 9): which of the required information each site publishes.

Every site: an introduction, the organisation chart, its leaders with short biographies, contacts and a
spokesperson. Wards and communes also: administrative boundaries, natural conditions, culture. The city also its
English organisation and contact pages (Quy chế Art. 4.2.g). One query per check for any number of sites.
"""

from django.db.models import Q
from django.utils.html import strip_tags

from wagtail.models import Page

from home.models import ContactPage, LeaderProfilePage, OrganisationPage, SectionPage, WardIntroductionPage
from home.sections import SectionKey
from sites.models import Unit

HOME_PATH_LENGTH = 8  # a site's home page is at depth 2: the first two steps of every page's path below it

CHECKS = {
    "introduction": "Trang giới thiệu",
    "organisation_chart": "Sơ đồ tổ chức",
    "leaders": "Lãnh đạo kèm tóm tắt tiểu sử",
    "contacts": "Thông tin liên hệ",
    "spokesperson": "Người phát ngôn",
    "boundaries": "Địa giới hành chính",
    "natural_conditions": "Điều kiện tự nhiên",
    "culture": "Văn hóa",
    "english_organisation": "Cơ cấu tổ chức bằng tiếng Anh",
    "english_contact": "Thông tin liên hệ bằng tiếng Anh",
}
COMMON = ("introduction", "organisation_chart", "leaders", "contacts", "spokesperson")
WARD = ("boundaries", "natural_conditions", "culture")
CITY = ("english_organisation", "english_contact")


def required(unit):
    """The checks that apply to a unit, in the order they are listed."""
    if unit.is_ward_or_commune:
        return COMMON + WARD
    if unit.kind == Unit.Kind.CITY:
        return COMMON + CITY
    return COMMON


def filled(html):
    return bool(strip_tags(html or "").strip())


def _homes(units):
    """{home page path: (unit id, language)} for the units' home pages and their translation trees."""
    units = list(units)
    roots = {unit.site.root_page.translation_key: unit.pk for unit in units if unit.site_id}
    return {
        path: (roots[key], language)
        for path, key, language in Page.objects.filter(depth=2, translation_key__in=roots).values_list(
            "path", "translation_key", "locale__language_code"
        )
    }


def measure(units):
    """{unit id: {check: True/False}} for the checks that apply to each unit."""
    units = [unit for unit in units if unit.site_id]
    homes = _homes(units)
    found = {unit.pk: set() for unit in units}

    def mark(check, rows, vietnamese=True):
        for path in rows:
            owner = homes.get(path[:HOME_PATH_LENGTH])
            if owner and (owner[1] == "vi") == vietnamese:
                found[owner[0]].add(check)

    sections = list(SectionPage.objects.live().filter(section_key=SectionKey.INTRODUCTION).values_list("path", "intro"))
    mark("introduction", (path for path, intro in sections if filled(intro)))
    mark("introduction", _with_live_children([path for path, intro in sections if not filled(intro)]))
    charts = OrganisationPage.objects.live().filter(chart__isnull=False)
    mark("organisation_chart", charts.values_list("path", flat=True))
    mark("leaders", _leaders_with_biographies())
    contacts = list(
        ContactPage.objects.live().values_list(
            "path", "address", "phone", "email", "spokesperson_name", "spokesperson_phone", "spokesperson_email"
        )
    )
    mark("contacts", (row[0] for row in contacts if row[1].strip() and (row[2].strip() or row[3].strip())))
    mark("spokesperson", (row[0] for row in contacts if row[4].strip() and (row[5].strip() or row[6].strip())))
    wards = list(
        WardIntroductionPage.objects.live().values_list(
            "path", "boundaries", "boundaries_map_id", "natural_conditions", "culture"
        )
    )
    mark("boundaries", (row[0] for row in wards if filled(row[1]) or row[2]))
    mark("natural_conditions", (row[0] for row in wards if filled(row[3])))
    mark("culture", (row[0] for row in wards if filled(row[4])))
    mark("english_organisation", OrganisationPage.objects.live().values_list("path", flat=True), vietnamese=False)
    mark("english_contact", ContactPage.objects.live().values_list("path", flat=True), vietnamese=False)
    return {unit.pk: {check: check in found[unit.pk] for check in required(unit)} for unit in units}


def _with_live_children(paths):
    """Those of these sections' paths that have a live page directly beneath (an organisation page, a ward's)."""
    if not paths:
        return []
    beneath = Q()
    for path in paths:
        beneath |= Q(path__startswith=path, depth=len(path) // 4 + 1)
    return {path[: len(paths[0])] for path in Page.objects.live().filter(beneath).values_list("path", flat=True)}


def _leaders_with_biographies():
    """Paths of sites' leaders, only where every live leader of that site has a biography."""
    by_home = {}
    for path, biography in LeaderProfilePage.objects.live().values_list("path", "biography"):
        home = path[:HOME_PATH_LENGTH]
        by_home[home] = by_home.get(home, True) and filled(biography)
    return [home for home, complete in by_home.items() if complete]


def score(checks):
    """Percent of the applicable checks met (0-100), rounded down."""
    return 100 * sum(checks.values()) // len(checks) if checks else None


def gaps(checks):
    return [CHECKS[check] for check, present in checks.items() if not present]

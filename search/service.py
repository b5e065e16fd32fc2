"""One citizen search, from the request's parameters to what the API returns and the page shows."""

from dataclasses import dataclass, fields, replace
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from sites.naming import has_control_character
from sites.resolve import public_site, site_by_hostname

from . import engine, query_log
from .did_you_mean import suggestion
from .models import SearchEntry
from .promotions import WithoutPages, pinned_pages
from .text import MAX_QUERY, Query, highlight

PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 1000  # 50,000 results deep: far past the RANKED newest matches any query is ranked over
MAX_TEXT = 255  # a hostname, a list of page types, a section key
ALL_SITES = "all"


class SearchRequestError(ValueError):
    """A parameter the citizen (or a front end) got wrong; the message is shown as is."""


@dataclass
class Params:
    q: str = ""
    site: str = ""  # a hostname (a port is ignored), "all", or empty for the request's own site
    type: str = ""  # page types, comma separated: "articlepage,legaldocumentpage"
    section: str = ""  # a standard section key: "news", "legal_documents", ...
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    per_page: int = PER_PAGE


def clean(params):
    """The one check of what a citizen (or a front end) typed, before anything reads it: no control character
    (NUL and \\x01-\\x1f break PostgreSQL's text), nothing oversized, a page the database can count to."""
    for field in fields(Params):
        value = getattr(params, field.name)
        if isinstance(value, str):
            check_text(field.name, value)
    if params.page < 1 or not 1 <= params.per_page <= MAX_PER_PAGE:
        raise SearchRequestError(_("Số trang hoặc số kết quả mỗi trang không hợp lệ."))
    if params.page > MAX_PAGE:
        raise SearchRequestError(_("Số trang không được lớn hơn %(pages)s.") % {"pages": MAX_PAGE})
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise SearchRequestError(_("Ngày bắt đầu phải trước ngày kết thúc."))
    return params


def check_text(name, value):
    if has_control_character(value):
        raise SearchRequestError(_("Từ khóa hoặc tham số chứa ký tự điều khiển, không được chấp nhận."))
    limit = MAX_QUERY if name == "q" else MAX_TEXT
    if len(value) > limit:
        if name == "q":
            raise SearchRequestError(_("Từ khóa quá dài (tối đa %(limit)s ký tự).") % {"limit": limit})
        message = _("Tham số %(name)s quá dài (tối đa %(limit)s ký tự).")
        raise SearchRequestError(message % {"name": name, "limit": limit})


def page_number(value):
    """The page a search form asks for ("2"); anything but ASCII digits is a mistake, not a server error."""
    value = (value or "1").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_PAGE)):
        raise SearchRequestError(_("Số trang phải là số nguyên từ 1 đến %(pages)s.") % {"pages": MAX_PAGE})
    return int(value)


def scope(request, site):
    """The Site searched (None for every site): `site=` when given, otherwise the site the request is on."""
    if site == ALL_SITES:
        return None
    if site:
        found = site_by_hostname(site)
        if found is None:
            raise SearchRequestError(_("Không có trang nào có tên miền “%(site)s”.") % {"site": site})
        return found
    return public_site(request)


def content_types(names):
    wanted = [name.strip().lower() for name in names.split(",") if name.strip()]
    found = {ct.model: ct for ct in ContentType.objects.filter(app_label="home", model__in=wanted)}
    unknown = [name for name in wanted if name not in found]
    if unknown:
        raise SearchRequestError(_("Không có loại trang “%(type)s”.") % {"type": ", ".join(unknown)})
    return [found[name] for name in wanted]


def _sites(site_ids):
    """These Sites by id, and the names results give them: their unit's, or the Site's own."""
    sites = Site.objects.select_related("unit").in_bulk(site_ids)
    return sites, {site.pk: _site_name(site) for site in sites.values()}


def _site_name(site):
    unit = getattr(site, "unit", None)  # a Site without a unit has no such attribute (a reverse one-to-one)
    return unit.display_name if unit else site.site_name or site.hostname


def _type_label(content_type):
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else content_type.model


def suggestions(request, q, site, type_names):
    """Words to complete what a citizen is typing, on the site searched."""
    for name, value in (("q", q), ("site", site), ("type", type_names)):
        check_text(name, value)
    site_obj = scope(request, site)
    type_ids = [ct.pk for ct in content_types(type_names)]
    return engine.suggest(q, engine.Filters(site_id=site_obj.pk if site_obj else None, type_ids=type_ids))


def find(request, params):
    params = clean(params)
    site = scope(request, params.site)
    type_ids = [ct.pk for ct in content_types(params.type)]
    query = Query(params.q)
    # Pins answer the plain query only: a citizen who narrowed by type, section or date asked for something else.
    narrowed = type_ids or params.section.strip() or params.date_from or params.date_to
    pinned = [] if narrowed or not query else pinned_pages(params.q, site)
    filters = WithoutPages(
        site_id=site.pk if site else None,
        type_ids=type_ids,
        section=params.section.strip(),
        date_from=params.date_from,
        date_to=params.date_to,
        page_ids=[pin.page.pk for pin in pinned],
    )
    found = engine.search(params.q, filters, offset=(params.page - 1) * params.per_page, limit=params.per_page)
    # What the page tells the citizen: every result they can page through, the pins above the ordinary ones included
    # (the API's `total` counts the ordinary results only, as its schema says).
    total_with_pins = found.total + len(pinned)
    if params.page > 1:
        pinned = []  # shown on page 1 only, but still left out of the ordinary results on every page
    ids = [page_id for page_id, _score in found.hits] + [pin.page.pk for pin in pinned]
    # Not the folded copies of the title and text: nothing here reads them, and they are as long again.
    entries = SearchEntry.objects.select_related("content_type").defer("title_folded", "text_folded").in_bulk(ids)
    pages = Page.objects.in_bulk(ids)
    pin_sites = {pin.page.pk: _site_id(pin.page, entries) for pin in pinned}
    site_ids = set(found.facets.get("site", {})) | {entry.site_id for entry in entries.values()} | {*pin_sites.values()}
    sites, site_names = _sites({site_id for site_id in site_ids if site_id})

    def result(page_id, title, site_id, content_type, day, snippet_html, score, promoted):
        return {
            "id": page_id,
            "title": title,
            "title_html": highlight(title, query, whole=True),
            "url": pages[page_id].get_full_url(request),
            "site": {"name": site_names.get(site_id, ""), "hostname": _hostname(sites, site_id)},
            "type": {"key": content_type.model, "label": _type_label(content_type)},
            "date": day,
            "snippet_html": snippet_html,
            "score": score,
            "promoted": promoted,
        }

    results = []
    for page, description in pinned:
        entry = entries.get(page.pk)
        results.append(
            result(
                page.pk,
                entry.title if entry else page.title,
                pin_sites[page.pk],
                page.content_type,
                entry.date if entry else _published(page),
                escape(description) if description else highlight(entry.text if entry else "", query),
                0.0,
                True,
            )
        )
    for page_id, score in found.hits:
        entry = entries.get(page_id)
        if entry is None or page_id not in pages:
            continue  # the cluster engine may briefly know a page whose entry was just removed
        results.append(
            result(
                page_id,
                entry.title,
                entry.site_id,
                entry.content_type,
                entry.date,
                highlight(entry.text, query),
                round(score, 4),
                False,
            )
        )
    if query and params.page == 1:
        searched = site or public_site(request)
        query_log.record(searched.pk if searched else None, params.q, total_with_pins)
    return {
        "query": params.q,
        "site": site.hostname if site else ALL_SITES,
        "total": found.total,
        "total_with_pins": total_with_pins,
        "total_exact": found.total_exact,  # False: more than engine.RANKED pages match
        "page": params.page,
        "per_page": params.per_page,
        "pages": -(-found.total // params.per_page),
        "promoted": len(pinned),
        "results": results,
        "facets": _facets(found.facets, site_names, sites),
        "suggestions": engine.suggest(params.q, replace(filters, page_ids=[]), limit=5) if query else [],
        # Nothing or little found: "Có phải bạn muốn tìm …" (the decoded query, or the closest titles' wording).
        "did_you_mean": (
            suggestion(params.q, total_with_pins, replace(filters, page_ids=[])) if params.page == 1 else ""
        ),
    }


def _published(page):
    moment = page.first_published_at or page.last_published_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def _site_id(page, entries):
    """The site a pinned page belongs to: from its index entry, or (a section, a home page) from its tree."""
    entry = entries.get(page.pk)
    if entry is not None and entry.site_id:
        return entry.site_id
    site = page.get_site()
    return site.pk if site else None


def _hostname(sites, site_id):
    site = sites.get(site_id)
    return site.hostname if site else ""


def _facets(counts, site_names, sites):
    types = {ct_id: ContentType.objects.get_for_id(ct_id) for ct_id in counts.get("type", {})}  # cached per worker
    by_count = lambda item: (-item["count"], item.get("name") or item.get("label") or "")  # noqa: E731
    return {
        "site": sorted(
            (
                {"hostname": _hostname(sites, site_id), "name": site_names.get(site_id, ""), "count": count}
                for site_id, count in counts.get("site", {}).items()
                if site_id
            ),
            key=by_count,
        ),
        "type": sorted(
            (
                {"key": types[ct_id].model, "label": _type_label(types[ct_id]), "count": count}
                for ct_id, count in counts.get("type", {}).items()
            ),
            key=by_count,
        ),
        "year": [
            {"year": year, "count": count} for year, count in sorted(counts.get("year", {}).items(), reverse=True)
        ],
    }

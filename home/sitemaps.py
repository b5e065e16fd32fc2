"""Each site's sitemap: `/sitemap.xml` is an index of bounded files, one or more per section (sitemaps.org).

A ward with 30,000 news items answered one 3.3 MB `urlset` in 5.5 s: Wagtail's sitemap loads every page as its
specific type and resolves each URL against the 142 sites' root paths. Here the index counts the site's live,
public pages per section in one aggregate query, and each file (`/sitemap-<section id>-<n>.xml`, at most
`PORTAL_SITEMAP_LIMIT` URLs, sitemaps.org allows 50,000) reads only paths and dates: a page's URL is its part's URL
(asked of Wagtail once) followed by the rest of its url_path, which is how Wagtail composes it. No page type
overrides `get_sitemap_urls`, so every page has exactly that one URL. The home page is a part of its own, alone.

The site is the Host's (unknown hosts get the city, as its pages do): a file of another site's section is a 404.
"""

from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.functions import Coalesce, Substr
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page

from sites.resolve import public_site

# What Django's reverse() leaves unquoted in a path, so a composed URL is the one Wagtail would reverse.
URL_SAFE = "!$&'()*+,;=/~:@"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def limit():
    return settings.PORTAL_SITEMAP_LIMIT


def listed(root):
    """What the sitemap lists: the site's live pages no view restriction hides, as Wagtail's sitemap does."""
    return Page.objects.live().public().filter(path__startswith=root.path)


def index(request):
    site = _site(request)
    root = site.root_page
    # A page's part is its path cut at the sections' depth: the home page's own path for the home page.
    parts = (
        listed(root)
        .annotate(part=Substr("path", 1, (root.depth + 1) * Page.steplen))
        .values("part")
        .annotate(count=Count("pk"), last_mod=Max(Coalesce("last_published_at", "latest_revision_created_at")))
        .order_by("part")
    )
    parts = list(parts)
    ids = dict(Page.objects.filter(path__in=[part["part"] for part in parts]).values_list("path", "pk"))
    files = []
    for part in parts:
        for number in range(1, -(-part["count"] // limit()) + 1):
            location = reverse("sitemap_part", kwargs={"page_id": ids[part["part"]], "number": number})
            # Every file of a part says the part's latest change: "not changed since" is what a crawler needs.
            files.append((site.root_url + location, part["last_mod"]))
    return _xml("sitemapindex", "sitemap", ((location, _moment(last)) for location, last in files))


def part(request, page_id, number):
    root = _site(request).root_page
    heads = Page.objects.filter(pk=page_id, path__startswith=root.path, depth__in=(root.depth, root.depth + 1))
    head = heads.first()
    if head is None or number < 1:
        raise Http404
    pages = listed(root).filter(path__startswith=head.path)
    if head.depth == root.depth:
        pages = pages.filter(depth=root.depth)  # the home page's part: the home page alone
    rows = pages.order_by("path").values_list("url_path", "last_published_at", "latest_revision_created_at")
    rows = list(rows[(number - 1) * limit() : number * limit()])
    if not rows:
        raise Http404
    base = head.get_full_url(request)
    urls = (
        (base + quote(url_path[len(head.url_path) :], safe=URL_SAFE), _day(published or revised))
        for url_path, published, revised in rows
    )
    return _xml("urlset", "url", urls)


def _xml(root, element, entries):
    """The XML written directly: Django's sitemap templates took 0.4 ms a URL, 4 s for a file of 10,000 URLs."""
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{NAMESPACE}">']
    for location, last in entries:
        last_mod = f"<lastmod>{last}</lastmod>" if last else ""
        lines.append(f"<{element}><loc>{escape(location)}</loc>{last_mod}</{element}>")
    lines.append(f"</{root}>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


def _day(moment):
    return timezone.localtime(moment).date().isoformat() if moment else None


def _moment(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _site(request):
    site = public_site(request)
    if site is None:
        raise Http404
    return site

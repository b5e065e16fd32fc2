"""Public views that are not pages: the sitemap for people, the site's theme colours (the legal-document search,
which folds Vietnamese as citizen search does, is `search/legal.py`).

Each answers for the site the request is on (`sites.resolve.public_site`), never for another.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from wagtail.models import Page

from sites.resolve import public_site

from .models import SiteIdentity
from .models.listing import listed_types

SITEMAP_LIMIT = 500  # pages listed on the sitemap for people; a site's sections and their own pages


def people_sitemap(request):
    """/so-do-trang/: every section of the site and its own pages (not the news items), as a nested list."""
    site = public_site(request)
    if site is None:
        raise Http404
    home = site.root_page
    pages = list(
        Page.objects.live()
        .public()
        .descendant_of(home)
        .filter(depth__lte=home.depth + 2)
        .exclude(listed_types())
        .order_by("path")[:SITEMAP_LIMIT]
    )
    children = {}
    for page in pages:
        children.setdefault(page.path[: -page.steplen], []).append(page)
    tree = [(section, children.get(section.path, [])) for section in children.get(home.path, [])]
    return TemplateResponse(request, "home/people_sitemap.html", {"tree": tree, "home": home})


def site_theme(request):
    """/giao-dien.css: the site's own colour (its identity setting) as CSS, from our own origin (strict CSP)."""
    identity = SiteIdentity.for_public_site(public_site(request))
    css = f":root {{ --red: {identity.theme_colour}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response

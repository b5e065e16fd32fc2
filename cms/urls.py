from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.html import escape

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.base import api_not_found
from api.comments import api as comments_api
from api.openapi import openapi_view
from api.questions import api as questions_api
from api.ratings import api as ratings_api
from api.router import api_router
from api.search import api as search_api
from compliance import pageviews as compliance_pageviews
from home import sitemaps
from home import views as home_views
from home.english import english_redirect
from home.feeds import LatestContentAtomFeed, LatestContentRssFeed
from search import legal as search_legal
from search import views as search_views
from security.views.csp_reports import csp_report

CONTROL_CHARACTER_MESSAGE = "Địa chỉ chứa ký tự điều khiển (NUL, \\x01-\\x1f), không được chấp nhận."


def refuse_control_characters(request):
    """A path with a control character (/%00/, /tin-tuc/%0A) names no page: a 400 before any view, slug lookup or
    redirect reads it (PostgreSQL refuses NUL in text; a newline cannot go into a Location header)."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"message": CONTROL_CHARACTER_MESSAGE, "code": "control_character"},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponseBadRequest(
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Địa chỉ không hợp lệ</title>'
        f"<h1>Địa chỉ không hợp lệ</h1><p>{escape(CONTROL_CHARACTER_MESSAGE)}</p></html>",
        content_type="text/html; charset=utf-8",
    )


urlpatterns = [
    # First: no other pattern, page route or redirect sees a path holding a control character.
    re_path(r"^[^\x00-\x1f\x7f]*[\x00-\x1f\x7f]", refuse_control_characters),
    # Load balancers' probes, on every allowed hostname (operations/health.py).
    path("", include("operations.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_view, name="openapi"),
    path("api/v2/", api_router.urls),
    re_path(r"^api/v2/", api_not_found),
    path("api/search/", search_api.urls),
    path("api/questions/", questions_api.urls),
    path("api/comments/", comments_api.urls),
    path("api/ratings/", ratings_api.urls),
    path("tim-kiem/", search_views.search, name="search"),
    # The reference front end's own public pages (home/views.py; the legal search folds as citizen search: search/).
    path("tra-cuu-van-ban/", search_legal.legal_search, name="legal_search"),
    path("so-do-trang/", home_views.people_sitemap, name="people_sitemap"),
    path("giao-dien.css", home_views.site_theme, name="site_theme"),
    path("csp-report/", csp_report, name="csp_report"),
    # The page-view beacon every public page asks for (compliance/pageviews.py).
    path("luot-xem.gif", compliance_pageviews.pixel, name="page_view_pixel"),
    # Citizens' questions: the form and the status page by tracking code (citizens/urls.py).
    path("", include("citizens.urls")),
    # Feeds and the sitemap are each the Host's site's own (Wagtail picks the site, as for pages).
    path("rss.xml", LatestContentRssFeed(), name="rss"),
    path("atom.xml", LatestContentAtomFeed(), name="atom"),
    # The sitemap is an index of bounded files, per section and chunk (home/sitemaps.py).
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<int:page_id>-<int:number>.xml", sitemaps.part, name="sitemap_part"),
    # A section's feeds sit under its path. Patterns rather than RoutablePageMixin routes: Wagtail's page URLs
    # allow no dot, so a routable page could not answer ".../rss.xml"; the feed resolves the section itself.
    re_path(r"^(?P<section_path>(?:[\w-]+/)+)rss\.xml$", LatestContentRssFeed(), name="section_rss"),
    re_path(r"^(?P<section_path>(?:[\w-]+/)+)atom\.xml$", LatestContentAtomFeed(), name="section_atom"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The city's English portal (Quy chế Art. 5.2.a): /english and /english/... lead to the English tree at /en/.
urlpatterns += [re_path(r"^english(?:/(?P<rest>.*))?$", english_redirect, name="english")]

# Wagtail serves every site's pages; it picks the site from the Host header. Vietnamese pages have no prefix,
# a site's translation tree (the city's English portal) is served under its language code: /en/...
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

"""GET /api/v2/navigation/: what a front end needs to draw a site's header, in one request.

The site (name, hostname, unit, the languages it has), its home page in the language asked for (`?locale=en`)
and its menu: the home page's live children marked "show in menus", outside view restrictions, in tree order.
Three queries whatever the size of the portal or of the menu: the site, its home page's translations, the menu.
"""

from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import path

from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, PageViewRestriction

from home.models import SectionPage

from .base import APIError, SiteScopedMixin

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class _NoModel:
    """Wagtail's router asks every endpoint for its model when it links objects; this endpoint links none."""


def _restricted():
    return Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))


class NavigationAPIViewSet(SiteScopedMixin, ViewSet):
    model = _NoModel
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    authentication_classes = []
    permission_classes = []
    known_query_parameters = frozenset({"site", "locale", "format"})

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "navigation_view"}), name="listing")]

    def navigation_view(self, request):
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(f"query parameter is not an operation or a recognised field: {', '.join(unknown)}")
        code = request.GET.get("locale") or settings.LANGUAGE_CODE
        if code not in LANGUAGE_CODES:
            raise APIError(
                f"Ngôn ngữ “{code}” không được hỗ trợ; chọn một trong: {', '.join(LANGUAGE_CODES)}.",
                code="invalid_value",
            )

        site, unit = self.site, self.unit
        homes = {
            page.locale.language_code: page
            for page in Page.objects.filter(translation_key=site.root_page.translation_key, live=True)
            .select_related("locale")
            .annotate(restricted=_restricted())
        }
        locales = [language for language in LANGUAGE_CODES if language in homes]
        home = homes.get(code)
        if home is None:
            raise APIError(
                f"Trang “{site.site_name}” chưa có phiên bản ngôn ngữ “{code}”. "
                f"Các ngôn ngữ hiện có: {', '.join(locales) or 'không có'}.",
                code="locale_not_available",
                status_code=404,
            )
        menu = []
        if not home.restricted:
            menu = (
                SectionPage.objects.child_of(home)
                .live()
                .in_menu()
                .exclude(_restricted())
                .order_by("path")
                .only("id", "title", "slug", "url_path", "section_key", "path", "depth")
            )
        return Response(
            {
                "site": {
                    "name": site.site_name,
                    "hostname": site.hostname,
                    "root_url": site.root_url,
                    "unit": {
                        "code": unit.code,
                        "kind": unit.kind,
                        "name": unit.name,
                        "display_name": unit.display_name,
                    },
                    "locales": locales,
                },
                "locale": code,
                "home": self.link(home),
                "menu": [{**self.link(page), "section_key": page.section_key or None} for page in menu],
            }
        )

    def link(self, page):
        """A page as the menu shows it: its id, title, slug, path on the site and full address."""
        parts = page.get_url_parts(self.request)
        url = parts[2] if parts else None
        return {
            "id": page.pk,
            "title": page.title,
            "slug": page.slug,
            "url": url,
            "html_url": f"{parts[1]}{url}" if parts else None,
        }

"""The sites directory: every unit of the portal with its hostname, API base and locales (GET /api/v2/sites/).

It answers on any hostname of the portal: a client starts here to learn where each site's API lives, and
whether planned downtime is announced (`meta.maintenance`, Decree 224/2026 Art. 13).
"""

from rest_framework.fields import Field

from django.utils.functional import cached_property

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page

from operations.maintenance import current_notice, notice_data
from sites.models import Unit

from .base import PortalAPIMixin
from .preview import front_end_url


class UnitField(Field):
    """A value computed from the whole unit."""

    def __init__(self, compute, **kwargs):
        self.compute = compute
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return self.compute(instance, self.context)

    def to_representation(self, value):
        return value


def site_locales(unit, context):
    """Language codes of the unit's home page and its translations, Vietnamese first."""
    return context["view"].locales.get(unit.site.root_page.translation_key, [])


class SitesAPIViewSet(PortalAPIMixin, BaseAPIViewSet):
    model = Unit
    name = "sites"
    filter_backends = [FieldsFilter, OrderingFilter]
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "code",
        "kind",
        "name",
        "display_name",
        "hostname",
        APIField("root_url", serializer=UnitField(lambda unit, context: unit.site.root_url)),
        APIField("api_base", serializer=UnitField(lambda unit, context: f"{unit.site.root_url}/api/v2/")),
        APIField("front_end_url", serializer=UnitField(lambda unit, context: front_end_url(unit.site))),
        APIField("locales", serializer=UnitField(site_locales)),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        *(field if isinstance(field, str) else field.name for field in body_fields[1:]),
    ]

    def listing_view(self, request):
        response = super().listing_view(request)
        # Cached like every listing: saving or deleting a window bumps the global stamp (caching/versions.py).
        response.data["meta"]["maintenance"] = notice_data(current_notice())
        return response

    def get_queryset(self):
        return Unit.objects.filter(site__isnull=False).select_related("site__root_page").order_by("sort_order", "code")

    @cached_property
    def locales(self):
        """One query for every unit: home pages (depth 2) grouped by translation key."""
        found = {}
        homes = Page.objects.filter(depth=2).order_by("-locale__language_code")  # "vi" before "en"
        for key, code in homes.values_list("translation_key", "locale__language_code"):
            found.setdefault(key, []).append(code)
        return found

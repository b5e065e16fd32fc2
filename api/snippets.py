"""API endpoints of the shared content, scoped to the site asked for (Host or ?site=).

Notices, officials and contact cards are per site; categories and fields (lĩnh vực) are city-wide taxonomies that
every site shares, served on every site so that a front end needs one base URL.
"""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.views import BaseAPIViewSet

from home.models import Category, ContactCard, Field, Notice, Official, SiteIdentity

from .base import SiteScopedMixin
from .serializer_classes import FieldsBuiltOnce, SerializerClassesBuiltOnce


class SnippetSerializer(FieldsBuiltOnce, BaseSerializer):
    pass


class SnippetAPIViewSet(SerializerClassesBuiltOnce, SiteScopedMixin, BaseAPIViewSet):
    """A snippet endpoint: its API fields in listings and when nested in a page, filters on them, ordering."""

    base_serializer_class = SnippetSerializer
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"site"}

    @classmethod
    def get_listing_default_fields(cls, model):
        return [*cls.listing_default_fields, *(field.name for field in model.api_fields)]

    @classmethod
    def get_nested_default_fields(cls, model):
        return cls.get_listing_default_fields(model)


class NoticesAPIViewSet(SnippetAPIViewSet):
    """The notices a site shows right now: its own and the city-wide ones that target it."""

    model = Notice
    name = "notices"

    def get_queryset(self):
        return Notice.objects.shown_on(self.unit)


class OfficialsAPIViewSet(SnippetAPIViewSet):
    """The site's officials directory, in the order its editors gave."""

    model = Official
    name = "officials"

    def get_queryset(self):
        return Official.objects.filter(unit=self.unit).select_related("photo").order_by("sort_order", "name", "pk")


class ContactCardsAPIViewSet(SnippetAPIViewSet):
    model = ContactCard
    name = "contacts"

    def get_queryset(self):
        return ContactCard.objects.filter(unit=self.unit).order_by("title", "pk")


class CategoriesAPIViewSet(SnippetAPIViewSet):
    model = Category
    name = "categories"


class FieldsAPIViewSet(SnippetAPIViewSet):
    model = Field
    name = "fields"


class SiteIdentityAPIViewSet(SnippetAPIViewSet):
    """The site's identity (home.SiteIdentity): one item, the names, contacts, logo and colour its footer shows."""

    model = SiteIdentity
    name = "identity"

    def get_queryset(self):
        return SiteIdentity.objects.filter(site=self.site).select_related("logo")

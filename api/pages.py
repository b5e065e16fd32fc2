"""Pages, images and documents of the headless API, every one scoped to the site asked for.

A site is asked for by `?site=<hostname>` or by the Host header; an unknown hostname gets a 404 in Vietnamese,
never the default site's content (Wagtail's own v2 views fall back to it). Pages are the site's live pages outside
any view restriction, including the site's translation trees (the city's English portal); images and documents are
those of the site's collection.
"""

import copy

from modelcluster.models import get_all_child_relations
from rest_framework import status
from rest_framework.fields import Field
from rest_framework.relations import RelatedField
from rest_framework.response import Response

from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignKey, Q
from django.http import Http404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.timezone import localtime

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction

from syndication.copies import live_copies
from syndication.models import Placement

from .base import APIError, SiteScopedMixin
from .filters import (
    QUERY_PARAMETERS,
    PortalFieldsFilter,
    PortalPageFilter,
    PortalSearchFilter,
    implied_type,
    page_models,
)
from .keyset import CursorPagination
from .per_request import inherit_site_root_paths, read_site_root_paths, share_site_root_paths, tag_fields, tag_names
from .preview import PreviewTokenError, read_token
from .remembered import remembered
from .serializer_classes import FieldsBuiltOnce, SerializerClassesBuiltOnce, nested_page_serializer


def bounds(site):
    """The paths a site's pages are under (its home page and its translations) and those of its restrictions."""
    home = site.root_page
    roots = (home.path, *home.get_translations().values_list("path", flat=True))
    in_site = Q()
    for root in roots:
        in_site |= Q(page__path__startswith=root)
    return roots, tuple(PageViewRestriction.objects.filter(in_site).values_list("page__path", flat=True))


class PageScope:
    """The pages a site shows: live, under its home page or a translation of it, outside view restrictions, and
    the syndicated copies it accepted (sources on other sites, shown through their placements).

    Its bounds (the home page's translations and the site's restrictions: two queries) are kept between requests
    (api/remembered.py); one query for the ids of the copies in a listing, one for the placements of the copies
    among the pages serialized.
    """

    def __init__(self, site, request):
        self.unit = site.unit
        self.roots, self.restricted = remembered(request, "bounds", lambda: bounds(site))
        self.copies = {}  # source page id -> its live placement on this site, for the pages being serialized

    @cached_property
    def arms(self):
        """The conditions whose OR is the site's pages: its own (under its home page or a translation of it, outside
        its restrictions) and, when it accepted any, its copies. A listing reads and counts each apart
        (api/keyset.py: window, count); a site that accepted none has one arm and no OR at all."""
        in_site = Q()
        for root in self.roots:
            in_site |= Q(path__startswith=root)
        for restricted in self.restricted:
            in_site &= ~Q(path__startswith=restricted)
        # The copies' ids as a list, not a subquery: with `OR id IN (SELECT …)` PostgreSQL cannot bound the path
        # index by the site's range and, in path order, walked the tree from its first page (1 s at 200,000 pages;
        # docs/performance.md).
        copies = list(live_copies().filter(target_unit=self.unit).values_list("source_id", flat=True))
        return (in_site, Q(pk__in=copies)) if copies else (in_site,)

    def queryset(self, model=Page):
        own, *copies = self.arms
        return model.objects.live().filter(own | copies[0] if copies else own)

    def own(self, page):
        return page.path.startswith(self.roots) and not (self.restricted and page.path.startswith(self.restricted))

    def load_copies(self, pages, shown=False):
        """Find the placements of the copies among these pages: one query, none when all are the site's own.

        `shown`: the pages came from this scope's queryset, which already required a live placement on this site;
        the site's one placement of each (a source is placed once per site) is then found by id alone."""
        foreign = [page.pk for page in pages if not self.own(page) and page.pk not in self.copies]
        if foreign:
            placements = (Placement.objects if shown else live_copies()).filter(
                target_unit=self.unit, source_id__in=foreign
            )
            self.copies.update({p.source_id: p for p in placements.select_related("section", "source_unit__site")})

    def contains(self, page):
        """The same test in memory, for the pages serialized and those reached through links."""
        return page.live and (self.own(page) or page.pk in self.copies)


class NestedPageField(RelatedField):
    """A page nested in another (its parent, the page it is an alias of), as Wagtail writes it, with a serializer
    class built once (api/serializer_classes.py) and the site-root table of the page it is nested in."""

    def to_representation(self, value):
        return nested_page_serializer(type(value))(context=self.context).to_representation(value)

    def nested(self, instance, page):
        inherit_site_root_paths(page, instance)
        return page


class ScopedAliasOfField(NestedPageField):
    def get_attribute(self, instance):
        original = instance.alias_of
        scope = self.context.get("page_scope")
        shown = original is not None and (scope is None or scope.contains(original))
        return self.nested(instance, original) if shown else None


class ScopedParentField(NestedPageField):
    """The parent when the site shows it: tested in memory against the scope, where Wagtail asks the database
    whether it is in the endpoint's queryset. Parents are few (a site's sections, mostly) and asked for by every
    detail of their children: the process keeps each under its site's stamps (api/remembered.py), which move when
    the parent is published, moved or unpublished, and gives each request its own copy of it."""

    def get_attribute(self, instance):
        parent_path = instance.path[: -instance.steplen]
        parent = copy.copy(remembered(self.context["request"], ("parent", parent_path), instance.get_parent))
        return self.nested(instance, parent) if self.context["page_scope"].contains(parent) else None


class SyndicationField(Field):
    """For a syndicated copy (Quy chế Art. 12.1, 15.2.a): where it comes from and its canonical URL; else null."""

    def get_attribute(self, instance):
        placement = getattr(self.context.get("page_scope"), "copies", {}).get(instance.pk)
        return (instance, placement) if placement else None

    def to_representation(self, value):
        # The page serialized is the source itself: no query for it when already specific (typed listings, details).
        page, placement = value
        source, unit = page.specific, placement.source_unit
        return {
            "source_site": {"code": unit.code, "name": unit.display_name, "hostname": unit.site.hostname},
            "canonical_url": source.full_url,
            "author": getattr(source, "author", None),
            "source_agency": getattr(source, "source_agency", None),
            # In Hanoi's time, as DRF writes every other date of the API.
            "original_published_at": localtime(
                getattr(source, "published_at", None) or source.first_published_at
            ).isoformat(),
            "shown_since": localtime(placement.live_at).isoformat(),
        }


class PortalPageSerializer(FieldsBuiltOnce, PageSerializer):
    """A page, or null when a link points to a page the site does not show (a draft, another site's page)."""

    alias_of = ScopedAliasOfField(read_only=True)
    parent = ScopedParentField(read_only=True)
    syndication = SyndicationField(read_only=True)

    def to_representation(self, instance):
        scope = self.context.get("page_scope")
        if scope is not None and not scope.contains(instance):
            return None
        data = super().to_representation(instance)
        placement = getattr(scope, "copies", {}).get(instance.pk)
        if placement is not None and "html_url" in data.get("meta", {}):
            data["meta"]["html_url"] = placement.url  # the copy's address on this site
        return data


class TagNamesField(Field):
    """Tag names, sorted: those the view read for all its pages in one query (api/per_request.py), else the
    page's own (a preview's revision keeps its tags in memory)."""

    def get_attribute(self, instance):
        loaded = self.context.get("tag_names")
        if loaded is None:
            return sorted(tag.name for tag in getattr(instance, self.field_name).all())
        return loaded.get((self.field_name, instance.pk), [])

    def to_representation(self, value):
        return value


def api_field_names(model):
    return {field.name for field in getattr(model, "api_fields", ())}


def foreign_keys(model):
    """The foreign keys among a model's API fields."""
    names = api_field_names(model)
    return [field.name for field in model._meta.get_fields() if field.name in names and isinstance(field, ForeignKey)]


def detail_prefetches(model):
    """Child relations in the API and their own foreign keys, so a page's links cost a fixed number of queries."""
    names = api_field_names(model)
    lookups = []
    for relation in get_all_child_relations(model):
        accessor = relation.get_accessor_name()
        if accessor in names:
            lookups.append(accessor)
            lookups += [f"{accessor}__{name}" for name in foreign_keys(relation.related_model)]
    return lookups


# The content type of each page a process was asked for, by id: a page's type never changes, so a detail asked again
# (every time its site's stamp moves) reads its page once. Emptied when full.
_page_types = {}
PAGE_TYPES_KEPT = 20_000


def page_type(pk, again=False):
    """The content type id of page `pk`, or None when there is no such page; `again`: read afresh, not remembered."""
    if again or pk not in _page_types:
        # get(), not first(): an id finds one row, and first() would have Django compile an ORDER BY for it.
        try:
            type_id = Page.objects.values_list("content_type", flat=True).get(pk=pk)
        except Page.DoesNotExist:
            _page_types.pop(pk, None)
            return None
        if len(_page_types) >= PAGE_TYPES_KEPT:
            _page_types.clear()
        _page_types[pk] = type_id
    return _page_types[pk]


# Parameters of a detail that do not narrow which page it may show.
NOT_FILTERING = frozenset({"fields", "format", "rich_text_format", "site", "_"})


class SitePagesAPIViewSet(SerializerClassesBuiltOnce, SiteScopedMixin, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer
    filter_backends = [
        PortalFieldsFilter,
        PortalPageFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        PortalSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters | QUERY_PARAMETERS | {"after"}
    pagination_class = CursorPagination
    meta_fields = [*PagesAPIViewSet.meta_fields, "syndication"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "syndication"]
    loaded_tags = None  # the tag names of the pages being serialized, read by get_serializer

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        for field in tag_fields(model):
            overrides.setdefault(field.name, TagNamesField(read_only=True))
        return overrides

    @cached_property
    def scope(self):
        return PageScope(self.site, self.request)

    def get_root_page(self):
        return self.site.root_page

    def get_base_queryset(self):
        return self.scope.queryset()

    def get_queryset(self):
        # Asked for twice a listing (its pages, then their model for the serializer): built once.
        if not hasattr(self, "_queryset"):
            self._queryset = self.typed_queryset()
        return self._queryset

    def typed_queryset(self):
        type_string = implied_type(self.request.GET)
        models = page_models(type_string) if type_string else []
        if len(models) == 1:
            queryset = self.scope.queryset(models[0]).select_related(*foreign_keys(models[0]))
        elif models:
            queryset = self.get_base_queryset().type(*models)
        else:
            queryset = self.get_base_queryset()
        return queryset.select_related("locale")

    def get_object(self):
        """The page in its specific type with its locale, foreign keys and child relations: a fixed number of
        queries (Wagtail's `.specific` would fetch it again without them, and each link once more).

        Asked with no filter (the usual detail), the page is found by id and tested against the scope in memory;
        the scope's query is for listings."""
        if not hasattr(self, "_cached_object"):
            if set(self.request.GET) <= NOT_FILTERING:
                self._cached_object = self.shown_page(self.kwargs["pk"])
            else:
                found = BaseAPIViewSet.get_object(self)
                self._cached_object = self.in_full(found.specific_class or type(found), found.pk)
                if self._cached_object is None:  # deleted since it was found
                    raise Http404
        return self._cached_object

    def shown_page(self, pk):
        # Its type read afresh when the remembered one finds no page: ids are not reused, but a database restored
        # under a running portal may give them out again.
        page = self.page_by_id(pk) or self.page_by_id(pk, again=True)
        if page is None:
            raise Http404
        self.scope.load_copies([page])
        if not self.scope.contains(page):
            raise Http404
        return page

    def page_by_id(self, pk, again=False):
        type_id = page_type(pk, again)
        if type_id is None:
            return None
        return self.in_full(ContentType.objects.get_for_id(type_id).model_class() or Page, pk)

    @staticmethod
    def in_full(model, pk):
        """The page `pk` as a `model`, with what the detail shows of its links; None when there is none."""
        queryset = model.objects.select_related("locale", *foreign_keys(model))
        try:
            return queryset.prefetch_related(*detail_prefetches(model)).get(pk=pk)
        except model.DoesNotExist:
            return None

    def get_serializer(self, instance, *args, many=False, **kwargs):
        pages = list(instance) if many else [instance]
        self.scope.load_copies(pages, shown=True)  # from the scope's queryset, or tested by shown_page
        root_paths = read_site_root_paths(self.request)
        share_site_root_paths(pages, root_paths)
        share_site_root_paths([placement.section for placement in self.scope.copies.values()], root_paths)
        self.loaded_tags = tag_names(type(pages[0]), pages) if pages else {}
        return super().get_serializer(pages if many else instance, *args, many=many, **kwargs)

    def get_serializer_context(self):
        # Wagtail's own adds `base_queryset`, read only by the parent field, which the scope answers instead.
        context = BaseAPIViewSet.get_serializer_context(self)
        return {**context, "page_scope": self.scope, "tag_names": self.loaded_tags}


def with_portal_search(backends):
    return [PortalSearchFilter if backend is SearchFilter else backend for backend in backends]


class SiteImagesAPIViewSet(SiteScopedMixin, ImagesAPIViewSet):
    filter_backends = with_portal_search(ImagesAPIViewSet.filter_backends)
    known_query_parameters = ImagesAPIViewSet.known_query_parameters | {"site"}

    def get_queryset(self):
        collection = self.unit.collection
        if collection is None:
            return super().get_queryset().none()
        return super().get_queryset().filter(collection__path__startswith=collection.path)


class SiteDocumentsAPIViewSet(SiteScopedMixin, DocumentsAPIViewSet):
    filter_backends = with_portal_search(DocumentsAPIViewSet.filter_backends)
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters | {"site"}

    def get_queryset(self):
        collection = self.unit.collection
        if collection is None:
            return super().get_queryset().none()
        return super().get_queryset().filter(collection__path__startswith=collection.path)


class PreviewScope:
    """A site's scope that also shows the one draft being previewed."""

    def __init__(self, scope, page):
        self.scope, self.page = scope, page

    def contains(self, page):
        return page.pk == self.page.pk or self.scope.contains(page)


class PagePreviewAPIViewSet(SitePagesAPIViewSet):
    """GET /api/v2/preview/?token=…: the latest revision of a page, for the editor holding a signed token."""

    http_cacheable = False
    known_query_parameters = frozenset({"token", "site", "fields", "rich_text_format", "format"})

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="preview")]

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            try:
                page_id, revision_id = read_token(self.request.GET.get("token"))
            except PreviewTokenError as e:
                raise APIError(e.message, e.code, status.HTTP_403_FORBIDDEN) from e
            page = Page.objects.filter(pk=page_id).first()
            if page is None or not page.path.startswith(self.scope.roots):
                raise Http404
            revision = page.revisions.filter(pk=revision_id).first() or page.get_latest_revision()
            self._cached_object = revision.as_object() if revision else page.specific
        return self._cached_object

    def preview_view(self, request):
        self.check_query_parameters(Page.objects.none())
        response = Response(self.get_serializer(self.get_object()).data)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_serializer_context(self):
        # The revision's own tags, not the published page's.
        return {
            **super().get_serializer_context(),
            "page_scope": PreviewScope(self.scope, self.get_object()),
            "tag_names": None,
        }

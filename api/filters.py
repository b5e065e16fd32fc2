"""Filters of the pages API beyond Wagtail's own: section, publication dates, category, tag, legal documents.

Exact matches on a page type's own fields (`document_type`, `number`, `issuing_body`, `status`, `field`,
`issue_date`, ...) stay with Wagtail's FieldsFilter; filters that only make sense for one page type select that
type when `type` is not given, so `?document_type=quyet_dinh` alone lists decisions.
"""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag

from django.db.models import Q
from django.utils import timezone

from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from home.models import ArticlePage, ArticleTag, LegalDocumentPage, SectionPage
from sites.naming import vietnamese_slug
from syndication.copies import copies_under

from .base import APIError
from .params import search_terms

ARTICLE, LEGAL = "home.ArticlePage", "home.LegalDocumentPage"

# Parameter -> the page type it belongs to.
TYPE_OF_PARAMETER = {
    "category": ARTICLE,
    "tag": ARTICLE,
    **dict.fromkeys(
        [
            "document_type",
            "number",
            "issuing_body",
            "signer",
            "field",
            "status",
            "issue_date",
            "effective_date",
            "issue_date_from",
            "issue_date_to",
            "effective_date_from",
            "effective_date_to",
        ],
        LEGAL,
    ),
}
# Range parameters -> (page type, lookup).
RANGES = {
    # Whole days in Hanoi time, as datetimes: search backends filter on the column, not on its date.
    "published_from": (None, "first_published_at__gte"),
    "published_to": (None, "first_published_at__lt"),
    "issue_date_from": (LegalDocumentPage, "issue_date__gte"),
    "issue_date_to": (LegalDocumentPage, "issue_date__lte"),
    "effective_date_from": (LegalDocumentPage, "effective_date__gte"),
    "effective_date_to": (LegalDocumentPage, "effective_date__lte"),
}
QUERY_PARAMETERS = frozenset({"section", "category", "tag", *RANGES})


def implied_type(params):
    """The `type` a request means: its own, or the one its type-specific filters belong to."""
    if params.get("type"):
        return params["type"]
    implied = {TYPE_OF_PARAMETER[name] for name in params if name in TYPE_OF_PARAMETER}
    if len(implied) > 1:
        raise APIError("Không thể lọc cùng lúc theo trường của bài viết và của văn bản.", "conflicting_filters")
    return implied.pop() if implied else None


def parse_date(name, value):
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise APIError(f"Tham số {name} phải là ngày dạng YYYY-MM-DD, ví dụ 2026-07-01.", "invalid_date") from e


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def require_type(queryset, name, model):
    if not issubclass(queryset.model, model):
        label = f"{model._meta.app_label}.{model.__name__}"
        raise APIError(f"Bộ lọc {name} chỉ dùng với type={label}.", "filter_needs_type")


def tags_named(value):
    """Tag ids matching a name, a slug, or the ASCII fold of a name ("thư viện", "thư-viện", "thu-vien")."""
    used = Tag.objects.filter(pk__in=ArticleTag.objects.values("tag"))
    return [tag.pk for tag in used if value in (tag.name, tag.slug, vietnamese_slug(tag.name))]


class PortalFieldsFilter(FieldsFilter):
    """Wagtail's exact-match filter, minus the parameters PortalPageFilter reads (`category` is a slug here)."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET.copy()
        for name in QUERY_PARAMETERS:
            params.pop(name, None)
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class PortalSearchFilter(SearchFilter):
    """Wagtail's full-text search, given only the words of `search` (api/params.py): a quote, a bracket or an
    empty query would break the search backend's syntax."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        params = request.GET.copy()
        params["search"] = search_terms(params["search"], params.get("search_operator"))
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class PortalPageFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if "section" in params:
            # The section's own pages and the syndicated copies its site placed in it, by id: through a subquery
            # PostgreSQL could not estimate their OR, and at a million pages hashed every live page with a tag's
            # 126,000 to sort them (541 ms; by id, 9 ms, walking the publication date index).
            section = self.section(view, params["section"])
            copies = list(copies_under(section).filter(target_unit=view.unit).values_list("source_id", flat=True))
            queryset = queryset.filter(Q(path__startswith=section.path, depth__gt=section.depth) | Q(pk__in=copies))
        for name, (model, lookup) in RANGES.items():
            if name in params:
                if model:
                    require_type(queryset, name, model)
                value = parse_date(name, params[name])
                if lookup.startswith("first_published_at"):
                    value = start_of_day(value + timedelta(days=1) if name == "published_to" else value)
                queryset = queryset.filter(**{lookup: value})
        if "category" in params:
            require_type(queryset, "category", ArticlePage)
            queryset = queryset.filter(category__slug=params["category"])
        if "tag" in params:
            require_type(queryset, "tag", ArticlePage)
            queryset = queryset.filter(
                pk__in=ArticleTag.objects.filter(tag__in=tags_named(params["tag"])).values("content_object")
            )
        return queryset

    @staticmethod
    def section(view, value):
        """A section of the site asked about, by its standard key ("news") or its page id."""
        sections = SectionPage.objects.live().descendant_of(view.site.root_page)
        found = (
            sections.filter(pk=int(value))
            if value.isascii() and value.isdigit()
            else sections.filter(section_key=value)
        )
        section = found.first()
        if section is None:
            raise APIError(f"Trang này không có chuyên mục “{value}”.", "unknown_section", 404)
        return section


def page_models(type_string):
    """Wagtail's `type` syntax ("home.ArticlePage,home.EventPage") with a Vietnamese error."""
    models = []
    for name in type_string.split(","):
        try:
            model = resolve_model_string(name)
        except (LookupError, ValueError) as e:
            raise APIError(f"Không có loại trang “{name}”.", "unknown_type") from e
        if not issubclass(model, Page):
            raise APIError(f"“{name}” không phải là một loại trang.", "unknown_type")
        models.append(model)
    return models

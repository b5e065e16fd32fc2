"""Admin for citizen search: pinned results per site ("Ghim kết quả tìm kiếm") and the popular-queries report; and
the admin's own page search, bounded by the user's sites (search/admin_search.py), and the page chooser's search,
bounded by the newest matches (search/admin_chooser.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.chooser import page_models_from_string
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from home.wagtail_hooks import UnitScopedSnippetViewSet
from sites.ownership import UnitOwnershipPolicy, unit_ids_for_user

from .admin_chooser import newest_matches
from .admin_search import PortalPageViewSet
from .forms import SearchPromotionForm
from .models import SearchPromotion
from .reports import PopularQueriesView, sites_for_user


def serves_a_unit(user):
    units = unit_ids_for_user(user)
    return units is None or bool(units)


class SearchPromotionPolicy(UnitOwnershipPolicy):
    """Every member of a unit's board manages that unit's pins; the unit check stays that of UnitOwnershipPolicy.

    The site roles (sites/roles.py) grant no search.* model permissions, so serving a unit stands in for them.
    """

    def user_has_permission(self, user, action):
        return serves_a_unit(user) or super().user_has_permission(user, action)


class SearchPromotionViewSet(UnitScopedSnippetViewSet):
    model = SearchPromotion
    icon = "pick"
    menu_label = _("Ghim kết quả tìm kiếm")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["query", "page", "unit", "everywhere", "sort_order"]
    search_fields = ["query", "query_folded"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit"),
            FieldPanel("query"),
            FieldPanel("page"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
            FieldPanel("everywhere"),
        ],
        base_form_class=SearchPromotionForm,
    )


register_permission_policy(SearchPromotion, SearchPromotionPolicy(SearchPromotion))
register_snippet(SearchPromotionViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/tu-khoa-tim-kiem/", PopularQueriesView.as_view(), name="search_popular_queries"),
        path(
            "reports/tu-khoa-tim-kiem/results/",
            PopularQueriesView.as_view(results_only=True),
            name="search_popular_queries_results",
        ),
    ]


class PopularQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_popular_queries_menu_item():
    return PopularQueriesMenuItem(
        _("Từ khóa tìm kiếm phổ biến"),
        reverse("search_popular_queries"),
        name="popular-search-queries",
        icon_name="search",
        order=1300,
    )


@hooks.register("register_admin_viewset")
def register_page_search():
    return PortalPageViewSet()


@hooks.register("construct_page_chooser_queryset")
def rank_the_newest_matches_only(pages, request):
    """The chooser's search ranks and counts the RANKED newest matches, not every page of the portal that matches;
    the results say when there are more (`request.portal_more_matches`, read by the template)."""
    match = request.resolver_match
    form = SearchForm(request.GET)
    if match is None or match.url_name != "wagtailadmin_choose_page_search" or not form.is_valid():
        return pages
    try:
        models = page_models_from_string(request.GET.get("page_type") or "wagtailcore.page")
    except (ValueError, LookupError):
        return pages  # the view answers 404
    newest = newest_matches(form.cleaned_data["q"], models) if form.cleaned_data["q"] else None
    if newest is None:
        return pages
    page_ids, request.portal_more_matches = newest
    return pages.filter(pk__in=page_ids)

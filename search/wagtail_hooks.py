"""Admin for citizen search: pinned results per site ("Ghim kết quả tìm kiếm") and the popular-queries report; and
the admin's own page search, bounded by the user's sites (search/admin_search.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from home.wagtail_hooks import UnitScopedSnippetViewSet
from sites.ownership import UnitOwnershipPolicy, unit_ids_for_user

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

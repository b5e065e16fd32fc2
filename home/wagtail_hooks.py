from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetChosenView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sites.admin_scope import usable_snippets
from sites.ownership import InstancePermissionRequired, UnitOwnershipPolicy

from .models import Category, ContactCard, Field, Notice, Official, SiteIdentity

# Views that open one snippet; each is made to check the snippet's unit as well as the model permission.
SINGLE_OBJECT_VIEWS = (
    "edit_view_class",
    "delete_view_class",
    "copy_view_class",
    "usage_view_class",
    "history_view_class",
    "inspect_view_class",
)


class ReachableSnippets:
    """A chooser view offering only the snippets of the user's own units and the city's (a city hotline card is
    legitimately reused by a ward); other sites' snippets are not even listed by name, nor chosen by a crafted id."""

    def get_object_list(self):
        return usable_snippets(self.request.user, super().get_object_list())

    def get_object(self, pk):
        return usable_snippets(self.request.user, self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return usable_snippets(self.request.user, self.model_class.objects.filter(pk__in=pks))


class UnitScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("UnitScopedChooseView", (ReachableSnippets, ChooseView), {})
    choose_results_view_class = type("UnitScopedChooseResultsView", (ReachableSnippets, ChooseResultsView), {})
    chosen_view_class = type("UnitScopedChosenView", (ReachableSnippets, SnippetChosenView), {})
    # "chosen-multiple" read any id without the unit check (Wagtail's ChosenMultipleView.get_objects).
    chosen_multiple_view_class = type(
        "UnitScopedChosenMultipleView", (ReachableSnippets, SnippetChooserViewSet.chosen_multiple_view_class), {}
    )


class UnitScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing, forms and views reach only the snippets of the user's units."""

    # Every endpoint of its chooser too (search pins had Wagtail's, listing every unit's pins).
    chooser_viewset_class = UnitScopedChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SINGLE_OBJECT_VIEWS:
            view_class = getattr(self, name)
            setattr(self, name, type(f"UnitScoped{view_class.__name__}", (InstancePermissionRequired, view_class), {}))

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["change", "delete", "view"])


class CategoryViewSet(UnitScopedSnippetViewSet):
    model = Category
    icon = "folder-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class FieldViewSet(UnitScopedSnippetViewSet):
    model = Field
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NoticeViewSet(UnitScopedSnippetViewSet):
    chooser_viewset_class = UnitScopedChooserViewSet
    model = Notice
    icon = "warning"
    list_display = ["title", "unit", "audience", "level", "starts_at", "ends_at"]
    list_filter = ["audience", "level"]
    search_fields = ["title"]


class OfficialViewSet(UnitScopedSnippetViewSet):
    chooser_viewset_class = UnitScopedChooserViewSet
    model = Official
    icon = "user"
    list_display = ["name", "position", "unit"]
    search_fields = ["name", "position"]


class ContactCardViewSet(UnitScopedSnippetViewSet):
    chooser_viewset_class = UnitScopedChooserViewSet
    model = ContactCard
    icon = "mail"
    list_display = ["title", "unit", "phone"]
    search_fields = ["title"]


class SharedContentGroup(SnippetViewSetGroup):
    menu_label = _("Nội dung dùng chung")
    menu_icon = "snippet"
    menu_order = 250
    items = (NoticeViewSet, OfficialViewSet, ContactCardViewSet, CategoryViewSet, FieldViewSet)


for model in (Category, Field, Notice, Official, ContactCard):
    register_permission_policy(model, UnitOwnershipPolicy(model))
register_snippet(SharedContentGroup)
# Settings → Thông tin đơn vị: each site admin edits only their own site's (GroupSitePermission from provisioning).
settings_registry.register(SiteIdentity, icon="site")


@hooks.register("before_serve_page")
def serve_only_in_the_language_asked_for(page, request, serve_args, serve_kwargs):
    """/en/ on a site with no English version would otherwise serve its Vietnamese pages under an English address
    (Wagtail falls back to the default locale's tree): a citizen gets a 404 instead."""
    if page.locale_id != Locale.get_active().pk:
        raise Http404

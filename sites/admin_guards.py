"""Admin views Wagtail offers no hook for, limited to the user's units at start-up (`scope()`, from AppConfig.ready).

Each replacement applies a rule of `sites.admin_scope`; where Wagtail has a hook the rule goes through the hook
instead (sites/wagtail_hooks.py). Listed here, each with the reason it needs a start-up replacement:

- the page chooser's browse view opens any page as the parent (`get_object_or_404(Page, ...)`, no hook), so a
  crafted `choose-page/<id>/` would name another site's draft: the parent must be a page the user may see;
- the page explorer opens any page under the user's explorable root as the listing's parent; the city's root is
  the tree root (it serves the Vietnamese and the English home), so `pages/<id>/` would show another site's draft
  title and owner to the city's staff: the parent must be a page the user may explore;
- the page chooser's "chosen-multiple" view reads `Page.objects.filter(pk__in=ids)` without the chooser hook;
- report filters list people (locked by, requested by, site history users) from the whole portal: their choices
  are limited to the people serving the user's units;
- bulk action confirmations (`admin/bulk/<app>/<model>/<action>/?id=...`) list every object asked for by title,
  "without permission" ones included, and `before_bulk_action` runs only once the action is confirmed: objects
  out of the user's scope are dropped before the confirmation is built;
- the page types usage report names the last edited page of each type anywhere in the portal (its draft title);
- wagtail-localize's translations report lists every translation's source title, and its snippets API (used by
  its chooser) lists every snippet, another unit's included.

One replacement is for speed, not scope: Wagtail asks, for every row of the explorer, whether an editor without
publish permission may delete the page, by querying its subtree for a live page (`PagePermissionTester.can_delete`).
A ward editor's 30,000-item section cost one query per row; for a leaf the subtree is the page itself, so its own
`live` answers (wagtail#14593). And Wagtail's page listings annotate every page of the listing with three EXISTS
subqueries (scheduled, site root, untranslated) before ordering and slicing, so PostgreSQL computed them for all
30,000 children of a section to show 50 (1.7 s, and 3.2 s for the last page): the listing is paginated by id, and
only the pages shown are read with Wagtail's annotations.
"""

from django.db.models import QuerySet
from django.http import Http404

from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action.base_bulk_action import BulkAction
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet as LocalizeSnippetsAPI

from .admin_scope import colleagues, in_scope, own_pages, usable_snippets, visible_pages

page_permission_policy = PagePermissionPolicy()


def scope():
    browse = chooser.BrowseView.get

    def browse_visible_parent(self, request, parent_page_id=None):
        if parent_page_id and not visible_pages(request.user, Page.objects.filter(pk=parent_page_id)).exists():
            raise Http404
        return browse(self, request, parent_page_id)

    chooser.BrowseView.get = browse_visible_parent

    explore = ExplorableIndexView.get

    def explore_own(self, request, parent_page_id=None):
        if parent_page_id and not explorable(request.user, parent_page_id):
            raise Http404
        return explore(self, request, parent_page_id)

    ExplorableIndexView.get = explore_own

    chosen = chooser.ChosenMultipleView.get

    def chosen_visible(self, request):
        request.GET = request.GET.copy()
        allowed = visible_pages(request.user, Page.objects.filter(pk__in=_ids(request.GET.getlist("id"))))
        request.GET.setlist("id", [str(pk) for pk in allowed.values_list("pk", flat=True)])
        return chosen(self, request)

    chooser.ChosenMultipleView.get = chosen_visible

    for filterset, name in ((LockedPagesReportFilterSet, "locked_by"), (WorkflowReportFilterSet, "requested_by")):
        people = filterset.base_filters[name].queryset
        filterset.base_filters[name].queryset = _colleagues_of(people)

    users = SiteHistoryReportFilterSet.get_users_queryset
    SiteHistoryReportFilterSet.get_users_queryset = lambda self: colleagues(self.request.user, users(self))

    actionable = BulkAction.get_actionable_objects

    def actionable_in_scope(self):
        objects, extra = actionable(self)
        user = self.request.user
        extra["items_with_no_access"] = [obj for obj in extra["items_with_no_access"] if in_scope(user, obj)]
        return [obj for obj in objects if in_scope(user, obj)], extra

    BulkAction.get_actionable_objects = actionable_in_scope

    decorate = PageTypesUsageReportView.decorate_paginated_queryset

    def own_last_edited(self, page_types):
        page_types = decorate(self, page_types)
        own = set(
            own_pages(self.request.user)
            .values_list("pk", flat=True)
            .filter(pk__in=[item.last_edited_page_id for item in page_types if item.last_edited_page_id])
        )
        for item in page_types:
            if item.last_edited_page_id not in own:
                item.last_edited_page = None
        return page_types

    PageTypesUsageReportView.decorate_paginated_queryset = own_last_edited

    translations = TranslationsReportView.get_queryset

    def own_translations(self):
        keys = own_pages(self.request.user).values("translation_key")
        return translations(self).filter(source__object_id__in=keys)

    TranslationsReportView.get_queryset = own_translations

    snippets = LocalizeSnippetsAPI.get_queryset

    def usable(self):
        objects = snippets(self)
        return usable_snippets(self.request.user, objects) if hasattr(objects.model, "unit_id") else objects

    LocalizeSnippetsAPI.get_queryset = usable

    can_delete = PagePermissionTester.can_delete

    def can_delete_leaf_from_its_own_fields(self, ignore_bulk=False):
        # Wagtail's "change" branch: without publish permission, nothing live may be deleted.
        if self.page.is_leaf() and _changes_without_publishing(self):
            return not self.page.live
        return can_delete(self, ignore_bulk)

    PagePermissionTester.can_delete = can_delete_leaf_from_its_own_fields

    paginate = PageIndexView.paginate_queryset

    def paginate_ids_then_read_the_rows_shown(self, queryset, page_size):
        if not isinstance(queryset, QuerySet):  # search results: the search backend has sliced them already
            return paginate(self, queryset, page_size)
        # Selecting only the id leaves the annotations out of the query; ordering and filters stay.
        paginator, page, ids, more = paginate(self, queryset.values_list("pk", flat=True), page_size)
        ids = list(ids)
        shown = {row.pk: row for row in queryset.filter(pk__in=ids)}
        page.object_list = [shown[pk] for pk in ids if pk in shown]
        return paginator, page, page.object_list, more

    PageIndexView.paginate_queryset = paginate_ids_then_read_the_rows_shown


def _changes_without_publishing(tester):
    user = tester.user
    return (
        user.is_active
        and not user.is_superuser
        and not tester.page_is_root
        and "change" in tester.permissions
        and "publish" not in tester.permissions
    )


def explorable(user, page_id):
    return page_permission_policy.explorable_instances(user).filter(pk=page_id).exists()


def _colleagues_of(people):
    return lambda request: colleagues(request.user, people(request))


def _ids(values):
    return [int(value) for value in values if str(value).isdigit()]

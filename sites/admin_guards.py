"""Admin views Wagtail offers no hook for, limited to the user's units at start-up (`scope()`, from AppConfig.ready).

Each replacement applies a rule of `sites.admin_scope`; where Wagtail has a hook the rule goes through the hook
instead (sites/wagtail_hooks.py). Listed here, each with the reason it needs a start-up replacement:

- the page chooser's browse view opens any page as the parent (`get_object_or_404(Page, ...)`, no hook), so a
  crafted `choose-page/<id>/` would name another site's draft: the parent must be a page the user may see;
- the page chooser's "chosen-multiple" view reads `Page.objects.filter(pk__in=ids)` without the chooser hook;
- report filters list people (locked by, requested by, site history users) from the whole portal: their choices
  are limited to the people serving the user's units.
"""

from django.http import Http404

from wagtail.admin.views import chooser
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet
from wagtail.models import Page

from .admin_scope import colleagues, visible_pages


def scope():
    browse = chooser.BrowseView.get

    def browse_visible_parent(self, request, parent_page_id=None):
        if parent_page_id and not visible_pages(request.user, Page.objects.filter(pk=parent_page_id)).exists():
            raise Http404
        return browse(self, request, parent_page_id)

    chooser.BrowseView.get = browse_visible_parent

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

    user_choices = SiteHistoryReportFilterSet.get_user_choices
    SiteHistoryReportFilterSet.get_user_choices = lambda self: colleagues(self.request.user, user_choices(self))


def _colleagues_of(people):
    return lambda request: colleagues(request.user, people(request))


def _ids(values):
    return [int(value) for value in values if str(value).isdigit()]

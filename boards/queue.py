"""A board's moderation queue: what waits for this user's boards, how long in working time, oldest first."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic.base import BaseListingView
from wagtail.models import TaskState

from sites.working_time import HOURS_PER_DAY, describe_wait, working_seconds

SORTS = {"oldest": False, "newest": True}


def waiting_for(user):
    """What waits for this user's boards: the in-progress board steps they may act on, oldest first."""
    return (
        TaskState.objects.reviewable_by(user)
        .select_related("task", "workflow_state", "revision", "workflow_state__requested_by")
        .order_by("started_at")
    )


def queue_summary(user, now=None):
    """The dashboard's view of the queue: how many wait at each step, how many in all, and the longest wait."""
    now = now or timezone.now()
    states = list(waiting_for(user))
    steps = {}
    for state in states:
        steps[state.task.name] = steps.get(state.task.name, 0) + 1
    oldest = states[0] if states else None
    return {
        "total": len(states),
        "steps": sorted(steps.items()),
        "oldest": oldest,
        "oldest_page": oldest.workflow_state.content_object if oldest else None,
        "oldest_wait": describe_wait(oldest.started_at, now) if oldest else "",
    }


class BoardQueueView(BaseListingView):
    template_name = "boards/board_queue.html"
    page_title = _("Hàng chờ duyệt")
    header_icon = "tasks"
    paginate_by = 50

    def get_queryset(self):
        return waiting_for(self.request.user)

    def get_context_data(self, **kwargs):
        now = timezone.now()
        min_days = self._int_param("cho_tu", 0)
        newest_first = SORTS.get(self.request.GET.get("sap_xep"), False)
        rows = []
        for state in self.get_queryset():
            waited = working_seconds(state.started_at, now)
            if waited < min_days * HOURS_PER_DAY * 3600:
                continue
            page = state.workflow_state.content_object
            rows.append(
                {
                    "state": state,
                    "page": page,
                    "task": state.task.specific,
                    "waited": waited,
                    "waited_text": describe_wait(state.started_at, now),
                    "requested_by": state.workflow_state.requested_by,
                }
            )
        rows.sort(key=lambda row: row["waited"], reverse=not newest_first)
        context = super().get_context_data(object_list=rows, **kwargs)
        context.update(rows=rows, min_days=min_days, newest_first=newest_first)
        return context

    def _int_param(self, name, default):
        try:
            return max(0, int(self.request.GET.get(name, default)))
        except ValueError:
            return default

"""Admin → Cài đặt → Tác vụ định kỳ: what the scheduler ran last, whether it worked and how long it took.

Operators only (the jobs are the whole platform's); nothing here changes anything: a job is run again by the
scheduler, or by hand with its management command.
"""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sites.ownership import is_operator

from .. import scheduler
from ..models import JobState


def seconds(duration):
    return "—" if duration is None else f"{duration.total_seconds():.1f}".replace(".", ",") + " giây"


class SchedulerView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "operations/scheduler.html"
    page_title = _("Tác vụ định kỳ")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not is_operator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        states = {state.name: state for state in JobState.objects.all()}
        rows = []
        for job in scheduler.jobs():
            state = states.get(job.name)
            rows.append(
                {
                    "job": job,
                    "state": state,
                    "duration": seconds(state.last_duration) if state else "—",
                }
            )
        return super().get_context_data(rows=rows, one_node_only=connection.vendor != "postgresql", **kwargs)

"""The board's side of comments on drafts, in the admin: the moderation queue of the user's sites (with the
commenter's contact, for the board and the drafting unit only), one draft's comments, their approval or rejection,
and the drafting unit's summary as CSV and XLSX.

Who may see and do what is decided in citizens/drafts.py; a foreign comment or draft is a 404 here.
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import drafts
from .models import CommentStatus

PER_PAGE = 100
WANTED = {"pending": (CommentStatus.PENDING,), "all": tuple(CommentStatus)}


class CommentsAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    template_name = "citizens/admin/comments.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def rows(self, comments):
        user = self.request.user
        return [{"comment": item, "may_moderate": drafts.may_moderate(user, item)} for item in comments]


class QueueView(CommentsAdminView):
    """The comments of the user's sites waiting for the board (or all of them), and their drafts."""

    page_title = _("Góp ý dự thảo")

    def get_context_data(self, **kwargs):
        user = self.request.user
        wanted = self.request.GET.get("trang_thai", "pending")
        statuses = WANTED.get(wanted) or ((wanted,) if wanted in CommentStatus.values else WANTED["pending"])
        comments = drafts.visible_comments(user).filter(status__in=statuses).select_related("page")
        context = super().get_context_data(**kwargs)
        context.update(
            rows=self.rows(comments.order_by("received_at", "pk")[:PER_PAGE]),
            drafts=drafts.visible_drafts(user).order_by("-opens_on", "pk")[:PER_PAGE],
            statuses=CommentStatus.choices,
            wanted=wanted,
        )
        return context


class DraftCommentsView(CommentsAdminView):
    """Every comment on one draft of the user's sites, with the summary's downloads."""

    page_title = _("Góp ý cho dự thảo")

    def dispatch(self, request, draft_id):
        self.draft = get_object_or_404(drafts.visible_drafts(request.user), pk=draft_id)
        return super().dispatch(request, draft_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comments = drafts.visible_comments(self.request.user).filter(page=self.draft).select_related("page")
        context.update(draft=self.draft, rows=self.rows(comments), phase=drafts.phase_message(self.draft))
        return context


def export(request, draft_id, kind):
    """The drafting unit's summary of one draft: every comment with its status, as CSV or XLSX."""
    draft = get_object_or_404(drafts.visible_drafts(request.user), pk=draft_id)
    return drafts.csv_summary(draft) if kind == "csv" else drafts.xlsx_summary(draft)


class ModerateView(View):
    """POST only: approve or reject one comment of the user's own sites."""

    http_method_names = ["post"]
    decision = None

    def post(self, request, pk):
        comment = get_object_or_404(drafts.visible_comments(request.user).select_related("page"), pk=pk)
        try:
            drafts.moderate(comment, self.decision, request.user)
        except drafts.CommentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Góp ý của {comment.name}: {comment.get_status_display().lower()}.")
        # Back where the board acted: the draft's comments, or the queue.
        if request.POST.get("ve") == "du-thao":
            return redirect("citizen_comments:draft", draft_id=comment.page_id)
        return redirect("citizen_comments:index")

"""The board's side of questions, in the admin: the site's questions (with the asker's contact, for the board
only), one question with its actions (route to a unit, forward to another site, close as out of scope, draft the
answer), its attachments, and the overdue lists — the site's own, and the city's for every site.

Who may see and do what is decided in citizens/questions.py; these views show a foreign question as a 404.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sites.models import Unit
from sites.ownership import is_operator, roles_by_unit
from sites.roles import BOARD_ROLES

from . import questions, ratings
from .models import Question, QuestionAttachment, Status

PER_PAGE = 100


class RouteForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Chuyển cho đơn vị"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Chọn đơn vị."), "invalid_choice": _("Đơn vị không hợp lệ.")},
    )

    def __init__(self, *args, question, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Unit.objects.filter(site__isnull=False).order_by("sort_order")
        self.fields["target"].initial = question.unit_id


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không thuộc phạm vi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần nêu lý do.")},
    )


class QuestionsAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def rows_of(items, now):
    return [
        {
            "question": question,
            "route_due": questions.vietnamese_moment(question.route_due_at),
            "answer_due": questions.vietnamese_moment(question.answer_due_at),
            "late": question.is_open
            and now > (question.route_due_at if question.status == Status.RECEIVED else question.answer_due_at),
        }
        for question in items
    ]


class QuestionListView(QuestionsAdminView):
    template_name = "citizens/admin/list.html"
    page_title = _("Câu hỏi của người dân")

    def get_context_data(self, **kwargs):
        items = questions.visible_questions(self.request.user).select_related("unit")
        wanted = self.request.GET.get("trang_thai", "open")
        if wanted == "open":
            items = items.filter(status__in=(Status.RECEIVED, Status.ROUTED, Status.ANSWERING))
        elif wanted in Status.values:
            items = items.filter(status=wanted)
        context = super().get_context_data(**kwargs)
        context.update(
            rows=rows_of(items.order_by("received_at")[:PER_PAGE], timezone.now()),
            statuses=Status.choices,
            wanted=wanted,
        )
        return context


class OverdueView(QuestionsAdminView):
    """Questions past their deadline: the user's sites, or every site for the city's board and the operators."""

    template_name = "citizens/admin/overdue.html"
    page_title = _("Câu hỏi quá hạn")

    def get_context_data(self, **kwargs):
        user = self.request.user
        scope = Question.objects.all() if questions.sees_every_site(user) else questions.visible_questions(user)
        now = timezone.now()
        items = scope.overdue(now).select_related("unit").order_by("unit__sort_order", "received_at")
        context = super().get_context_data(**kwargs)
        context.update(rows=rows_of(items[:PER_PAGE], now), city_wide=questions.sees_every_site(user))
        return context


class QuestionView(QuestionsAdminView):
    template_name = "citizens/admin/question.html"
    page_title = _("Câu hỏi")

    def dispatch(self, request, pk):
        self.question = get_object_or_404(questions.visible_questions(request.user).select_related("unit"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.question.code

    def get_context_data(self, **kwargs):
        question, user = self.question, self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            question=question,
            attachments=question.attachments.all(),
            route_due=questions.vietnamese_moment(question.route_due_at),
            answer_due=questions.vietnamese_moment(question.answer_due_at),
            may_route=questions.may_route(user, question),
            may_draft=questions.may_draft(user, question),
            route_form=kwargs.get("route_form") or RouteForm(question=question, user=user),
            close_form=kwargs.get("close_form") or CloseForm(),
        )
        return context


class QuestionActionView(QuestionView):
    """POST only: one action on one question of the user's own sites."""

    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            response = self.act(request, self.question)
        except questions.QuestionError as error:
            messages.error(request, str(error))
            return redirect("citizen_questions:detail", pk=pk)
        return response or redirect("citizen_questions:detail", pk=pk)


class RouteView(QuestionActionView):
    def act(self, request, question):
        form = RouteForm(request.POST, question=question, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(route_form=form), status=400)
        questions.route(question, form.cleaned_data["target"], request.user)
        messages.success(request, f"Đã chuyển câu hỏi {question.code} cho {question.unit.display_name}.")
        # Forwarded to another site: this board no longer sees it.
        if questions.visible_questions(request.user).filter(pk=question.pk).exists():
            return None
        return redirect("citizen_questions:index")


class CloseView(QuestionActionView):
    def act(self, request, question):
        form = CloseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(close_form=form), status=400)
        questions.close_out_of_scope(question, form.cleaned_data["reason"], request.user)
        messages.success(request, f"Đã đóng câu hỏi {question.code}: không thuộc phạm vi.")
        return None


class DraftView(QuestionActionView):
    def act(self, request, question):
        page = questions.start_answer(question, request.user)
        messages.success(request, "Đã tạo bản nháp câu trả lời; soạn xong thì gửi Ban Biên tập duyệt.")
        return redirect("wagtailadmin_pages:edit", page.pk)


def attachment(request, token):
    """An attachment of a question of the user's own sites, downloaded (never shown inline)."""
    item = QuestionAttachment.objects.filter(
        token=token, question__in=questions.visible_questions(request.user)
    ).first()
    if item is None:
        raise Http404
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


class RatingsView(QuestionsAdminView):
    """The ratings of the sites whose board the user sits on (operators: every site), per month, site and page."""

    template_name = "citizens/admin/ratings.html"
    page_title = _("Đánh giá của người dân")
    header_icon = "pick"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if is_operator(user):
            unit_ids = None
        else:
            unit_ids = {unit_id for unit_id, held in roles_by_unit(user).items() if held & BOARD_ROLES}
        by_page, by_site = ratings.summary(unit_ids)
        recent = ratings.PageRating.objects.exclude(comment="").select_related("page").order_by("-pk")
        if unit_ids is not None:
            recent = recent.filter(unit_id__in=unit_ids)
        context = super().get_context_data(**kwargs)
        context.update(by_page=by_page, by_site=by_site, comments=recent[:50], aspects=ratings.ASPECTS)
        return context

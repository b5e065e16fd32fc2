"""The citizen's side: the question form (on every site; on the city's, for any site), the status page that a
tracking code opens, a page's rating and a comment on a draft document. Nothing here shows who asked: the status page
names the site, the field and the dates only; a draft's page shows approved comments without their contact.
"""

import re

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sites.resolve import public_site

from . import defences, drafts, questions, ratings
from .forms import QuestionForm
from .models import Question, Status

CODE = re.compile(r"^HN-[A-Z0-9]{1,63}-\d{4}-\d{6}$")
STEPS = (Status.RECEIVED, Status.ROUTED, Status.ANSWERING, Status.ANSWERED)


def normalised_code(value):
    """A code as dictated or typed: spaces dropped, any case ('hn-dongda 2026 000123' finds it)."""
    value = re.sub(r"\s+", "-", (value or "").strip()).upper()
    return value if CODE.match(value) else ""


@never_cache
def ask(request):
    site = public_site(request)
    unit = getattr(site, "unit", None)
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES)
        status = 400
        try:
            defences.check_request(request)
            if form.is_valid():
                defences.check_contact(form.cleaned_data["email"], form.cleaned_data["phone"])
                question = questions.submit(**form.question_fields())
                return redirect(reverse("citizen_question_status", args=[question.code]) + "?moi=1")
        except defences.Refused as refusal:
            form.is_valid()
            form.add_error(None, str(refusal))
            status = refusal.status
    else:
        form = QuestionForm(initial={"unit": unit.pk if unit else None})
        status = 200
    context = {"form": form.described(), "site_unit": unit, "pow": defences.challenge(), "honeypot": defences.HONEYPOT}
    return render(request, "citizens/ask.html", context, status=status)


@never_cache
def lookup(request):
    value = request.GET.get("ma", "")
    code = normalised_code(value)
    if code:
        return redirect("citizen_question_status", code=code)
    error = "Mã tra cứu có dạng HN-DONGDA-2026-000123." if value else ""
    return render(request, "citizens/lookup.html", {"value": value[:80], "error": error}, status=400 if error else 200)


@never_cache
def status(request, code):
    normal = normalised_code(code)
    question = Question.objects.select_related("unit", "answer_page").filter(code=normal).first() if normal else None
    if question is None:
        raise Http404("Không tìm thấy câu hỏi có mã này.")
    now = timezone.now()
    reached = STEPS.index(question.status) if question.status in STEPS else 0
    steps = [{"label": step.label, "done": index <= reached} for index, step in enumerate(STEPS)]
    if question.status == Status.OUT_OF_SCOPE:
        steps = [steps[0], {"label": Status.OUT_OF_SCOPE.label, "done": True}]
    answer = question.answer_page if question.answer_page and question.answer_page.live else None
    context = {
        "question": question,
        "steps": steps,
        "answer": answer,
        "just_sent": request.GET.get("moi") == "1",
        "route_due": questions.vietnamese_moment(question.route_due_at),
        "answer_due": questions.vietnamese_moment(question.answer_due_at),
        "routed_at": questions.vietnamese_moment(question.routed_at) if question.routed_at else "",
        "answered_at": questions.vietnamese_moment(question.answered_at) if question.answered_at else "",
        "received_at": questions.vietnamese_moment(question.received_at),
        "route_late": question.status == Status.RECEIVED and now > question.route_due_at,
        "answer_late": question.is_open and now > question.answer_due_at,
        "route_days": questions.ROUTE_WITHIN_DAYS,
        "answer_days": questions.ANSWER_WITHIN_DAYS,
    }
    return render(request, "citizens/status.html", context)


# No CSRF token: the form is on every page, and a token would set a cookie that keeps pages out of the page cache.
# Nothing here acts for a signed-in user; the honeypot, the rate limit and one rating per browser a day stand instead.
@csrf_exempt
@require_POST
@never_cache
def rate(request, page_id):
    page, unit = ratings.rated_page(page_id, public_site(request))
    if page is None:
        raise Http404("Không có trang này để đánh giá.")
    # The answer speaks the rated page's language: a visitor of the English portal is thanked in English.
    with translation.override(page.locale.language_code):
        rated = ratings.receive(request, page, unit)
        context = {"rated_page": page, "form": rated.form, "aspects": ratings.ASPECTS, "refusal": rated.refusal}
        if rated.status != 201:
            return render(request, "citizens/rated.html", context, status=rated.status)
        response = render(request, "citizens/rated.html", {**context, "thanks": True})
    ratings.remember(request, response, rated)
    return response


@require_POST
@never_cache
def comment(request, page_id):
    """A comment on a draft document (its page shows the form): stored for the board, or the form again with why."""
    page = drafts.open_draft(page_id, public_site(request))
    if page is None:
        raise Http404("Không có dự thảo này để góp ý.")
    received = drafts.receive(request, page)
    if received.comment:
        return redirect(f"{page.url}?da_gui=1#gop-y")
    context = {"draft": page, "form": received.form, "refusal": received.refusal}
    return render(request, "citizens/commented.html", context, status=received.status)

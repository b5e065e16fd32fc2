"""What happens to a question: submitted with its tracking code and deadlines, routed or forwarded, closed as out
of scope, answered through an `AnswerPage` that the site's board approves, and who may do each of these.

Deadlines (Quy chế Art. 13.1.e) are counted in working time from the moment the question is received: routed to
the responsible unit within 2 working days, answered within 15 (sites/working_time.py: weekends, public holidays
and Tết excluded).
"""

import uuid

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from home.models import SectionPage
from home.sections import SectionKey
from sites.models import Unit
from sites.ownership import is_operator, roles_by_unit
from sites.roles import BOARD_ROLES, RoleKey
from sites.working_time import HANOI, add_working_days

from .models import AnswerPage, Question, QuestionAttachment, QuestionSequence, Status

ROUTE_WITHIN_DAYS = 2
ANSWER_WITHIN_DAYS = 15
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
DRAFTING_ROLES = frozenset({RoleKey.EDITOR, *BOARD_ROLES})


class QuestionError(Exception):
    """A refused action, with the Vietnamese message the user reads."""


def vietnamese_moment(moment):
    """'17:00 thứ Sáu, 12/02/2027' in Hanoi time."""
    local = moment.astimezone(HANOI)
    return f"{local:%H:%M} {WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"


def tracking_code(unit, year, number):
    return f"HN-{unit.label.upper()}-{year}-{number:06d}"


def next_number(unit, year):
    """The unit's next question number in `year`. The UPDATE holds the row's lock until the transaction ends (the
    caller's), on PostgreSQL and SQLite alike, so two concurrent submissions never read the same number."""
    with transaction.atomic():
        if not QuestionSequence.objects.filter(unit=unit, year=year).update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    QuestionSequence.objects.create(unit=unit, year=year, last=1)
                return 1
            except IntegrityError:  # another submission made the row first: take the next number after its own
                QuestionSequence.objects.filter(unit=unit, year=year).update(last=F("last") + 1)
        return QuestionSequence.objects.filter(unit=unit, year=year).values_list("last", flat=True).get()


def submit(*, unit, attachments=(), now=None, **fields):
    """Store a question with its code, deadlines and attachments, all or nothing; returns the question."""
    now = now or timezone.now()
    with transaction.atomic():
        number = next_number(unit, now.astimezone(HANOI).year)
        question = Question.objects.create(
            code=tracking_code(unit, now.astimezone(HANOI).year, number),
            unit=unit,
            asked_unit=unit,
            received_at=now,
            consent_at=now,
            route_due_at=add_working_days(now, ROUTE_WITHIN_DAYS),
            answer_due_at=add_working_days(now, ANSWER_WITHIN_DAYS),
            **fields,
        )
        for upload in attachments:
            original_name = upload.name
            # Stored under a random name: the citizen's file name never becomes a path.
            upload.name = f"{uuid.uuid4().hex}{EXTENSIONS[upload.content_type]}"
            QuestionAttachment.objects.create(
                question=question,
                file=upload,
                original_name=original_name[:200],
                content_type=upload.content_type,
                size=upload.size,
            )
    notify_asker(question, "Cổng thông tin đã tiếp nhận câu hỏi của Ông/Bà.")
    return question


# ------------------------------------------------------------------------------------------------------ who may


def _units_with(user, roles):
    return {unit_id for unit_id, held in roles_by_unit(user).items() if held & set(roles)}


def city_unit():
    return Unit.objects.get(kind=Unit.Kind.CITY)


def sees_every_site(user):
    """The operating unit and the city's board: the city-wide lists (the city routes questions to any site)."""
    if not user.is_active:
        return False
    return is_operator(user) or Unit.objects.filter(kind=Unit.Kind.CITY, pk__in=_units_with(user, BOARD_ROLES)).exists()


def visible_questions(user):
    """The questions of the sites where the user holds any role (operators: all)."""
    if not user.is_active:
        return Question.objects.none()
    if is_operator(user):
        return Question.objects.all()
    return Question.objects.filter(unit_id__in=set(roles_by_unit(user)))


def may_route(user, question):
    return (
        user.is_active
        and question.status == Status.RECEIVED
        and (is_operator(user) or question.unit_id in _units_with(user, BOARD_ROLES))
    )


def may_draft(user, question):
    return user.is_active and question.status == Status.ROUTED and question.unit_id in _units_with(user, DRAFTING_ROLES)


def route(question, target, user, now=None):
    """The board hands the question to a unit: its own (routed), or forwards it to another site, whose board then
    routes it; the city's board and the operating unit route it straight to any site."""
    if not may_route(user, question):
        raise QuestionError("Bạn không có quyền chuyển câu hỏi này.")
    now = now or timezone.now()
    straight = target.pk == question.unit_id or sees_every_site(user)
    with transaction.atomic():
        question.unit = target
        question.routed_by = user
        if straight:
            question.status, question.routed_at = Status.ROUTED, now
        question.save()
    if straight:
        notify_asker(question, f"Câu hỏi đã được chuyển cho {target.display_name} trả lời.")
    else:
        notify_asker(question, f"Câu hỏi đã được chuyển tới {target.display_name} để xử lý.")
    return question


def close_out_of_scope(question, reason, user, now=None):
    if not may_route(user, question):
        raise QuestionError("Bạn không có quyền đóng câu hỏi này.")
    reason = reason.strip()
    if not reason:
        raise QuestionError("Cần nêu lý do câu hỏi không thuộc phạm vi giải quyết.")
    question.status, question.closed_at = Status.OUT_OF_SCOPE, now or timezone.now()
    question.out_of_scope_reason = reason
    question.save()
    notify_asker(question, f"Câu hỏi không thuộc phạm vi giải quyết của Cổng. Lý do: {reason}")
    return question


def questions_section(unit):
    section = SectionPage.objects.child_of(unit.site.root_page).filter(section_key=SectionKey.QUESTIONS).first()
    if section is None:
        raise QuestionError(f"Trang của {unit.display_name} chưa có chuyên mục “Hỏi đáp”.")
    return section


def start_answer(question, user, now=None):
    """A draft answer page under the unit's "Hỏi đáp" section, carrying the question's title and text only."""
    if not may_draft(user, question):
        raise QuestionError("Bạn không có quyền soạn câu trả lời cho câu hỏi này.")
    now = now or timezone.now()
    with transaction.atomic():
        page = AnswerPage(
            title=question.title,
            question_text=question.text,
            field=question.field,
            asked_on=question.received_at.astimezone(HANOI).date(),
            live=False,
            owner=user,
        )
        questions_section(question.unit).add_child(instance=page)
        page.save_revision(user=user)
        question.answer_page, question.status, question.answering_at = page, Status.ANSWERING, now
        question.save()
    notify_asker(question, "Câu trả lời đang được soạn.")
    return page


def answer_published(sender, instance, **kwargs):
    """The board published an answer page: its questions are answered (page_published)."""
    if not isinstance(instance, AnswerPage):
        return
    for question in Question.objects.filter(answer_page=instance, status=Status.ANSWERING):
        question.status, question.answered_at = Status.ANSWERED, timezone.now()
        question.save(update_fields=["status", "answered_at"])
        notify_asker(question, f"Câu hỏi đã được trả lời: {instance.full_url}")


def notify_asker(question, message):
    """The asker hears of each change by e-mail (when given), through Django's mail framework."""
    if not question.email:
        return
    site = question.asked_unit.site
    status_url = f"{site.root_url}/cau-hoi/{question.code}/" if site else ""
    send_mail(
        subject=f"[{question.code}] {question.get_status_display()}",
        message=f"{message}\n\nMã tra cứu: {question.code}\nTheo dõi: {status_url}\n",
        from_email=None,
        recipient_list=[question.email],
        fail_silently=True,
    )

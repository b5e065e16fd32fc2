"""Comments on draft documents (góp ý dự thảo, Quy chế Art. 4.3): when a draft takes comments, receiving one (the
public form and the API share `receive`), who may see and moderate a site's comments, and the drafting unit's
summary as CSV and XLSX.

A comment is shown publicly only after the site's board approved it, and then only its name, organisation, article
and text: the contact stays in the admin, for the board and the drafting unit.
"""

from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from boards.rules import board_addresses
from sites.models import Unit
from sites.ownership import is_operator, roles_by_unit
from sites.roles import BOARD_ROLES
from sites.spreadsheets import csv_download, spreadsheet_text, xlsx_download
from sites.working_time import HANOI
from syndication.copies import shown_on

from . import defences
from .forms import CommentForm, errors_by_field
from .models import CommentStatus, DraftComment, DraftDocumentPage
from .questions import vietnamese_moment

BEFORE, OPEN, CLOSED = "before", "open", "closed"


class CommentError(Exception):
    """A refused moderation, with the Vietnamese message the board member reads."""


def phase(page, now=None):
    """Whether `page` takes comments on `now` (Hanoi's date): before its opening day, open, or closed after the
    whole of its closing day."""
    today = (now or timezone.now()).astimezone(HANOI).date()
    if today < page.opens_on:
        return BEFORE
    return OPEN if today <= page.closes_on else CLOSED


def phase_message(page, now=None):
    """What the form says instead of itself, in Vietnamese; empty while the draft takes comments."""
    dates = f"từ ngày {page.opens_on:%d/%m/%Y} đến hết ngày {page.closes_on:%d/%m/%Y}"
    return {
        BEFORE: f"Dự thảo chưa đến thời gian lấy ý kiến: nhận góp ý {dates}.",
        OPEN: "",
        CLOSED: f"Đã hết thời gian lấy ý kiến ({dates}). Cổng không nhận thêm góp ý cho dự thảo này.",
    }[phase(page, now)]


def open_draft(page_id, site):
    """The live, public draft with this id on `site`, or None: a draft is commented on its drafting unit's site."""
    return shown_on(site, DraftDocumentPage.objects.live().public(), page_id)[0]


@dataclass
class Received:
    """What became of one submitted comment: stored (`comment`), or refused with a status and messages."""

    form: CommentForm
    status: int
    comment: DraftComment | None = None
    refusal: str = ""
    errors: dict = field(default_factory=dict)


def receive(request, page):
    """Check and store the comment posted in `request` on `page` (the form's defences first, then its fields)."""
    form = CommentForm(request.POST)
    closed = phase_message(page)
    if closed:
        return Received(form, 409, refusal=closed)
    try:
        defences.check_comment_request(request)
        if not form.is_valid():
            return Received(form, 400, errors=errors_by_field(form))
        defences.check_contact(form.cleaned_data["email"], form.cleaned_data["phone"], "góp ý", "comment-contact")
    except defences.Refused as refusal:
        return Received(form, refusal.status, refusal=str(refusal))
    now = timezone.now()
    comment = DraftComment.objects.create(
        page=page, unit=Unit.for_page(page), received_at=now, consent_at=now, **form.comment_fields()
    )
    tell_the_board(comment)
    return Received(form, 201, comment=comment)


def tell_the_board(comment):
    """One e-mail to the draft's board (its site's members and head, nobody of another site) that a comment waits
    for them: who wrote it as the public page would name them, never their e-mail or phone (the mail leaves the
    admin), and the link to the queue. A mail that cannot go does not refuse the comment: it waits in the queue."""
    recipients = board_addresses(comment.unit)
    if not recipients:
        return
    page, unit = comment.page, comment.unit
    author = ", ".join(filter(None, (comment.name, comment.organisation)))
    send_mail(
        subject=f"[{unit.display_name}] Góp ý mới cho dự thảo: {page.title}",
        message=(
            f"Dự thảo “{page.title}” vừa nhận một góp ý, đang chờ Ban Biên tập xem xét trước khi công khai.\n\n"
            f"Người góp ý: {author}\n"
            f"Điều, khoản: {comment.article or 'không nêu'}\n"
            f"Nhận lúc: {vietnamese_moment(comment.received_at)}\n\n"
            f"Mở hàng chờ duyệt góp ý: {settings.WAGTAILADMIN_BASE_URL}{reverse('citizen_comments:index')}\n"
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )


# ------------------------------------------------------------------------------------------------------ who may


def visible_comments(user):
    """The comments on the drafts of the sites where the user holds any role (operators: all)."""
    if not user.is_active:
        return DraftComment.objects.none()
    if is_operator(user):
        return DraftComment.objects.all()
    return DraftComment.objects.filter(unit_id__in=set(roles_by_unit(user)))


def visible_drafts(user):
    """The drafts of those sites (any state), for the board's and the drafting unit's lists."""
    if not user.is_active:
        return DraftDocumentPage.objects.none()
    if is_operator(user):
        return DraftDocumentPage.objects.all()
    units = Unit.objects.filter(pk__in=set(roles_by_unit(user)), site__isnull=False).select_related("site__root_page")
    drafts = DraftDocumentPage.objects.none()
    for unit in units:
        drafts |= DraftDocumentPage.objects.descendant_of(unit.site.root_page)
    return drafts


def may_moderate(user, comment):
    """The site's board (members and head) and the operators decide what is shown."""
    if not user.is_active:
        return False
    return is_operator(user) or bool(roles_by_unit(user).get(comment.unit_id, set()) & BOARD_ROLES)


def moderate(comment, decision, user):
    """Approve (shown on the draft's page) or reject (kept for the summary, never shown) one comment."""
    if not may_moderate(user, comment):
        raise CommentError("Chỉ Ban Biên tập của trang được duyệt góp ý.")
    if decision not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
        raise CommentError("Quyết định không hợp lệ.")
    with transaction.atomic():
        comment.status, comment.moderated_at, comment.moderated_by = decision, timezone.now(), user
        comment.save(update_fields=["status", "moderated_at", "moderated_by"])


# ------------------------------------------------------------------------------------------------------ summary

HEADINGS = [
    "STT",
    "Nhận lúc",
    "Họ và tên",
    "Cơ quan, tổ chức",
    "Thư điện tử",
    "Số điện thoại",
    "Điều, khoản",
    "Nội dung góp ý",
    "Trạng thái",
]


def summary_rows(page):
    """One row per comment on `page`, every status, oldest first: what the drafting unit answers."""
    rows = []
    for number, comment in enumerate(page.comments.order_by("received_at", "pk"), start=1):
        rows.append(
            [
                number,
                f"{comment.received_at.astimezone(HANOI):%H:%M %d/%m/%Y}",
                comment.name,
                comment.organisation,
                comment.email,
                comment.phone,
                comment.article,
                comment.text,
                comment.get_status_display(),
            ]
        )
    return rows


def _filename(page):
    return f"tong-hop-gop-y-{page.slug}"[:120]


def _cells(row):
    """A summary row for a spreadsheet: numbers as numbers, what people typed never run as a formula."""
    return [value if isinstance(value, int) else spreadsheet_text(value) for value in row]


def csv_summary(page):
    return csv_download([[page.title], HEADINGS, *map(_cells, summary_rows(page))], _filename(page))


def xlsx_summary(page):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp góp ý"
    sheet.append([spreadsheet_text(page.title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([f"{page.drafting_unit} · lấy ý kiến từ {page.opens_on:%d/%m/%Y} đến {page.closes_on:%d/%m/%Y}"])
    sheet.append(HEADINGS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in summary_rows(page):
        sheet.append(_cells(row))
    for column, width in zip("ABCDEFGHI", (6, 18, 24, 24, 28, 14, 16, 80, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return xlsx_download(workbook, _filename(page))

"""Editorial boards (Quy chế Art. 6.3, 9, 14, 15.1.f): who acts on a page, rejection reasons, notifications."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, TaskState

from sites.models import Unit
from sites.ownership import roles_by_unit
from sites.roles import BOARD_ROLES, RoleKey

# Quy chế Art. 14.3: the only grounds on which a board refuses to publish.
REJECTION_REASONS = (
    ("a", _("(a) Trái với chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước")),
    ("b", _("(b) Thuộc bí mật nhà nước hoặc chưa được phép công bố")),
    ("c", _("(c) Thông tin không chính xác, không đúng sự thật")),
    ("d", _("(d) Không rõ nguồn gốc hoặc chất lượng chưa bảo đảm")),
    ("đ", _("(đ) Nội dung khác bị cấm theo quy định của pháp luật")),
)


REASON_REQUIRED = _("Hãy chọn một trong năm lý do của Quy chế, Điều 14.3.")
COMMENT_REQUIRED = _("Hãy ghi rõ phần nào cần sửa để tác giả biết cách khắc phục.")


class RejectionForm(forms.Form):
    # Starts on no ground at all: ground (a) is the gravest, and one careless click must not put it on record.
    reason = forms.ChoiceField(
        label=_("Lý do (Quy chế, Điều 14.3)"),
        choices=[("", _("— Chọn lý do —")), *REJECTION_REASONS],
        error_messages={"required": REASON_REQUIRED, "invalid_choice": REASON_REQUIRED},
    )
    comment = forms.CharField(
        label=_("Ý kiến cụ thể"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nêu rõ phần nào cần sửa để người viết biết cách khắc phục."),
        error_messages={"required": COMMENT_REQUIRED},
    )


def rejection_comment(reason, comment):
    """The text kept on the task state, in the audit log and shown to the author: reason first, then details."""
    label = dict(REJECTION_REASONS).get(reason, "")
    return f"Lý do {label}. {comment.strip()}".strip()


def read_rejection_comment(text):
    """(ground key, ground label, the board's own words) of a comment written by `rejection_comment`."""
    for key, label in REJECTION_REASONS:
        prefix = f"Lý do {label}."
        if text.startswith(prefix):
            return key, str(label), text[len(prefix) :].strip()
    return "", "", text.strip()


def _acting_unit_ids(user, roles):
    return {unit_id for unit_id, held in roles_by_unit(user).items() if held & set(roles)}


def user_acts_for_page(user, page, roles):
    """Whether the user holds one of `roles` on the board of the site the page belongs to."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    unit = Unit.for_page(page)
    return unit is not None and unit.pk in _acting_unit_ids(user, tuple(roles))


# The actions' names and labels. Labels are whole: the admin's menu must not add "và xuất bản" to them again
# (boards/wagtail_hooks.py sets them on the menu). "publish" is the board head's one action at the review step:
# it approves that step and his own in one go (small wards have one or two people).
SEND_BACK = ("reject", _("Gửi lại cho tác giả"), True)
PASS_TO_HEAD = ("approve", _("Chuyển Trưởng ban duyệt"), False)
PUBLISH_AT_REVIEW = ("publish", _("Duyệt và xuất bản"), False)
APPROVE_AND_PUBLISH = ("approve", _("Duyệt và xuất bản"), False)


def board_actions(task, page, user):
    if not user_acts_for_page(user, page, task.acting_roles):
        return []
    if task.role == task.Role.BOARD_HEAD:
        return [APPROVE_AND_PUBLISH, SEND_BACK]
    if user_acts_for_page(user, page, (RoleKey.BOARD_HEAD,)):
        return [PUBLISH_AT_REVIEW, SEND_BACK]
    return [PASS_TO_HEAD, SEND_BACK]


def task_states_for_units(task, user):
    """The in-progress states of this task on pages of the sites whose boards the user sits on."""
    states = task.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
    if user.is_superuser:
        return states
    homes = Page.objects.filter(sites_rooted_here__unit__pk__in=_acting_unit_ids(user, tuple(task.acting_roles)))
    # Their home pages and those pages' translations (the city's English portal is moderated by the city's board).
    home_paths = list(
        Page.objects.filter(depth=2, translation_key__in=homes.values("translation_key")).values_list("path", flat=True)
    )
    if not home_paths:
        return states.none()
    in_their_sites = Q()
    for path in home_paths:
        in_their_sites |= Q(path__startswith=path)
    page_ids = Page.objects.filter(in_their_sites).annotate(key=Cast("pk", CharField())).values("key")
    return states.filter(workflow_state__object_id__in=page_ids)


def board_addresses(unit, roles=BOARD_ROLES):
    """The e-mail addresses of the unit's active board members holding one of `roles` (members and head unless
    told): whatever a board is told by mail (a page to review, a citizen's question or comment) goes to these, never
    to another unit's staff."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__site_role__unit=unit, groups__site_role__role__in=roles)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def notify_board(sender, instance, user=None, **kwargs):
    """When a page reaches a board step, e-mail that site's board members who act at the step, and no one else."""
    task = instance.task.specific
    if not hasattr(task, "acting_roles"):
        return
    page = instance.workflow_state.content_object
    unit = Unit.for_page(page)
    if unit is None:
        return
    recipients = board_addresses(unit, task.acting_roles)
    if recipients:
        send_mail(
            subject=f"[{unit.display_name}] Bài chờ duyệt: {page.get_admin_display_title()}",
            message=(
                f"Bài “{page.get_admin_display_title()}” đang chờ bước “{task.name}”.\n"
                f"Mở để duyệt: {settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/"
            ),
            from_email=None,
            recipient_list=recipients,
        )

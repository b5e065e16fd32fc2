"""What the board decided, told in the words of the Quy chế: who sent an article back, when, on which ground, and
what each of the board's actions did (the admin's messages)."""

import json
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState

from sites.roles import RoleKey

from .rules import REJECTION_REASONS, read_rejection_comment, user_acts_for_page

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def board_time(moment):
    """dd/mm/yyyy HH:MM in Hanoi, whatever the server's zone."""
    return timezone.localtime(moment, HANOI).strftime("%d/%m/%Y %H:%M") if moment else ""


def rejection_of(workflow_state):
    """The board's last rejection in a workflow sent back to its author, as the author should read it."""
    state = (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by", "task")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if state is None:
        return None
    key, ground, details = read_rejection_comment(state.comment or "")
    return {
        "by": get_user_display_name(state.finished_by) if state.finished_by else "",
        "at": board_time(state.finished_at),
        # Who acted, by their role: a board head may send an article back at the reviewer's step.
        "step": str(RoleKey.BOARD_HEAD.label)
        if state.finished_by
        and user_acts_for_page(state.finished_by, workflow_state.content_object, [RoleKey.BOARD_HEAD])
        else state.task.name,
        "ground_key": key,
        "ground": ground,
        "comment": details,
        "workflow_state": workflow_state,
    }


def sent_back(page):
    """The rejection of the page's workflow if the board sent it back and its author has not resubmitted, else None."""
    if page is None or not page.pk:
        return None
    workflow_state = page.workflow_states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).first()
    return rejection_of(workflow_state) if workflow_state else None


def action_message(page, action_name, extra_data):
    """What a board action just did, said plainly: the message shown instead of "Đã cập nhật trang"."""
    title = page.get_admin_display_title()
    if action_name == "reject":
        reason = (extra_data or {}).get("reason", "")
        if reason in dict(REJECTION_REASONS):
            return _("Đã gửi lại cho tác giả kèm lý do (%(reason)s): “%(title)s”.") % {"reason": reason, "title": title}
        return _("Đã gửi lại cho tác giả: “%(title)s”.") % {"title": title}
    latest = page.workflow_states.order_by("-created_at", "-pk").first()
    if latest is not None and latest.status == WorkflowState.STATUS_APPROVED:
        return _("Đã duyệt và xuất bản bài “%(title)s”.") % {"title": title}
    if latest is not None and latest.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("Đã chuyển bài “%(title)s” cho Trưởng ban.") % {"title": title}
    return None


def replace_save_message(request, page):
    """Swap the admin's "Đã cập nhật trang" after a board action for a message that says what happened."""
    if not request.POST.get("action-workflow-action"):
        return
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        extra = {}
    text = action_message(page, request.POST.get("workflow-action-name", ""), extra)
    if text is None:
        return
    storage = messages.get_messages(request)
    # Iterating hands every message over and marks them used; the ones to keep are added again.
    kept = [message for message in storage if message.level != messages.SUCCESS]
    for message in kept:
        messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)
    messages.success(request, text)

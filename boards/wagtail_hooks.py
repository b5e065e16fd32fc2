from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem, RestartWorkflowMenuItem, WorkflowMenuItem
from wagtail.admin.menu import MenuItem

from .dashboard import role_panels
from .models import BoardTask
from .queue import BoardQueueView
from .review import replace_save_message

RESUBMIT_LABEL = _("Gửi lại Ban Biên tập duyệt")


@hooks.register("register_admin_urls")
def register_board_queue_url():
    return [path("hang-cho-duyet/", BoardQueueView.as_view(), name="board_queue")]


@hooks.register("register_admin_menu_item")
def register_board_queue_menu_item():
    return MenuItem(BoardQueueView.page_title, reverse("board_queue"), icon_name="tasks", order=150)


@hooks.register("construct_page_action_menu")
def board_action_menu(menu_items, request, context):
    """The page editor's footer at a board step: the board's own actions first, in their own words.

    Wagtail adds "và xuất bản" to an approval at the last step, which would read "Duyệt và xuất bản và xuất bản";
    the labels here are whole. The board head's plain "Xuất bản" is dropped while the board decides, so that
    publishing goes through the board's record. An article sent back is resubmitted with one button.
    """
    page = context.get("page")
    if page is None or not page.pk:
        return
    task = page.current_workflow_task
    if task is not None and isinstance(task.specific, BoardTask):
        labels = {name: label for name, label, _modal in task.specific.get_actions(page, request.user)}
        board_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
        for item in board_items:
            item.label = labels.get(item.name, item.label)
        if board_items:
            others = [item for item in menu_items if not isinstance(item, (WorkflowMenuItem, PublishMenuItem))]
            menu_items[:] = [*board_items, *others]
        return
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        restart = [item for item in menu_items if isinstance(item, RestartWorkflowMenuItem)]
        for item in restart:
            item.label = RESUBMIT_LABEL
        menu_items[:] = [*restart, *(item for item in menu_items if item not in restart)]


@hooks.register("after_edit_page")
def board_action_message(request, page):
    replace_save_message(request, page)


@hooks.register("construct_homepage_panels")
def board_dashboard_panels(request, panels):
    panels.extend(role_panels(request))

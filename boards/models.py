from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Task

from sites.roles import RoleKey

from .rules import RejectionForm, board_actions, rejection_comment, task_states_for_units, user_acts_for_page


class BoardTask(Task):
    """A workflow step taken by one role of the board of whichever site the page belongs to.

    One task per role serves all 142 sites: the reviewing group is resolved from the page's unit when the task
    runs, so no site can ever see, approve or publish another site's content, and no per-site task rows exist.
    """

    class Role(models.TextChoices):
        # Named after who acts: the admin reads "Gửi lại Trưởng ban Biên tập duyệt".
        REVIEWER = RoleKey.REVIEWER.value, RoleKey.REVIEWER.label
        BOARD_HEAD = RoleKey.BOARD_HEAD.value, RoleKey.BOARD_HEAD.label

    role = models.CharField(_("vai trò duyệt"), max_length=32, choices=Role.choices, unique=True)

    admin_form_fields = [*Task.admin_form_fields, "role"]

    class Meta:
        # The table keeps the name it had when boards were part of the `sites` app (boards/migrations/0001).
        db_table = "portal_sites_boardtask"
        verbose_name = _("bước duyệt của Ban Biên tập")
        verbose_name_plural = _("bước duyệt của Ban Biên tập")

    def __str__(self):
        return self.name

    @property
    def acting_roles(self):
        """A board head may also act at the review step: wards often have only one or two people."""
        if self.role == self.Role.REVIEWER:
            return (RoleKey.REVIEWER, RoleKey.BOARD_HEAD)
        return (RoleKey.BOARD_HEAD,)

    def acts_on(self, obj, user):
        return user_acts_for_page(user, obj, self.acting_roles)

    def user_can_access_editor(self, obj, user):
        return self.acts_on(obj, user)

    def locked_for_user(self, obj, user):
        return not self.acts_on(obj, user)

    def user_can_lock(self, obj, user):
        return self.acts_on(obj, user)

    def get_actions(self, obj, user):
        return board_actions(self, obj, user)

    def get_form_for_action(self, action):
        return RejectionForm if action == "reject" else super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "reject":
            kwargs = {"comment": rejection_comment(kwargs.get("reason"), kwargs.get("comment", ""))}
        if action_name == "publish":
            return self.approve_through(task_state, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def approve_through(self, task_state, user):
        """The board head's one action at the review step: approve it, then every board step he acts at, in turn."""
        workflow_state = task_state.workflow_state
        task_state.approve(user=user)
        while True:
            workflow_state.refresh_from_db()
            current = workflow_state.current_task_state
            if workflow_state.status != workflow_state.STATUS_IN_PROGRESS or current is None:
                return None
            task = current.task.specific
            if current.status != current.STATUS_IN_PROGRESS or not isinstance(task, BoardTask):
                return None
            if not task.acts_on(workflow_state.content_object, user):
                return None
            current.specific.approve(user=user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return task_states_for_units(self, user)

    @classmethod
    def get_description(cls):
        return _("Thành viên Ban Biên tập của chính trang có bài duyệt bước này.")

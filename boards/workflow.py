"""The one board workflow every site's pages go through, set up by provisioning."""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .models import BoardTask

# The admin's buttons read "Gửi Ban Biên tập duyệt" with this name.
WORKFLOW_NAME = "Ban Biên tập"


def ensure_board_workflow(root_page):
    """One workflow, two tasks, assigned once at the tree root: every site's pages go through their own board.

    Idempotent; an operator may change the workflow in the admin (say, add a step for the city) and a re-run
    leaves it as it is.
    """
    tasks = [
        BoardTask.objects.filter(role=role).first() or BoardTask.objects.create(role=role, name=str(role.label))
        for role in BoardTask.Role
    ]
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.get_or_create(page=root_page, defaults={"workflow": workflow})

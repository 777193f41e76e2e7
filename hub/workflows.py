"""The moderation workflow on the content tree: a partner submits, a reviewer approves.

``ensure_review_workflow()`` (run by ``setup_site`` and ``manage.py setup_workflows``)
is idempotent: it creates or repairs one "Review" workflow with one group-approval task
and assigns it to the home page of every locale, so that every page below them goes
through review before it is published. Who reviews is a group: Wagtail's "Moderators"
by default; the roles set-up may add its own groups to the task.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Review"
TASK_NAME = "Review by a reviewer"
DEFAULT_REVIEWER_GROUP = "Moderators"


def home_pages():
    """The root page of each language tree (the children of Wagtail's root)."""
    return Page.get_first_root_node().get_children()


@transaction.atomic
def ensure_review_workflow(reviewer_groups=None) -> Workflow:
    if reviewer_groups is None:
        group, _created = Group.objects.get_or_create(name=DEFAULT_REVIEWER_GROUP)
        reviewer_groups = [group]
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(*reviewer_groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for home in home_pages():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow

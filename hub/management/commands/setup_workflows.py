from django.core.management.base import BaseCommand

from hub.workflows import ensure_review_workflow


class Command(BaseCommand):
    help = (
        "Create (or repair) the 'Review' moderation workflow and assign it to the home "
        "page of every language. Safe to run again."
    )

    def handle(self, *args, **options):
        workflow = ensure_review_workflow()
        pages = workflow.workflow_pages.count()
        self.stdout.write(f"Workflow '{workflow.name}' assigned to {pages} home page(s).")

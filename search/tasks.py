"""Background tasks of the search app (django-tasks, as Wagtail's own indexing tasks)."""

from django_tasks import task

from . import analytics


@task()
def flush_search_analytics_task() -> int:
    """Write the buffered search analytics to the database (see ``search.analytics``)."""
    return analytics.flush()

"""The exports' file names (``export.csv``..., ``markers.json``) under any case-study index.

Wagtail's page URLs end with a slash and hold no dot, so Wagtail's catch-all never sees
``/en/case-studies/export.csv``. This pattern hands such a URL to Wagtail's own page
serving (privacy checks and hooks included), which routes it to the index page's
``export.<format>/`` sub-route (casestudies.routes).
"""

from django.urls import re_path
from wagtail import views as wagtail_views

EXPORT_PATTERN = r"^(?P<path>(?:[\w\-]+/)*)(?P<name>export\.(?:csv|json|geojson)|markers\.json)$"


def export(request, path, name):
    return wagtail_views.serve(request, f"{path}{name}/")


urlpatterns = [re_path(EXPORT_PATTERN, export, name="casestudies_export")]

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico; the icon is an SVG among the static files."""
    return HttpResponsePermanentRedirect(static("hub/img/favicon.svg"))

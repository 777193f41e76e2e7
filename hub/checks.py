"""System checks of the hub core (run by `manage.py check`, so by `make test`)."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def glossary_is_valid(app_configs, **kwargs):
    """hub/glossary.yaml must load: machine translation depends on it."""
    from hub.translation.machine import load_glossary

    try:
        load_glossary()
    except ImproperlyConfigured as error:
        return [Error(str(error), hint="Fix hub/glossary.yaml.", id="hub.E001")]
    return []

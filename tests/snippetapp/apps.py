from django.apps import AppConfig


class SnippetAppConfig(AppConfig):
    """A translatable snippet for the tests of the translation workflow (test settings only).

    The workflow is generic over every translatable snippet; this model lets the tests
    exercise it without depending on the content apps' taxonomies.
    """

    name = "tests.snippetapp"
    label = "snippetapp"
    default_auto_field = "django.db.models.BigAutoField"

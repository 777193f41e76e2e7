from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Label(TranslatableMixin, models.Model):
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    code = models.CharField(max_length=20, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("code")]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "label"

    def __str__(self):
        return self.name


register_snippet(Label)

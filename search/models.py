"""Search analytics: how often each query was searched, per day and language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQueryStat(models.Model):
    """One query in one language on one day: filled in batches by ``search.analytics``."""

    date = models.DateField(verbose_name=_("date"))
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, verbose_name=_("language")
    )
    query = models.CharField(max_length=100, verbose_name=_("query"))
    searches = models.PositiveIntegerField(default=0, verbose_name=_("searches"))
    zero_result_searches = models.PositiveIntegerField(
        default=0, verbose_name=_("searches without results")
    )
    last_result_count = models.PositiveIntegerField(default=0, verbose_name=_("last result count"))

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "language", "query"], name="hubsearch_one_stat_per_day"
            )
        ]
        indexes = [models.Index(fields=["language", "date"], name="hubsearch_language_date")]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.date})"

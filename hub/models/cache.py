from django.db import models


class PageCacheGeneration(models.Model):
    """The page cache's current generation, shared by every process through the database.

    Used when the cache itself is local to each process (the embedded default): a publish
    handled by one gunicorn worker changes this row, and every other worker sees the new
    token at its next request, so none of them serves a page rendered before the change.
    With a shared cache (Redis) the token lives in the cache and this table stays empty.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return self.token

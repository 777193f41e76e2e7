"""The translation workflow shared by every app (wagtail-localize, roles, coverage).

Code that creates content outside the admin (management commands, loaders, tests) calls
these helpers so that new content gets the same treatment as content created by hand:

- ``sync_page(page)``: the page's not-yet-translated aliases in every locale synchronised
  from its locale (the admin does this through wagtail-localize's ``after_create_page``
  hook);
- ``sync_snippet(instance)``: a translatable snippet's copies in those locales, tracked by
  wagtail-localize so that partners translate them in the segment editor (the admin does
  this through ``after_create_snippet``, see ``hub/translation/hooks.py``);
- ``sync_all()``: both, for everything, after a bulk import. Idempotent.

Page types declare their fields with ``PAGE_TRANSLATABLE_FIELDS`` plus their own.
"""

from .fields import PAGE_TRANSLATABLE_FIELDS
from .sync import sync_all, sync_page, sync_snippet, translatable_snippet_models

__all__ = [
    "PAGE_TRANSLATABLE_FIELDS",
    "sync_all",
    "sync_page",
    "sync_snippet",
    "translatable_snippet_models",
]

"""Wagtail hooks of the hub core."""

from hub.translation import hooks as translation_hooks  # noqa: F401  (registers them)

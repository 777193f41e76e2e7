"""Wagtail hooks of the translation workflow (see docs/translation.md).

Imported by ``hub/wagtail_hooks.py``. The guards run before wagtail-localize's own hooks
(``order=-100``): its ``before_edit_snippet`` answers with the translation editor, so
the locale check must come first.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.models import Translation

from hub.translation import localize_views, sync_snippet
from hub.translation.admin_views import TranslationCoveragePanel
from hub.translation.admin_views import urlpatterns as translation_urls
from hub.translation.permissions import (
    locale_scope,
    user_can_review,
    user_works_on_translations,
)
from hub.translation.review import REVIEWED_ACTION, has_unreviewed_machine_translation


@hooks.register("register_admin_urls", order=-100)
def register_translation_urls():
    # Registered before wagtail-localize's own URLs: the same paths under localize/ reach
    # the hub's scoped, hardened views (hub/translation/localize_views.py).
    return [
        path(
            "localize/",
            include((localize_views.urlpatterns(), "hub_localize"), namespace="hub_localize"),
        ),
        path(
            "translation/",
            include((translation_urls(), "hub_translation"), namespace="hub_translation"),
        ),
    ]


class TranslationCoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return user_works_on_translations(request.user)


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return TranslationCoverageMenuItem(
        _("Translation coverage"),
        reverse("hub_translation:coverage"),
        icon_name="site",
        order=8900,
    )


@hooks.register("construct_homepage_panels")
def add_coverage_panel(request, panels):
    if user_works_on_translations(request.user):
        panels.append(TranslationCoveragePanel())


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(
        REVIEWED_ACTION, _("Review machine translation"), _("Machine translation reviewed")
    )


@hooks.register("register_page_header_buttons")
def review_button(page, user, view_name=None, next_url=None):
    """On a translated page with machine strings nobody reviewed: a way to review them."""
    if page.alias_of_id is not None or page.depth < 2:
        return
    if not has_unreviewed_machine_translation(page):
        return
    found = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if found is None or not user_can_review(user, page):
        return
    yield Button(
        _("Review machine translation"),
        reverse("hub_translation:review", args=[found.pk]),
        icon_name="check",
        priority=70,
    )


# Translatable snippets: same treatment as pages ----------------------------------------


@hooks.register("after_create_snippet")
def sync_new_snippet(request, instance):
    """A snippet created in a source locale gets its copies in the synchronised locales."""
    if isinstance(instance, TranslatableMixin):
        sync_snippet(instance, user=request.user)


def _refuse_outside_scope(user, locale_id):
    if not locale_scope(user).allows(locale_id):
        raise PermissionDenied


@hooks.register("before_edit_snippet", order=-100)
def guard_snippet_edit(request, instance):
    if isinstance(instance, TranslatableMixin):
        _refuse_outside_scope(request.user, instance.locale_id)


@hooks.register("before_delete_snippet", order=-100)
def guard_snippet_delete(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin):
            _refuse_outside_scope(request.user, instance.locale_id)


@hooks.register("before_create_snippet", order=-100)
def guard_snippet_create(request, model):
    if issubclass(model, TranslatableMixin) and locale_scope(request.user).restricted:
        code = request.GET.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        _refuse_outside_scope(request.user, (locale or Locale.get_default()).pk)


# Visitors ------------------------------------------------------------------------------


@hooks.register("before_serve_page", order=-100)
def redirect_to_translation(page, request, serve_args, serve_kwargs):
    """A page found in another language's tree (``LocaleFallbackRoutingMixin``) that has a
    version in the visitor's language after all (under another slug): go there."""
    if not getattr(page, "served_from_other_locale", False):
        return None
    active = Locale.objects.filter(language_code=translation.get_language()).first()
    version = page.get_translation_or_none(active) if active else None
    if version is not None and version.live and version.pk != page.pk:
        return redirect(version.get_url(request))
    return None

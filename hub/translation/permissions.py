"""Who may translate what, derived from one place: page permissions.

Wagtail restricts pages by tree; snippets only by model. The hub derives a *locale
scope* from page permissions so the same rule covers snippets and wagtail-localize's
translation views:

- a superuser, or a member of a group with ``change`` permission on the root page
  (Editors, Reviewers), works in every locale;
- a member of a group with ``change`` permission on a locale's home page (a translators'
  group) works in those locales only: the snippets, PO files and machine drafts of
  other locales are refused;
- anyone else has no locale restriction on snippets (their model permissions decide) and
  cannot start translations without wagtail-localize's ``submit_translation``.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import GroupPagePermission, Locale, Page, TranslatableMixin
from wagtail.snippets.permissions import user_can_edit_snippet_type

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


@dataclass(frozen=True)
class LocaleScope:
    """The locales a user may work in; ``restricted`` is False for every locale."""

    restricted: bool
    locale_ids: frozenset[int]

    def allows(self, locale_id: int) -> bool:
        return not self.restricted or locale_id in self.locale_ids

    @property
    def all_locales(self) -> bool:
        return not self.restricted


UNRESTRICTED = LocaleScope(restricted=False, locale_ids=frozenset())


def locale_scope(user) -> LocaleScope:
    """The user's locale scope (one query, cached on the user object)."""
    cached = getattr(user, "_hub_locale_scope", None)
    if cached is not None:
        return cached
    scope = UNRESTRICTED
    if user.is_active and not user.is_superuser:
        grants = GroupPagePermission.objects.filter(
            group__user=user, permission__codename="change_page"
        ).values_list("page__depth", "page__locale_id")
        depths = {depth for depth, _locale in grants}
        if 1 not in depths:
            homes = frozenset(locale_id for depth, locale_id in grants if depth == 2)
            if homes:
                scope = LocaleScope(restricted=True, locale_ids=homes)
    user._hub_locale_scope = scope
    return scope


def user_works_on_translations(user) -> bool:
    """Whether the translation menus and panels concern this user."""
    if not user.is_active:
        return False
    if user.is_superuser or user.has_perm(SUBMIT_TRANSLATION):
        return True
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page"
    ).exists()


def user_can_work_in_locale(user, locale_id: int) -> bool:
    return locale_scope(user).allows(locale_id)


def user_can_edit_translation_of(user, instance) -> bool:
    """Whether ``user`` may edit this translated page or snippet (its locale included)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    if isinstance(instance, TranslatableMixin) and not user_can_work_in_locale(
        user, instance.locale_id
    ):
        return False
    return user_can_edit_snippet_type(user, type(instance))


def user_can_review(user, instance) -> bool:
    """Marking a machine draft reviewed takes the right to publish it in its locale."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user_can_edit_translation_of(user, instance)


def locales_user_can_translate_into(user, instance) -> list[Locale]:
    """The locales this user may start a translation of ``instance`` into.

    With ``submit_translation`` (Editors): every other locale. Otherwise, for a page: the
    locales where the user can edit its not-yet-translated alias, or add a page under its
    parent's translation; for a snippet: the user's own locales, given model permission.
    """
    others = Locale.objects.exclude(pk=instance.locale_id).order_by("pk")
    if user.has_perm(SUBMIT_TRANSLATION):
        return list(others)
    allowed = []
    if isinstance(instance, Page):
        parent = instance.get_parent()
        for locale in others:
            target = instance.get_translation_or_none(locale)
            if target is not None:
                if target.alias_of_id is not None and target.permissions_for_user(user).can_edit():
                    allowed.append(locale)
                continue
            parent_there = parent.get_translation_or_none(locale) if parent.depth > 1 else None
            if (
                parent_there is not None
                and parent_there.permissions_for_user(user).can_add_subpage()
            ):
                allowed.append(locale)
        return allowed
    scope = locale_scope(user)
    if not scope.restricted:
        return []
    model = type(instance)
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
        return []
    return [locale for locale in others if locale.pk in scope.locale_ids]

"""The hub's roles: Editors, Reviewers and one translators' group per non-English locale.

``setup_roles()`` (``manage.py setup_roles``, run by ``make run``) creates the groups and
sets their permissions to exactly what is listed here, so running it again repairs a
group that was changed by hand. Memberships are never touched. Other groups can be made
in the admin for other needs. Wagtail's own "Moderators" group (from its initial
migration) is left as it is; Wagtail's "Editors" group becomes the hub's.

- Editors: pages of every locale (add, change, publish, lock, unlock, delete); start
  translations (``submit_translation``); every snippet (add, change, delete, publish);
  images and documents of every collection (add, change, delete, choose); redirects.
- Reviewers: pages of every locale (change, publish, lock, unlock), so they review and
  approve machine drafts; translatable snippets (change, publish); choose any image or
  document.
- Translators (Français), (Italiano), ...: their locale's page tree only (add, change,
  publish, lock); translatable snippets of their locale (add, change, publish; other
  locales are refused by ``hub.translation.permissions``); choose any image or document,
  and upload, change and delete in their locale's own collection (created here, named
  after the language), where localised files such as a French PDF of a tool go.

Translators get no ``submit_translation`` (which could start translations into any
locale): they start translations into their own locale from the page's
"Translate this page" button, which the hub scopes (``hub.translation.permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    LockableMixin,
    Page,
)
from wagtail.snippets.models import get_snippet_models

from hub.translation import translatable_snippet_models

EDITORS = "Editors"
REVIEWERS = "Reviewers"

EDITOR_PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock", "bulk_delete"]
REVIEWER_PAGE_ACTIONS = ["change", "publish", "lock", "unlock"]
TRANSLATOR_PAGE_ACTIONS = ["add", "change", "publish", "lock"]

MEDIA_APPS = {"image": "wagtailimages", "document": "wagtaildocs"}


def translators_group_name(language_code: str) -> str:
    name = dict(settings.LANGUAGES).get(language_code, language_code)
    return f"Translators ({name})"


@dataclass
class RoleSpec:
    """Everything one group should have, to be applied exactly."""

    name: str
    permissions: set[Permission] = field(default_factory=set)
    page_permissions: set[tuple[int, int]] = field(default_factory=set)  # (page, permission)
    collection_permissions: set[tuple[int, int]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _page_permission(action: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=f"{action}_page"
    )


def _model_permissions(model, actions) -> set[Permission]:
    name = model._meta.model_name
    wanted = {f"{action}_{name}" for action in actions}
    if "change" in actions and issubclass(model, DraftStateMixin):
        wanted.add(f"publish_{name}")
    if "change" in actions and issubclass(model, LockableMixin):
        wanted |= {f"lock_{name}", f"unlock_{name}"}
    return set(
        Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            codename__in=wanted,
        )
    )


def _media_permissions(actions) -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for model, app in MEDIA_APPS.items()
        for action in actions
    ]


def _access_admin() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _locale_collection(group: Group | None, locale: Locale, root: Collection) -> Collection:
    """The collection this translators' group uploads into, created once.

    Found again through the group's own collection permission, never by name, so an
    administrator may rename it.
    """
    if group is not None:
        existing = (
            GroupCollectionPermission.objects.filter(
                group=group, permission__codename="add_image", collection__depth__gt=1
            )
            .select_related("collection")
            .first()
        )
        if existing is not None:
            return existing.collection
    return root.add_child(name=dict(settings.LANGUAGES).get(locale.language_code, locale))


def role_specs() -> list[RoleSpec]:
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    access = _access_admin()
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )

    editors = RoleSpec(EDITORS, permissions={access, submit})
    for model in get_snippet_models():
        editors.permissions |= _model_permissions(model, ["add", "change", "delete"])
    redirects = Permission.objects.filter(content_type__app_label="wagtailredirects")
    editors.permissions |= set(redirects)
    editors.page_permissions = {
        (root_page.pk, _page_permission(action).pk) for action in EDITOR_PAGE_ACTIONS
    }
    editors.collection_permissions = {
        (root_collection.pk, perm.pk)
        for perm in _media_permissions(["add", "change", "delete", "choose"])
    }

    reviewers = RoleSpec(REVIEWERS, permissions={access})
    for model in translatable_snippet_models():
        reviewers.permissions |= _model_permissions(model, ["change"])
    reviewers.page_permissions = {
        (root_page.pk, _page_permission(action).pk) for action in REVIEWER_PAGE_ACTIONS
    }
    reviewers.collection_permissions = {
        (root_collection.pk, perm.pk) for perm in _media_permissions(["choose"])
    }

    specs = [editors, reviewers]
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk"):
        name = translators_group_name(locale.language_code)
        spec = RoleSpec(name, permissions={access})
        for model in translatable_snippet_models():
            spec.permissions |= _model_permissions(model, ["add", "change"])
        homes = list(Page.objects.filter(depth=2, locale=locale).values_list("pk", flat=True))
        if not homes:
            spec.notes.append(
                f"no {locale.language_code} home page yet (run setup_site): no page rights"
            )
        spec.page_permissions = {
            (home, _page_permission(action).pk)
            for home in homes
            for action in TRANSLATOR_PAGE_ACTIONS
        }
        collection = _locale_collection(
            Group.objects.filter(name=name).first(), locale, root_collection
        )
        spec.collection_permissions = {
            (root_collection.pk, perm.pk) for perm in _media_permissions(["choose"])
        } | {
            (collection.pk, perm.pk)
            for perm in _media_permissions(["add", "change", "delete", "choose"])
        }
        specs.append(spec)
    return specs


def _apply(spec: RoleSpec) -> tuple[Group, str]:
    """Give the group exactly ``spec``; returns it and "created", "updated" or "up to date"."""
    group, created = Group.objects.get_or_create(name=spec.name)
    changed = set(group.permissions.all()) != spec.permissions
    group.permissions.set(spec.permissions)

    current = set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id")
    )
    changed |= current != spec.page_permissions
    for page_id, permission_id in current - spec.page_permissions:
        GroupPagePermission.objects.filter(
            group=group, page_id=page_id, permission_id=permission_id
        ).delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
        for page_id, permission_id in spec.page_permissions - current
    )

    current = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", "permission_id"
        )
    )
    changed |= current != spec.collection_permissions
    for collection_id, permission_id in current - spec.collection_permissions:
        GroupCollectionPermission.objects.filter(
            group=group, collection_id=collection_id, permission_id=permission_id
        ).delete()
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(
            group=group, collection_id=collection_id, permission_id=permission_id
        )
        for collection_id, permission_id in spec.collection_permissions - current
    )
    return group, "created" if created else "updated" if changed else "up to date"


@transaction.atomic
def setup_roles() -> list[tuple[Group, str, list[str]]]:
    """Create or repair every role; returns (group, what was done, notes) for each."""
    return [(*_apply(spec), spec.notes) for spec in role_specs()]

"""wagtail-localize's translation views, scoped to the user's locales and hardened.

``hub/translation/hooks.py`` registers these at the same admin URLs as wagtail-localize's
own, ahead of them, so every link wagtail-localize renders (``wagtail_localize:...``)
reaches these views. What they add:

- locale scope: a translators' group member cannot start, edit, preview, download,
  upload or machine-translate a translation outside their locales (pages were already
  protected by page permissions; snippets were not);
- starting a translation ("Translate this page") without ``submit_translation``: into
  the user's own locales only;
- PO files: a header that gettext tools accept (language, team, revision date), and an
  upload that answers every bad file with a message instead of an error page, ignores
  fuzzy and obsolete entries, and says how many strings it imported;
- machine translation: a translator's failure (DeepL unreachable, quota) becomes a
  message and changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import wraps

import polib
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationView,
    TranslationComponentManager,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .machine import MachineTranslationError
from .permissions import (
    SUBMIT_TRANSLATION,
    locales_user_can_translate_into,
    user_can_edit_translation_of,
)

PO_MAX_BYTES = 5 * 1024 * 1024
PO_TOOL_NAME = "PO File"


def _target(translation: Translation):
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error


def guarded(view):
    """Refuse the view unless the user may edit the translation's target (its locale too)."""

    @wraps(view)
    def wrapper(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, pk=translation_id)
        if not user_can_edit_translation_of(request.user, _target(translation)):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return wrapper


def _next_url(request, translation: Translation) -> str:
    next_url = get_valid_next_url_from_request(request)
    if next_url:
        return next_url
    with contextlib.suppress(ObjectDoesNotExist):
        return translation.get_target_instance_edit_url()
    return reverse("wagtailadmin_home")


# PO files ------------------------------------------------------------------------------


def _header_value(text: str) -> str:
    return " ".join(str(text).split())


@guarded
def download_pofile(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    po = translation.export_po()
    user = request.user
    translator = _header_value(user.get_full_name() or user.get_username())
    if user.email:
        translator = f"{translator} <{_header_value(user.email)}>"
    language = translation.target_locale.language_code
    po.metadata = {
        "Project-Id-Version": _header_value(f"CoWorkMed Hub: {translation.source.object_repr}"),
        "POT-Creation-Date": po.metadata["POT-Creation-Date"],
        "PO-Revision-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": translator,
        "Language-Team": _header_value(translation.target_locale.get_display_name()),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-WagtailLocalize-TranslationID": str(translation.uuid),
    }
    response = HttpResponse(str(po), content_type="text/x-gettext-translation; charset=utf-8")
    filename = f"{slugify(translation.source.object_repr) or 'translation'}-{language}.po"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _read_pofile(content: bytes) -> polib.POFile:
    """Parse uploaded bytes as a PO file (never as a path: polib accepts both)."""
    content.decode("utf-8")  # PO files from the hub are UTF-8; anything else is refused
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(content)
    try:
        return polib.pofile(handle.name, encoding="utf-8")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)


@require_POST
@guarded
def upload_pofile(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id)
    next_url = _next_url(request, translation)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a PO file to upload."))
        return redirect(next_url)
    if upload.size > PO_MAX_BYTES:
        messages.error(request, _("This file is too large to be a PO file of one page."))
        return redirect(next_url)
    try:
        po = _read_pofile(upload.read())
    except (OSError, ValueError, UnicodeDecodeError):
        messages.error(
            request,
            _("This file is not a valid PO file. Upload the file you downloaded, saved as UTF-8."),
        )
        return redirect(next_url)

    translation_uuid = po.metadata.get("X-WagtailLocalize-TranslationID")
    if not translation_uuid:
        messages.error(
            request,
            _(
                "This PO file was not downloaded from this translation: its header has "
                "no translation identifier."
            ),
        )
        return redirect(next_url)
    if translation_uuid != str(translation.uuid):
        messages.error(
            request, _("This PO file belongs to another translation. Nothing was imported.")
        )
        return redirect(next_url)

    usable = polib.POFile()
    usable.metadata = po.metadata
    skipped_fuzzy = 0
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            skipped_fuzzy += 1
            continue
        usable.append(entry)
    problems = translation.import_po(usable, user=request.user, tool_name=PO_TOOL_NAME)
    ignored = {problem.index for problem in problems}
    imported = sum(1 for index, entry in enumerate(usable) if entry.msgstr and index not in ignored)
    problems = [problem for problem in problems if usable[problem.index].msgstr]
    messages.success(
        request,
        ngettext(
            "%(count)d translation imported from the PO file.",
            "%(count)d translations imported from the PO file.",
            imported,
        )
        % {"count": imported},
    )
    if problems:
        messages.warning(
            request,
            ngettext(
                "%(count)d entry was ignored: it no longer matches the source, which may "
                "have changed since the file was downloaded.",
                "%(count)d entries were ignored: they no longer match the source, which may "
                "have changed since the file was downloaded.",
                len(problems),
            )
            % {"count": len(problems)},
        )
    if skipped_fuzzy:
        messages.warning(
            request,
            ngettext(
                "%(count)d entry marked fuzzy (needs work) was not imported.",
                "%(count)d entries marked fuzzy (need work) were not imported.",
                skipped_fuzzy,
            )
            % {"count": skipped_fuzzy},
        )
    return redirect(next_url)


# Machine translation -------------------------------------------------------------------


@require_POST
@guarded
def machine_translate(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id)
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    try:
        translated = apply_machine_translation(translation_id, request.user, translator)
    except MachineTranslationError as error:
        messages.error(request, str(error))
    else:
        if translated:
            messages.success(
                request,
                _(
                    "Translated with %(translator)s. This is a draft: check it, then publish. "
                    "Visitors see a notice until a reviewer marks it reviewed."
                )
                % {"translator": translator.display_name},
            )
        else:
            messages.warning(request, _("There is nothing left to translate."))
    return redirect(_next_url(request, translation))


class SafeUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages": a failing machine translator rolls everything back."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except MachineTranslationError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.get_full_path())


# Starting a translation ----------------------------------------------------------------


class ScopedSubmitMixin:
    """Without ``submit_translation``: start translations into the user's own locales only."""

    allowed_locales = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(SUBMIT_TRANSLATION):
            return super().dispatch(request, *args, **kwargs)
        self.object = self.get_object()
        self.allowed_locales = locales_user_can_translate_into(request.user, self.object)
        if not self.allowed_locales:
            raise PermissionDenied
        if request.method == "POST":
            requested = set(request.POST.getlist("locales"))
            if not requested <= {str(locale.pk) for locale in self.allowed_locales}:
                raise PermissionDenied
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        # Skip wagtail-localize's blanket submit_translation check, done above per locale.
        return super(SubmitTranslationView, self).dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if self.allowed_locales is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(pk__in=[loc.pk for loc in self.allowed_locales])
        return form


class ScopedSubmitPageTranslationView(ScopedSubmitMixin, SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        if not isinstance(page, Page):
            raise Http404
        return page


class ScopedSubmitSnippetTranslationView(ScopedSubmitMixin, SubmitSnippetTranslationView):
    pass


def urlpatterns():
    """The same paths as wagtail-localize's, under admin/localize/ (registered first)."""
    return [
        path(
            "submit/page/<int:page_id>/",
            ScopedSubmitPageTranslationView.as_view(),
            name="submit_page_translation",
        ),
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            ScopedSubmitSnippetTranslationView.as_view(),
            name="submit_snippet_translation",
        ),
        path(
            "update/<int:translation_source_id>/",
            SafeUpdateTranslationsView.as_view(),
            name="update_translations",
        ),
        path(
            "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            guarded(edit_translation.edit_string_translation),
            name="edit_string_translation",
        ),
        path(
            "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            guarded(edit_translation.edit_override),
            name="edit_override",
        ),
        path(
            "translate/<int:translation_id>/pofile/download/",
            download_pofile,
            name="download_pofile",
        ),
        path(
            "translate/<int:translation_id>/pofile/upload/",
            upload_pofile,
            name="upload_pofile",
        ),
        path(
            "translate/<int:translation_id>/machine_translate/",
            machine_translate,
            name="machine_translate",
        ),
        path(
            "translate/<int:translation_id>/preview/",
            guarded(edit_translation.preview_translation),
            name="preview_translation",
        ),
        path(
            "translate/<int:translation_id>/preview/<str:mode>/",
            guarded(edit_translation.preview_translation),
            name="preview_translation",
        ),
        path(
            "translate/<int:translation_id>/disable/",
            guarded(edit_translation.stop_translation),
            name="stop_translation",
        ),
    ]

"""What the case-study templates, exports and comparisons read from a page (no queries
beyond the page's own relations)."""

import math
import re

from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .choices import LICENCE_URLS

WORDS_PER_MINUTE = 200

# The story's sections, in their fixed reading order, with the heading visitors see.
STORY_SECTIONS = (
    ("context", _("Context")),
    ("challenge", _("The challenge")),
    ("approach", _("The approach")),
    ("results", _("Results")),
    ("lessons", _("Lessons learned")),
    ("transfer", _("Conditions for transfer")),
)


class CaseStudyPresentationMixin:
    @property
    def key_figures(self) -> list:
        """The typed key figures of the results (alone or in a row), in reading order."""
        figures = []
        for block in self.results:
            if block.block_type == "key_figure":
                figures.append(block.value)
            elif block.block_type == "figure_row":
                figures.extend(block.value["figures"])
        return figures

    @property
    def story_sections(self) -> list[dict]:
        """The non-empty story sections: anchor, heading and blocks.

        The results' single key figures are set apart (``figures``) so that they are shown
        together at the top of the section; the other blocks keep their order.
        """
        sections = []
        for name, heading in STORY_SECTIONS:
            stream = getattr(self, name)
            if not stream:
                continue
            figures = [block for block in stream if block.block_type == "key_figure"]
            blocks = [block for block in stream if block.block_type != "key_figure"]
            sections.append({"id": name, "heading": heading, "figures": figures, "blocks": blocks})
        return sections

    @cached_property
    def reading_time(self) -> int:
        """Minutes needed to read the summary and the story, at 200 words a minute."""
        texts = [self.summary]
        for name, _heading in STORY_SECTIONS:
            field = self._meta.get_field(name)
            texts.extend(field.stream_block.get_searchable_content(getattr(self, name)))
        words = sum(len(re.findall(r"\w+", str(text))) for text in texts)
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def map_point(self) -> dict:
        """The value the map-point block template expects."""
        return {"label": self.title, "latitude": self.latitude, "longitude": self.longitude}

    @property
    def hero_alt(self) -> str:
        if self.hero_image_alt.strip():
            return self.hero_image_alt.strip()
        return self.hero_image.default_alt_text if self.hero_image else ""

    @property
    def public_contacts(self) -> list:
        """Contacts who agreed to be shown (the only ones a visitor ever sees).

        Saved ones through raw(): read on every view of the page, where building the ORM
        query cost several times what the database took to answer it.
        """
        if self._edited_in_memory("contacts"):
            contacts = self.contacts.all()
        else:
            model = self.contacts.model
            quote = connection.ops.quote_name
            contacts = model.objects.raw(
                f"SELECT * FROM {quote(model._meta.db_table)} "  # noqa: S608 (names)
                f"WHERE {quote(model._meta.get_field('page').column)} = %s "
                f"ORDER BY sort_order",
                [self.pk],
            )
        return [contact for contact in contacts if contact.consent]

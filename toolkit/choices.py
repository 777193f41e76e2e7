"""The toolkit's fixed vocabularies, defined once and shared by guides, tools and filters.

Stored values are stable identifiers (synchronised across languages); labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The five stages of building a transnational network of third places, in order."""

    MAPPING = "mapping", _("Mapping the spaces")
    CONVENING = "convening", _("Convening the network")
    CHARTER = "charter", _("A common charter")
    PLATFORM = "platform", _("A shared platform")
    EVALUATION = "evaluation", _("Evaluation")


# Position of each stage in the sequence, for ordering listings.
STAGE_ORDER = {value: position for position, value in enumerate(Stage.values)}


class Audience(models.TextChoices):
    SPACE_MANAGERS = "space_managers", _("Space managers")
    PUBLIC_AUTHORITIES = "public_authorities", _("Public authorities")
    COMPANIES = "companies", _("Companies")
    COWORKERS = "coworkers", _("Coworkers")
    RESEARCHERS = "researchers", _("Researchers")
    NETWORK_ORGANISERS = "network_organisers", _("Network organisers")


class TimeNeeded(models.TextChoices):
    """How long it takes to use a tool, from a quick exercise to a long process."""

    HOUR = "hour", _("About an hour")
    HALF_DAY = "half_day", _("Half a day")
    DAY = "day", _("One day")
    DAYS = "days", _("A few days")
    WEEKS = "weeks", _("A few weeks")
    MONTHS = "months", _("Several months")

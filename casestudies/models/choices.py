"""Fixed lists of values shared by the case-study models (stable codes, translated labels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BusinessModel(models.TextChoices):
    RENTAL = "rental", _("Desk and room rental")
    MEMBERSHIP = "membership", _("Memberships and subscriptions")
    SERVICES = "services", _("Services, training and events")
    PUBLIC_FUNDING = "public_funding", _("Mainly public funding")
    MIXED = "mixed", _("Mixed revenue (rental, services, grants)")
    VOLUNTEER = "volunteer", _("Volunteer-run, little or no revenue")


class Governance(models.TextChoices):
    PUBLIC = "public", _("Run by a public authority")
    ASSOCIATION = "association", _("Association or non-profit")
    COOPERATIVE = "cooperative", _("Cooperative")
    PRIVATE = "private", _("Private company")
    PUBLIC_PRIVATE = "public_private", _("Public-private partnership")
    COMMUNITY = "community", _("Informal community")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")


# The licence deed each code links to.
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class RelationType(models.TextChoices):
    INSPIRED_BY = "inspired_by", _("Inspired by")
    ADAPTED_BY = "adapted_by", _("Adapted by")
    SIMILAR = "similar", _("Similar to")

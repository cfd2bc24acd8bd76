"""The four roles of DESIGN.md and how a user is found to hold one.

A role is a group (programme staff, partner delegates, donor viewers) or the superuser flag (administrator). A
delegate's administration and a donor viewer's donor come from `acip.models.Profile`. The answer is worked out once
per user object and kept on it: two queries (the user's groups, then the profile; none for a superuser) the first
time, none after that, however often a page asks.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from acip.models import Profile, Tier


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    STAFF = "staff"
    DELEGATE = "delegate"
    DONOR = "donor"
    #: No account holds it: every donor at once, who reads what the programme publishes (`acip.access.EVERY_DONOR`).
    EVERY_DONOR = "every_donor"
    NONE = "none"


GROUP_STAFF = "Programme staff"
GROUP_DELEGATES = "Partner delegates"
GROUP_DONORS = "Donor viewers"

ROLE_LABELS = {
    Role.ADMINISTRATOR: _("Administrator"),
    Role.STAFF: _("Programme staff"),
    Role.DELEGATE: _("Partner delegate"),
    Role.DONOR: _("Donor viewer"),
    Role.EVERY_DONOR: _("Every donor"),
    Role.NONE: _("No role"),
}


@dataclass(frozen=True)
class Membership:
    role: Role
    partner_id: int | None = None
    donor_id: int | None = None

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.ADMINISTRATOR, Role.STAFF)

    @property
    def reads_personal_data(self) -> bool:
        """Whether this role reads a contact's e-mail, phone and the like: staff, and the administration's own
        delegates. A donor viewer reads a contact's name and position only."""
        return self.sees_everything or self.role == Role.DELEGATE

    @property
    def readable_tiers(self) -> tuple[str, ...]:
        """The confidentiality tiers whose text this role may read. `Tier` runs from the narrowest audience to the
        widest, and a role that may read a tier may read every tier after it: staff read all three, a delegate
        PARTNER and DONORS, a donor viewer (and every donor at once) DONORS."""
        if self.sees_everything:
            return tuple(Tier.values)
        if self.role == Role.DELEGATE:
            return (Tier.PARTNER, Tier.DONORS)
        if self.role in (Role.DONOR, Role.EVERY_DONOR):
            return (Tier.DONORS,)
        return ()


NOBODY = Membership(Role.NONE)


def membership_of(user) -> Membership:
    """The user's role, with the administration or donor it applies to (two queries, then cached on the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, "_acip_membership", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        membership = Membership(Role.ADMINISTRATOR)
    else:
        groups = set(user.groups.values_list("name", flat=True))
        profile = Profile.objects.filter(user=user).values("partner_id", "donor_id").first() or {}
        if GROUP_STAFF in groups:
            membership = Membership(Role.STAFF)
        elif GROUP_DELEGATES in groups and profile.get("partner_id"):
            membership = Membership(Role.DELEGATE, partner_id=profile["partner_id"])
        elif GROUP_DONORS in groups and profile.get("donor_id"):
            membership = Membership(Role.DONOR, donor_id=profile["donor_id"])
        else:
            membership = NOBODY
    user._acip_membership = membership
    return membership

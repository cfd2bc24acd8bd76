"""The one access layer: which rows a user may see, decided here and nowhere else.

Every model that hangs off a partner administration gets its manager from `ScopedQuerySet`, which knows the lookup
from the model to its administration (`partner_path`) and, for records shared as a whole or not at all, the tier
field. Views never filter by role or tier themselves: they call `Model.objects.visible_to(user)` for lists and the
`get_<model>_for_user()` helpers of each app's access.py for single objects.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.http import Http404

from acip.models import Donor, FundingAgreement
from acip.roles import Membership, Role, membership_of


def covered_partner_ids(donor_id: int):
    """A subquery of the administrations that a donor's agreements cover."""
    return FundingAgreement.partners.through.objects.filter(fundingagreement__donor_id=donor_id).values(
        "partneradministration_id"
    )


class ScopedQuerySet(models.QuerySet):
    #: lookup from this model to its PartnerAdministration ("pk" on the administration itself)
    partner_path = "partner"
    #: "row": rows whose tier the user may not read are hidden; "text": rows show, `text_shared` says whether
    #: their free text may be shown; None: the model carries no tier
    tier_scope: str | None = None
    #: lookup from this model to the tier that governs it
    tier_path = "tier"

    def visible_to(self, user):
        membership = membership_of(user)
        qs = self if membership.sees_everything else self.filter(self._partner_q(membership))
        if self.tier_scope == "row" and not membership.sees_everything:
            qs = qs.filter(**{f"{self.tier_path}__in": membership.readable_tiers})
        if self.tier_scope == "text":
            qs = qs.annotate(text_shared=self._tier_readable(membership))
        return qs

    def _partner_q(self, membership: Membership) -> Q:
        if membership.role == Role.DELEGATE:
            return Q(**{self._lookup("id"): membership.partner_id})
        if membership.role == Role.DONOR:
            return Q(**{self._lookup("id__in"): covered_partner_ids(membership.donor_id)})
        return Q(pk__in=[])

    def _lookup(self, suffix: str) -> str:
        return suffix if self.partner_path == "pk" else f"{self.partner_path}__{suffix}"

    def _tier_readable(self, membership: Membership):
        if membership.sees_everything:
            return Value(True, output_field=BooleanField())
        return Case(
            When(**{f"{self.tier_path}__in": membership.readable_tiers}, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )


def donors_visible_to(user):
    """Donors hang off no administration, so `visible_to` does not reach them: staff see every donor, a donor
    viewer their own, anyone else none."""
    membership = membership_of(user)
    if membership.sees_everything:
        return Donor.objects.all()
    if membership.role == Role.DONOR:
        return Donor.objects.filter(pk=membership.donor_id)
    return Donor.objects.none()


def get_visible_or_404(queryset: ScopedQuerySet, user, **lookup):
    """One object the user may see, or 404 whether it is hidden or missing (so ids cannot be probed)."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404 from None


def require_staff(user) -> None:
    """Writes to programme records are for programme staff and administrators."""
    if not membership_of(user).sees_everything:
        raise PermissionDenied


def can_edit(user) -> bool:
    return membership_of(user).sees_everything

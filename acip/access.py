"""The one access layer: which rows a user may see, decided here and nowhere else.

Every model that hangs off a partner administration gets its manager from `ScopedQuerySet`, which knows the lookup
from the model to its administration (`partner_path`) and, for records shared as a whole or not at all, the tier
field. Views never filter by role or tier themselves: they call `Model.objects.visible_to(user)` for lists and the
`get_<model>_for_user()` helpers of each app's access.py for single objects.
"""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Prefetch, Q, Value, When
from django.db.models.query import ModelIterable
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
    #: fields that are a person's own data (an e-mail address, a phone number): read by staff and by the
    #: administration's delegates; a role that may not read them (a donor viewer) gets them blank, never loaded
    personal_fields: tuple[str, ...] = ()

    def visible_to(self, user):
        membership = membership_of(user)
        qs = self if membership.sees_everything else self.filter(self._partner_q(membership))
        if self.tier_scope == "row" and not membership.sees_everything:
            qs = qs.filter(**{f"{self.tier_path}__in": membership.readable_tiers})
        if self.tier_scope == "text":
            qs = qs.annotate(text_shared=self._tier_readable(membership))
        if self.personal_fields and not membership.reads_personal_data:
            qs = qs.defer(*self.personal_fields)
            qs._iterable_class = _without(self.personal_fields)
        return qs

    def with_related_visible_to(self, user, *paths: str):
        """Load the rows that these relations of each row point at, as `user` may see them: a related row that the
        user may not see reads as None, as if the link were empty, on every page and in every export that shows the
        row. (A row shared with the partner may serve an outcome of a staff-only plan, or be linked in the admin to
        another administration's record.)

        A path may go on past its first step (`"side_meeting__meeting"`): the rest is loaded with the first step's
        row, and must be a relation that the user sees whenever they see that row. Staff see every row: for them
        this is `select_related`; anyone else gets one more query per first step, whatever the number of rows."""
        if membership_of(user).sees_everything:
            return self.select_related(*paths)
        rests: dict[str, list[str]] = {}
        for path in paths:
            name, _, rest = path.partition("__")
            rests.setdefault(name, [])
            if rest:
                rests[name].append(rest)
        lookups = []
        for name, deeper in rests.items():
            related = self.model._meta.get_field(name).related_model._default_manager.all()
            if not isinstance(related, ScopedQuerySet):
                raise TypeError(f"{self.model.__name__}.{name} does not lead to a row of the access layer")
            queryset = related.visible_to(user)
            lookups.append(Prefetch(name, queryset=queryset.select_related(*deeper) if deeper else queryset))
        return self.prefetch_related(*lookups)

    def _partner_q(self, membership: Membership) -> Q:
        if membership.role == Role.DELEGATE:
            return Q(**{self._lookup("id"): membership.partner_id})
        if membership.role == Role.DONOR:
            return Q(**{self._lookup("id__in"): covered_partner_ids(membership.donor_id)})
        if membership.role == Role.EVERY_DONOR:
            every_covered = FundingAgreement.partners.through.objects.values("partneradministration_id")
            return Q(**{self._lookup("id__in"): every_covered})
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


@functools.cache
def _without(fields: tuple[str, ...]) -> type[ModelIterable]:
    """An iterable of model instances whose `fields` (deferred, so never read from the database) are blank. Such an
    instance is for reading: only staff write, and they get every field."""

    class WithoutPersonalData(ModelIterable):
        def __iter__(self):
            for obj in super().__iter__():
                for name in fields:
                    setattr(obj, name, "")
                yield obj

    return WithoutPersonalData


def donors_visible_to(user):
    """Donors hang off no administration, so `visible_to` does not reach them: staff see every donor, a donor
    viewer their own, anyone else none. Whatever names a donor (the partner list's Donors column, a country's
    "funded by", their exports) reads its funding agreements through this."""
    membership = membership_of(user)
    if membership.sees_everything:
        return Donor.objects.all()
    if membership.role == Role.DONOR:
        return Donor.objects.filter(pk=membership.donor_id)
    if membership.role == Role.EVERY_DONOR:
        return Donor.objects.all()
    return Donor.objects.none()


class _DonorReader:
    """Who reads as a donor's viewers do, for a document that staff make for that donor (a donor report): the access
    layer gives it only what the donor's own viewers would get, so that staff cannot send out a staff-only text."""

    is_authenticated = True
    is_active = True
    is_superuser = False

    def __init__(self, donor_id: int):
        self._acip_membership = Membership(Role.DONOR, donor_id=donor_id)


def donor_reader(donor: Donor):
    """A reader for `visible_to()` that sees what `donor`'s viewers see, whoever asks."""
    return _DonorReader(donor.pk)


def knows_of_donors(user) -> bool:
    """Whether `donors_visible_to(user)` may hold any donor: a page does not speak of funding to anyone else."""
    membership = membership_of(user)
    return membership.sees_everything or membership.role in (Role.DONOR, Role.EVERY_DONOR)


class Audience:
    """A reader who is no user account, for what is sent or published rather than shown on a page: the access
    layer is asked with it as with a user (`visible_to(audience)`), and `membership_of` reads its membership
    without asking the database."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = None

    def __init__(self, membership: Membership):
        self._acip_membership = membership


#: Every donor at once: what any donor viewer may read, of every administration that some agreement covers, with
#: text shared with donors and nobody's personal data. What the programme publishes (the IATI file) is read as it.
EVERY_DONOR = Audience(Membership(Role.EVERY_DONOR))


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

"""Who may open which donor's page: staff any donor, a donor viewer only their own, anyone else none.

Donors do not hang off a partner, so `visible_to` does not reach them; the rule lives here, once, and answers 404
for a donor the user may not open, the same as for one that does not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from acip.access import donors_visible_to, knows_of_donors
from acip.models import Donor
from acip.roles import Role, membership_of


def get_donor_for_user(user, slug: str) -> Donor:
    return get_object_or_404(donors_visible_to(user), slug=slug)


def home_donor_for_user(user) -> Donor | None:
    """The donor whose page is the user's donor home: a donor viewer's own; None for staff, who choose from the
    list; 404 for a delegate or a user without a role."""
    membership = membership_of(user)
    if membership.sees_everything:
        return None
    if membership.role == Role.DONOR:
        return get_object_or_404(Donor, pk=membership.donor_id)
    raise Http404


def require_results_reader(user) -> None:
    """The programme results page is for staff and donor viewers, the people the programme reports to; anyone else
    gets 404, as for a page that does not exist."""
    if not knows_of_donors(user):
        raise Http404

"""What an empty section says, by who reads it: the access layer may have emptied it (issue 20).

A section of tiered rows (commitments, notes, plans, indicators, assessments, activities) that shows nothing to a
donor viewer or a delegate may be empty because nothing is shared with them, not because nothing exists. Telling
them "No open commitment" would be false; telling them how many are hidden would leak. "None shared with donors"
is true in both cases, and costs no query: the reader's role is already cached on the request's user."""

from django import template
from django.utils.translation import gettext

from acip.roles import Role, membership_of

register = template.Library()


@register.simple_tag(takes_context=True)
def none_shared(context, message: str) -> str:
    """`message` for staff (who see every row, so an empty section is empty); for anyone else, that nothing is
    shared with them."""
    request = context.get("request")
    role = membership_of(request.user).role if request is not None else Role.NONE
    if role == Role.DONOR:
        return gettext("None shared with donors.")
    if role == Role.DELEGATE:
        return gettext("None shared with your administration.")
    return message

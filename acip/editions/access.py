from django.http import Http404

from acip.editions.models import Edition, EditionEntry
from acip.roles import membership_of


def require_edition_reader(user) -> None:
    """Editions hold every tier's text, so they are for programme staff alone; anyone else is answered 404, as if
    there were no such pages."""
    if not membership_of(user).sees_everything:
        raise Http404


def get_edition_for_user(user, pk: int) -> Edition:
    require_edition_reader(user)
    try:
        return Edition.objects.visible_to(user).select_related("meeting", "created_by").get(pk=pk)
    except Edition.DoesNotExist:
        raise Http404 from None


def get_edition_entry_for_user(user, pk: int, partner_id: int) -> tuple[Edition, EditionEntry]:
    """One partner's snapshot in an edition: 404 when the edition is hidden or missing, or has no such partner."""
    edition = get_edition_for_user(user, pk)
    try:
        return edition, edition.entries.get(partner_id=partner_id)
    except EditionEntry.DoesNotExist:
        raise Http404 from None

"""The demo's status edition: the status of every partner frozen at the 2025 coordinators' meeting, so that the
editions pages (and the benchmark's edition page and its PDF) have one to show."""

from acip.devdata.demo.helpers import ILLUSTRATIVE
from acip.editions.models import Edition
from acip.editions.services import edition_freeze
from meetings.models import Meeting

TITLE = f"{ILLUSTRATIVE}: status at the A-CIP Coordinators' Meeting 2025"


def editions_load(*, meeting: Meeting, staff) -> Edition:
    """Freeze the edition once: an edition is immutable, so a second load finds it and leaves it as it is."""
    edition = Edition.objects.filter(title=TITLE).first()
    if edition is None:
        edition = edition_freeze(title=TITLE, frozen_on=meeting.starts_on, meeting=meeting, created_by=staff)
    return edition

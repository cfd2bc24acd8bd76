"""The kinds of record that the search box finds: one declaration each, and nothing else to change.

A kind names its model; its rows come from `Model.objects.visible_to(user)` (the access layer, tiers included; a
model whose tier governs only its text, such as a side meeting, is searched only where that text is readable, see
`SearchKind.rows`). `fields` are searched; `snippet_fields` are shown, with the matches highlighted, under a title that
is highlighted too. On PostgreSQL each kind also has a GIN index over `fields` (migrations/0002, the same field
list): `tests/search/test_postgresql.py` fails for a kind without one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from acip.documents.selectors import record_page


@dataclass(frozen=True)
class SearchKind:
    key: str  # in the page's address: ?kind=notes
    label: Promise  # the group's heading
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    snippet_fields: tuple[str, ...]  # shown joined, under the title
    title: Callable[[Model], str]
    url: Callable[[Model], str]
    order_by: tuple[str, ...]  # the latest first: ranking every match would read every row (docs/PERFORMANCE.md)
    #: relations that `title` and `url` read, each visible whenever the row is
    related: tuple[str, ...] = ()

    @property
    def index_name(self) -> str:
        return f"search_{self.key}_idx"

    def rows(self, user) -> QuerySet:
        queryset = apps.get_model(self.model).objects.visible_to(user)
        if getattr(queryset, "tier_scope", None) == "text":
            # The row shows to readers who may not read its text: only the text they may read is searched.
            queryset = queryset.filter(text_shared=True)
        return queryset.select_related(*self.related).order_by(*self.order_by)


KINDS = [
    SearchKind(
        key="partners",
        label=_("Partner administrations"),
        model="partners.PartnerAdministration",
        fields=("country_name", "name", "acronym"),
        snippet_fields=("name", "acronym"),
        title=lambda partner: partner.country_name,
        url=lambda partner: partner.get_absolute_url(),
        order_by=("country_name",),
    ),
    SearchKind(
        key="notes",
        label=_("Notes"),
        model="meetings.Note",
        fields=("text",),
        snippet_fields=("text",),
        title=lambda note: str(note.side_meeting),
        url=lambda note: note.side_meeting.get_absolute_url(),
        order_by=("-created_at", "-pk"),
        related=("side_meeting__partner", "side_meeting__meeting"),
    ),
    SearchKind(
        key="side_meetings",
        label=_("Side meetings"),
        model="meetings.SideMeeting",
        fields=("purpose", "key_outcomes"),
        snippet_fields=("purpose", "key_outcomes"),
        title=lambda side_meeting: str(side_meeting),
        url=lambda side_meeting: side_meeting.get_absolute_url(),
        order_by=("-held_on", "-pk"),
        related=("partner", "meeting"),
    ),
    SearchKind(
        key="commitments",
        label=_("Commitments"),
        model="meetings.Commitment",
        fields=("title", "description"),
        snippet_fields=("description",),
        title=lambda commitment: commitment.title,
        url=lambda commitment: commitment.get_absolute_url(),
        order_by=("-due_on", "-pk"),
    ),
    SearchKind(
        key="activities",
        label=_("Activities"),
        model="partners.Activity",
        fields=("title", "description"),
        snippet_fields=("description",),
        title=lambda activity: activity.title,
        url=lambda activity: f"{activity.partner.get_absolute_url()}#activities",
        order_by=("-planned_start_on", "-pk"),
        related=("partner",),
    ),
    SearchKind(
        key="attachments",
        label=_("Documents"),
        model="documents.Attachment",
        fields=("title",),
        snippet_fields=("title",),
        title=lambda attachment: attachment.title,
        url=lambda attachment: record_page(attachment.record),
        order_by=("-dated_on", "-pk"),
        related=("partner", "plan__partner", "assessment__partner", "activity__partner", "meeting", "side_meeting"),
    ),
]

KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

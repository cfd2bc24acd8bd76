"""The demo data set: the facts of DOMAIN.md, a few records marked "Illustrative", and one login per role.

`demo_load()` is idempotent: every row is found by its natural key (a slug, a country code, a title and a date) and
only saved when a value differs. Saving an unchanged row would still add a row to its simple-history table, so a
second load would not leave the database exactly as the first one did.

Where DOMAIN.md states no fact (a status, a note, a commitment, a score, a contact), the record says so in its own
text, so that nobody mistakes it for a real finding. The `[S1]`-style references point to DOMAIN.md's source list.

This package sits on top of the house, like the project's URLs: it imports all three apps. Each module loads one
part of the data set (`facts`, `programme`, `partners`, `plans`, `assessments`, `activities`, `meetings`, `users`,
`editions`); `helpers` holds `upsert` and friends, `logins` the logins file. `demo_load()` below calls the loaders in
the order the rows depend on each other.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from acip.devdata.demo.activities import activities_load
from acip.devdata.demo.assessments import assessments_load
from acip.devdata.demo.editions import editions_load
from acip.devdata.demo.logins import demo_logins_recall, demo_logins_render, demo_logins_write
from acip.devdata.demo.meetings import commitments_load, meetings_load, notes_load, side_meetings_load
from acip.devdata.demo.partners import contacts_load, partners_load, status_changes_load
from acip.devdata.demo.plans import plans_load
from acip.devdata.demo.programme import agreements_load, donors_load, phases_load, programme_load
from acip.devdata.demo.users import DEMO_USERNAMES, DemoLogin, programme_roles_load, users_load
from acip.models import IntegrityFactor

__all__ = [
    "DEMO_APPS",
    "DEMO_USERNAMES",
    "DemoLoadResult",
    "DemoLogin",
    "demo_counts",
    "demo_load",
    "demo_logins_recall",
    "demo_logins_render",
    "demo_logins_write",
]

DEMO_APPS = ("acip", "partners", "meetings")


@dataclass
class DemoLoadResult:
    logins: list[DemoLogin]
    counts: dict[str, int] = field(default_factory=dict)


def demo_counts() -> dict[str, int]:
    """Rows per model of the three apps (without their history tables), plus users and groups."""
    counts = {}
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                counts[str(model._meta.verbose_name_plural)] = model._default_manager.count()
    counts["users"] = get_user_model().objects.count()
    counts["groups"] = Group.objects.count()
    return counts


def demo_load(*, reset_passwords: bool = False) -> DemoLoadResult:
    """Load (or bring up to date) the demo data set; run it again and nothing changes."""
    with transaction.atomic():
        programme = programme_load()
        phases = phases_load(programme=programme)
        donors = donors_load()
        partners = partners_load(programme=programme)
        agreements_load(programme=programme, phase=phases[1], donors=donors, partners=partners)
        contacts = contacts_load(partners=partners)
        users, logins = users_load(
            partners=partners, donors=donors, contacts=contacts, reset_passwords=reset_passwords
        )
        staff = users["staff"]
        programme_roles_load(programme=programme, partners=partners, staff=staff)
        factors = {factor.number: factor for factor in IntegrityFactor.objects.all()}
        status_changes_load(partners=partners, recorded_by=staff)
        outcomes = plans_load(programme=programme, partners=partners, factors=factors)
        assessments_load(partners=partners, factors=factors)
        activities_load(partners=partners, outcomes=outcomes)
        meetings = meetings_load(programme=programme, partners=partners, contacts=contacts)
        side_meetings = side_meetings_load(meetings=meetings, partners=partners, contacts=contacts)
        notes_load(side_meetings=side_meetings, author=staff)
        commitments_load(side_meetings=side_meetings, contacts=contacts, staff=staff)
        editions_load(meeting=meetings["coordinators-2025"], staff=staff)
        return DemoLoadResult(logins=logins, counts=demo_counts())

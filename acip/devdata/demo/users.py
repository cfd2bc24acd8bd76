"""Users and roles: one demo login per role, with the group, profile and contact it needs."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group

from acip.devdata.demo.helpers import upsert
from acip.models import Donor, Profile, Programme
from acip.roles import GROUP_DELEGATES, GROUP_DONORS, GROUP_STAFF, ROLE_LABELS, Role
from partners.models import Contact, PartnerAdministration


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str
    group: str | None = None
    partner_code: str | None = None
    donor_slug: str | None = None


DEMO_USERS = [
    DemoUser("staff", Role.STAFF, "Demo", "Programme staff", group=GROUP_STAFF),
    DemoUser("delegate.ghana", Role.DELEGATE, "Demo", "Delegate (Ghana)", group=GROUP_DELEGATES, partner_code="GH"),
    DemoUser(
        "delegate.mozambique", Role.DELEGATE, "Demo", "Delegate (Mozambique)", group=GROUP_DELEGATES, partner_code="MZ"
    ),
    DemoUser("donor.norad", Role.DONOR, "Demo", "Donor viewer (Norad)", group=GROUP_DONORS, donor_slug="norad"),
    DemoUser("admin", Role.ADMINISTRATOR, "Demo", "Administrator"),
]
DEMO_USERNAMES = [u.username for u in DEMO_USERS]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str
    password: str | None = None


def _user_load(
    *,
    spec: DemoUser,
    groups: dict[str, Group],
    partners: dict[str, PartnerAdministration],
    donors: dict[str, Donor],
    contacts: dict[str, Contact],
    reset_password: bool,
) -> tuple[AbstractUser, str | None]:
    """The user, and the password when this load set one (new user or `reset_password`)."""
    user_model = get_user_model()
    is_admin = spec.role == Role.ADMINISTRATOR
    user, created = user_model.objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@example.org",
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    password = None
    if created or reset_password:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
    if spec.group and not user.groups.filter(pk=groups[spec.group].pk).exists():
        user.groups.add(groups[spec.group])
    if spec.partner_code or spec.donor_slug:
        partner = partners[spec.partner_code] if spec.partner_code else None
        upsert(
            Profile,
            lookup={"user": user},
            values={"partner": partner, "donor": donors[spec.donor_slug] if spec.donor_slug else None},
        )
        if spec.partner_code:
            # The delegate is their administration's (illustrative) coordinator.
            upsert(Contact, lookup={"pk": contacts[spec.partner_code].pk}, values={"user": user})
    return user, password


def users_load(
    *,
    partners: dict[str, PartnerAdministration],
    donors: dict[str, Donor],
    contacts: dict[str, Contact],
    reset_passwords: bool,
) -> tuple[dict[str, AbstractUser], list[DemoLogin]]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (GROUP_STAFF, GROUP_DELEGATES, GROUP_DONORS)}
    users, logins = {}, []
    for spec in DEMO_USERS:
        user, password = _user_load(
            spec=spec,
            groups=groups,
            partners=partners,
            donors=donors,
            contacts=contacts,
            reset_password=reset_passwords,
        )
        users[spec.username] = user
        if spec.partner_code:
            scope = partners[spec.partner_code].country_name
        elif spec.donor_slug:
            scope = donors[spec.donor_slug].short_name
        else:
            scope = "everything"
        logins.append(DemoLogin(spec.username, str(ROLE_LABELS[spec.role]), scope, password))
    return users, logins


def programme_roles_load(*, programme: Programme, partners: dict[str, PartnerAdministration], staff) -> None:
    """The demo's one staff member is the programme manager and every administration's focal point, so that the
    stale list names a person and `send_reminders` has someone to tell."""
    if programme.manager_id != staff.pk:
        programme.manager = staff
        programme.save(update_fields=["manager"])
    for partner in partners.values():
        if partner.focal_point_id != staff.pk:
            partner.focal_point = staff
            partner.save(update_fields=["focal_point"])

"""The permission matrix: every URL of the project, every role, every method, with what the answer must be.

The URL patterns come from the resolver, so a page added later is covered without anyone remembering: a URL with
no expectation below fails `test_every_url_has_an_expectation`. Each object-bound URL is requested twice, with the
objects of administration A and then of administration B; the donor viewer's funding covers A only.

Every page that answers 200 to a delegate or a donor viewer is also searched for text they must never read: the
staff-only canaries of both administrations, and the other administration's shared canary.
"""

import datetime
import types
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from tests.acip.factories import DonorFactory, FundingAgreementFactory, UserFactory, factor
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "own_delegate", "other_delegate", "donor", "staff", "administrator"]
STAFF_CANARY = "CANARY-STAFF-ONLY"


def shared_canary(side: str) -> str:
    return f"CANARY-SHARED-{side}"


# Expectation shorthands. "login" is a redirect to the login page; "redirect" any other redirect.
@dataclass(frozen=True)
class Rule:
    get: dict = field(default_factory=dict)
    post: dict = field(default_factory=dict)
    kwargs: object = None  # a function (world, side) -> kwargs, for URLs that take arguments
    bound: bool = True  # whether the arguments are an administration's objects (requested for A and for B)
    skip: str = ""  # why the pattern is not requested (it must still be listed)


def _roles(anonymous, own, other, donor, staff, admin=None):
    return dict(
        anonymous=anonymous,
        own_delegate=own,
        other_delegate=other,
        donor=donor,
        staff=staff,
        administrator=staff if admin is None else admin,
    )


def public(get=200, post=200):
    return Rule(get=_roles(get, get, get, get, get), post=_roles(post, post, post, post, post))


# A page about one administration that its delegates, covering donors and staff may read; nobody may POST.
def shared_page(kwargs=None):
    return Rule(get=_roles("login", 200, 404, 200, 200), post=_roles("login", 405, 405, 405, 405), kwargs=kwargs)


# A read-only page for staff alone: a reader of its object gets 403, anybody else 404 (or 403 with no object).
def staff_page(kwargs=None):
    other = 404 if kwargs else 403
    return Rule(get=_roles("login", 403, other, 403, 200), post=_roles("login", 405, 405, 405, 405), kwargs=kwargs)


# A list or export that every role may open, each seeing only its own rows (the canaries check which).
def scoped_list():
    return Rule(get=_roles("login", 200, 200, 200, 200), post=_roles("login", 405, 405, 405, 405))


def export(name, staff_only=False):
    rule = staff_page() if staff_only else scoped_list()
    return Rule(get=rule.get, post=rule.post, kwargs=lambda world, side: {"fmt": "csv"}, bound=False)


# A staff form about one administration's record: readers of the record get 403, others 404.
def staff_form(kwargs, post_ok=200):
    return Rule(
        get=_roles("login", 403, 404, 403, 200),
        post=_roles("login", 403, 404, 403, post_ok),
        kwargs=kwargs,
    )


@dataclass
class World:
    a: object
    b: object
    objects: dict  # side -> {name: object}
    users: dict  # role name -> user (or None for anonymous), for side A; side B swaps the delegates


def build_world() -> World:
    donor = DonorFactory()
    a, b = PartnerFactory(slug="alpha"), PartnerFactory(slug="bravo")
    FundingAgreementFactory(donor=donor, partners=[a])
    objects = {}
    for side, partner in (("A", a), ("B", b)):
        status = StatusChangeFactory(partner=partner, reason=STAFF_CANARY, tier="staff")
        StatusChangeFactory(
            partner=partner, reason=shared_canary(side), tier="donors", effective_on=datetime.date(2018, 1, 1)
        )
        value = IndicatorValueFactory(
            indicator__outcome__plan__partner=partner, indicator__outcome__plan__tier="donors"
        )
        indicator = value.indicator
        outcome = indicator.outcome
        plan = outcome.plan
        assessment = AssessmentFactory(partner=partner, tier="donors", title=shared_canary(side))
        for number in range(1, 11):
            AssessmentScoreFactory(assessment=assessment, factor=factor(number))
        AssessmentFactory(partner=partner, tier="staff", title=STAFF_CANARY)
        activity = ActivityFactory(partner=partner, tier="donors", title=shared_canary(side))
        ActivityFactory(partner=partner, tier="staff", title=STAFF_CANARY)
        contact = ContactFactory(partner=partner)
        attendance = AttendanceFactory(
            partner=partner,
            meeting__starts_on=datetime.date.today() + datetime.timedelta(days=10),
            meeting__ends_on=datetime.date.today() + datetime.timedelta(days=11),
        )
        attendance.contacts.add(contact)
        side_meeting = SideMeetingFactory(
            partner=partner, meeting=attendance.meeting, key_outcomes=STAFF_CANARY, tier="staff"
        )
        NoteFactory(side_meeting=side_meeting, tier="staff", text=STAFF_CANARY)
        NoteFactory(side_meeting=side_meeting, tier="donors", text=shared_canary(side))
        commitment = CommitmentFactory(side_meeting=side_meeting, tier="donors", title=shared_canary(side))
        CommitmentFactory(side_meeting=side_meeting, tier="staff", title=STAFF_CANARY)
        objects[side] = dict(
            partner=partner,
            status=status,
            plan=plan,
            outcome=outcome,
            indicator=indicator,
            value=value,
            assessment=assessment,
            activity=activity,
            meeting=attendance.meeting,
            side_meeting=side_meeting,
            commitment=commitment,
            donor=donor,
        )
    users = {
        "anonymous": None,
        "delegate_a": make_delegate(a),
        "delegate_b": make_delegate(b),
        "donor": make_donor_viewer(donor),
        "staff": make_staff(),
        "administrator": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    return World(a=a, b=b, objects=objects, users=users)


def o(name, attr="pk", key=None):
    """kwargs for a URL that takes one object of the side's administration."""
    return lambda world, side: {key or name: getattr(world.objects[side][name], attr)}


def slug_and(name, key="pk"):
    return lambda world, side: {"slug": world.objects[side]["partner"].slug, key: world.objects[side][name].pk}


slug = o("partner", "slug", "slug")
meeting = o("meeting", "uuid", "uuid")
side_meeting = o("side_meeting", "uuid", "uuid")
commitment = o("commitment", "uuid", "uuid")

EXPECTATIONS: dict[str, Rule] = {
    # The project
    # Home sends each role to its place.
    "home": Rule(
        get=_roles("login", "redirect", "redirect", "redirect", "redirect"),
        post=_roles("login", "redirect", "redirect", "redirect", "redirect"),
    ),
    "login": Rule(get=_roles(200, 200, 200, 200, 200), post=_roles(200, 200, 200, 200, 200)),
    "logout": Rule(
        get=_roles("login", 405, 405, 405, 405),
        post=_roles("redirect", "redirect", "redirect", "redirect", "redirect"),
    ),
    "password_change": Rule(get=_roles("login", 200, 200, 200, 200), post=_roles("login", 200, 200, 200, 200)),
    "password_change_done": Rule(get=_roles("login", 200, 200, 200, 200), post=_roles("login", 405, 405, 405, 405)),
    "password_reset": public(get=200, post=200),
    "password_reset_done": public(get=200, post=405),
    "password_reset_confirm": Rule(
        get=_roles(200, 200, 200, 200, 200),
        post=_roles(200, 200, 200, 200, 200),
        kwargs=lambda world, side: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    "password_reset_complete": public(get=200, post=405),
    # Django's set_language, open to all: a POST sets the language and goes back; a GET or an empty POST goes home.
    "set_language": public(get="redirect", post="redirect"),
    # Partners
    "partners:list": Rule(
        get=_roles("login", "redirect", "redirect", 200, 200), post=_roles("login", 405, 405, 405, 405)
    ),
    "partners:detail": shared_page(slug),
    "partners:status_create": staff_form(slug),
    "partners:plan_create": staff_form(slug),
    "partners:plan_update": staff_form(slug_and("plan")),
    "partners:outcome_create": staff_form(slug_and("plan", "plan_pk")),
    "partners:outcome_update": staff_form(slug_and("outcome")),
    "partners:indicator_create": staff_form(slug_and("outcome", "outcome_pk")),
    "partners:indicator_update": staff_form(slug_and("indicator")),
    "partners:value_create": staff_form(slug_and("indicator", "indicator_pk")),
    "partners:value_update": staff_form(slug_and("value")),
    "partners:assessment_create": staff_form(slug),
    "partners:assessment_update": staff_form(slug_and("assessment")),
    "partners:activity_create": staff_form(slug),
    "partners:activity_update": staff_form(slug_and("activity")),
    # Meetings
    "meetings:list": scoped_list(),
    "meetings:calendar": scoped_list(),
    "meetings:create": Rule(get=_roles("login", 403, 403, 403, 200), post=_roles("login", 403, 403, 403, 200)),
    "meetings:detail": shared_page(meeting),
    "meetings:update": staff_form(meeting),
    "meetings:briefing": staff_page(meeting),
    "meetings:ics": shared_page(meeting),
    "meetings:side_meeting_create": staff_form(meeting),
    "meetings:side_meeting": shared_page(side_meeting),
    "meetings:side_meeting_update": staff_form(side_meeting),
    "meetings:note_create": staff_form(side_meeting),
    "meetings:side_meeting_status": staff_form(side_meeting),
    "meetings:commitment_create": staff_form(side_meeting),
    "meetings:commitments": staff_page(),
    "meetings:commitment": shared_page(commitment),
    "meetings:commitment_update": staff_form(commitment),
    # The administration owns A's commitment, so its delegates may close it; a donor may read it but not close it.
    "meetings:commitment_close": Rule(
        get=_roles("login", 405, 405, 405, 405), post=_roles("login", 200, 404, 403, 200), kwargs=commitment
    ),
    # Dashboards, the donor view and exports
    "healthz": Rule(get=_roles(200, 200, 200, 200, 200), post=_roles(405, 405, 405, 405, 405)),
    "dashboard:home": staff_page(),
    "donors:home": Rule(get=_roles("login", 404, 404, 200, 200), post=_roles("login", 405, 405, 405, 405)),
    "donors:detail": Rule(
        get=_roles("login", 404, 404, 200, 200),
        post=_roles("login", 405, 405, 405, 405),
        kwargs=lambda world, side: {"slug": world.objects["A"]["donor"].slug},
        bound=False,
    ),
    "exports:partners": export("partners"),
    "exports:meetings": export("meetings"),
    "exports:side_meetings": export("side_meetings"),
    "exports:commitments": export("commitments", staff_only=True),
    "exports:activities": export("activities"),
    "exports:indicator_values": export("indicator_values"),
    "exports:status_changes": export("status_changes"),
    "exports:heatmap": export("heatmap", staff_only=True),
}


def project_urls(urlconf=None):
    """(name, pattern, takes_arguments) for every URL pattern of the project, from the resolver."""

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}"
                yield from walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield (
                    name,
                    prefix + str(pattern.pattern),
                    bool(pattern.pattern.regex.groupindex) or "(" in str(pattern.pattern),
                )

    return list(walk(get_resolver(urlconf).url_patterns, None, ""))


def urls_without_expectation(urlconf=None) -> list[str]:
    return [
        f"{pattern} (name {name})"
        for name, pattern, _ in project_urls(urlconf)
        if not pattern.startswith("admin/") and name not in EXPECTATIONS
    ]


def test_every_url_has_an_expectation():
    missing = urls_without_expectation()
    assert not missing, "URLs with no expectation in the permission matrix:\n" + "\n".join(missing)


def test_a_url_added_without_an_expectation_is_caught():
    urlconf = types.ModuleType("urls_with_a_new_page")
    urlconf.urlpatterns = [*get_resolver().url_patterns, path("new-page/", lambda request: None, name="new_page")]
    assert urls_without_expectation(urlconf) == ["new-page/ (name new_page)"]


def test_every_expectation_is_a_url():
    names = {name for name, _, _ in project_urls()}
    assert not set(EXPECTATIONS) - names


def _user_for(world, role, side):
    if role == "own_delegate":
        return world.users["delegate_a" if side == "A" else "delegate_b"]
    if role == "other_delegate":
        return world.users["delegate_b" if side == "A" else "delegate_a"]
    return world.users[role]


def _expected(rule_for_method, role, side, object_bound):
    expected = rule_for_method[role]
    # The donor covers A only: on B's objects they are an outsider, like another administration's delegate.
    if role == "donor" and side == "B" and object_bound:
        return rule_for_method["other_delegate"]
    return expected


def _check(response, expected, url):
    status = response.status_code
    location = response.get("Location", "")
    if expected == "login":
        return status == 302 and location.startswith(reverse("login"))
    if expected == "admin-login":
        return status == 302 and location.startswith(reverse("admin:login"))
    if expected == "any-login":
        return status == 302 and location.startswith((reverse("login"), reverse("admin:login")))
    if expected == "redirect":
        return status == 302
    if expected == "any":
        return status < 500
    return status == expected


def _forbidden_texts(role, side):
    if role in ("own_delegate", "donor"):
        other = "B" if side == "A" else "A"
        return [STAFF_CANARY, shared_canary(other)]
    if role == "other_delegate":
        return [STAFF_CANARY, shared_canary(side)]
    return []


def test_permission_matrix(client):
    world = build_world()
    failures = []
    for name, pattern, _ in project_urls():
        if pattern.startswith("admin/"):
            continue
        rule = EXPECTATIONS.get(name)  # a missing one fails test_every_url_has_an_expectation
        if rule is None or rule.skip:
            continue
        bound = bool(rule.kwargs) and rule.bound
        sides = ["A", "B"] if bound else ["A"]
        for side in sides:
            url = reverse(name, kwargs=rule.kwargs(world, side) if rule.kwargs else None)
            for role in ROLES:
                user = _user_for(world, role, side)
                client.logout()
                if user is not None:
                    client.force_login(user)
                for method in ("get", "post"):
                    expected = _expected(getattr(rule, method), role, side, bound)
                    response = getattr(client, method)(url)
                    if not _check(response, expected, url):
                        failures.append(
                            f"{method.upper()} {url} as {role} (side {side}): expected {expected}, "
                            f"got {response.status_code} {response.get('Location', '')}"
                        )
                        continue
                    if method == "get" and response.status_code == 200 and not response.streaming:
                        body = response.content.decode(errors="replace")
                        for text in _forbidden_texts(role, side):
                            if text in body:
                                failures.append(f"GET {url} as {role} (side {side}) shows {text}")
    assert not failures, "\n".join(failures)


def test_admin_is_closed_to_everyone_but_administrators(client):
    world = build_world()
    for role, expected in (
        ("anonymous", "any-login"),
        ("own_delegate", "admin-login"),
        ("donor", "admin-login"),
        ("staff", "admin-login"),
    ):
        user = _user_for(world, role, "A")
        client.logout()
        if user:
            client.force_login(user)
        for name, pattern, takes_args in project_urls():
            if not pattern.startswith("admin/") or takes_args or name in ("admin:login", "admin:logout"):
                continue
            response = client.get(reverse(name))
            assert _check(response, expected, pattern), f"{pattern} as {role}: {response.status_code}"

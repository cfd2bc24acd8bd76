"""The permission matrix: every URL of the project, every role, every method, with what the answer must be.

The URL patterns come from the resolver, so a page added later is covered without anyone remembering: a URL with
no expectation below fails `test_every_url_has_an_expectation`. Each object-bound URL is requested twice, with the
objects of administration A and then of administration B; the donor viewer's funding covers A only.

Every page and export (CSV, and Excel unzipped) that answers 200 to a delegate or a donor viewer is also searched
for text they must never read: the staff-only canaries of both administrations, and the other administration's
shared canary. The canaries are also in every free-text field of the rows that a visible row links to but the
reader may not see (`mark`): the outcome of a staff-only plan that a shared activity and a shared commitment serve, a
staff-only activity that a shared commitment serves, the other administration's contact, side meeting and meeting
linked in the admin to this one's rows, and the recorder of a shared status. A donor viewer must not read the
names of another donor, nor a contact's e-mail, phone, job title (the personal canary); a delegate is told of no
donor.
"""

import datetime
import io
import shutil
import subprocess
import types
import zipfile
from dataclasses import dataclass, field

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from acip.editions.services import edition_freeze
from acip.lib.exports import XLSX_CONTENT_TYPE
from acip.lib.pdf import PDF_CONTENT_TYPE
from acip.participation.models import PageConfirmation, Proposal, ValueReport
from acip.pdfs.services import edition_pdf_request
from acip.search.registry import KINDS as SEARCH_KINDS
from tests.acip.factories import DonorFactory, FundingAgreementFactory, UserFactory, factor
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    CountryPlanFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "own_delegate", "other_delegate", "donor", "staff", "administrator"]
STAFF_CANARY = "CANARY-STAFF-ONLY"


#: The name of a donor that the donor viewer's donor is not: nobody but staff may read it.
OTHER_DONOR_CANARY = "CANARY-OTHER-DONOR"


def shared_canary(side: str) -> str:
    return f"CANARY-SHARED-{side}"


def personal_canary(side: str) -> str:
    """In the personal data of the side's contacts: its delegates and staff read it, donors never."""
    return f"canary-personal-{side.lower()}"


def mark(obj, marker: str):
    """Write `marker` into every free-text field of `obj` (text and strings that are not a choice, a slug or
    unique), cut to the field's length, and save it."""
    for model_field in obj._meta.concrete_fields:
        if not isinstance(model_field, models.CharField | models.TextField) or model_field.choices:
            continue
        if isinstance(model_field, models.SlugField) or model_field.unique:
            continue
        setattr(obj, model_field.attname, marker[: model_field.max_length] if model_field.max_length else marker)
    obj.save()
    return obj


# Expectation shorthands. "login" is a redirect to the login page; "redirect" any other redirect.
@dataclass(frozen=True)
class Rule:
    get: dict = field(default_factory=dict)
    post: dict = field(default_factory=dict)
    kwargs: object = None  # a function (world, side) -> kwargs, for URLs that take arguments
    bound: bool = True  # whether the arguments are an administration's objects (requested for A and for B)
    skip: str = ""  # why the pattern is not requested (it must still be listed)
    queries: tuple[str, ...] = ()  # query strings, each requested, for a page that shows nothing without one


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
    edition: object = None
    edition_pdf: object = None


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
        # A later staff-only round with scores: the results page would compare it with the shared one, and show
        # its title, to anyone who may read it.
        staff_round = AssessmentFactory(
            partner=partner, tier="staff", title=STAFF_CANARY, started_on=datetime.date(2023, 1, 15)
        )
        for number in range(1, 11):
            AssessmentScoreFactory(assessment=staff_round, factor=factor(number), score=60)
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
        note = NoteFactory(side_meeting=side_meeting, tier="donors", text=shared_canary(side))
        # Withdrawn (issue 20): shared with donors by its tier, yet for staff alone now.
        withdrawn = NoteFactory(side_meeting=side_meeting, tier="donors", text=f"{STAFF_CANARY} withdrawn note")
        withdrawn.withdrawn_at, withdrawn.withdrawn_by = datetime.datetime.now(datetime.UTC), withdrawn.author
        withdrawn.withdrawal_reason = f"{STAFF_CANARY} withdrawal reason"
        withdrawn.save()
        commitment = CommitmentFactory(side_meeting=side_meeting, tier="donors", title=shared_canary(side))
        CommitmentFactory(side_meeting=side_meeting, tier="staff", title=STAFF_CANARY)
        _link_hidden_rows(partner, side, activity=activity, commitment=commitment, meeting=attendance.meeting)
        documents = _attach_documents(partner, side, side_meeting=side_meeting, meeting=attendance.meeting)
        mark(contact, f"{shared_canary(side)} contact")
        contact.email = f"{personal_canary(side)}@example.org"
        contact.phone = f"+32 {personal_canary(side)}"
        contact.job_title = personal_canary(side)
        contact.save()
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
            note=note,
            commitment=commitment,
            donor=donor,
            contact=contact,
            **documents,
            status_shared=StatusChangeFactory(
                partner=partner, reason=shared_canary(side), tier="donors", effective_on=datetime.date(2018, 6, 1)
            ),
        )
    _link_across(objects)
    _participation(objects)
    other_donor = DonorFactory(name=OTHER_DONOR_CANARY, short_name=OTHER_DONOR_CANARY[:40])
    mark(FundingAgreementFactory(donor=other_donor, partners=[a, b]), OTHER_DONOR_CANARY)
    staff = make_staff()
    # An edition of both administrations, staff-only text included: only staff may open it.
    edition = edition_freeze(title="Edition", frozen_on=datetime.date.today(), meeting=None, created_by=staff)
    users = {
        "anonymous": None,
        "delegate_a": make_delegate(a),
        "delegate_b": make_delegate(b),
        "donor": make_donor_viewer(donor),
        "staff": staff,
        "administrator": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    # Its PDF, made by the immediate backend for staff: its progress page and file are for staff alone.
    edition_pdf = edition_pdf_request(edition=edition, compared=None, language="en", user=staff)
    return World(a=a, b=b, objects=objects, users=users, edition=edition, edition_pdf=edition_pdf)


def _link_hidden_rows(partner, side, *, activity, commitment, meeting):
    """Rows of the side's own administration that its readers may not see, each linked from a row they may."""
    hidden_plan = mark(CountryPlanFactory(partner=partner, tier="staff"), f"{STAFF_CANARY} plan {side}")
    hidden_outcome = mark(OutcomeFactory(plan=hidden_plan), f"{STAFF_CANARY} outcome {side}")
    hidden_activity = mark(
        ActivityFactory(partner=partner, tier="staff", status="completed"), f"{STAFF_CANARY} activity {side}"
    )
    activity.outcome = hidden_outcome
    activity.save()
    commitment.outcome, commitment.activity = hidden_outcome, hidden_activity
    commitment.save()
    # The side's meeting: its own readers may read it, the other side's may not.
    mark(meeting, f"{shared_canary(side)} meeting")


def _attach_documents(partner, side, *, side_meeting, meeting) -> dict:
    """A document shared with donors on the administration, and staff-only ones on it, on its meeting and side
    meeting, and one shared with the partner on a staff-only plan: their titles and file names are canaries."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from acip.documents.services import attachment_create

    author = make_staff()

    def attach(parent, title, tier):
        data = {"title": title, "kind": "other", "dated_on": datetime.date(2025, 1, 1), "tier": tier}
        data["upload"] = SimpleUploadedFile(f"{title[:40]}.pdf", f"%PDF-1.4 {title}".encode())
        data["content_type"] = "application/pdf"
        return attachment_create(parent=parent, data=data, user=author)

    shared = attach(partner, shared_canary(side), "donors")
    staff_only = attach(partner, STAFF_CANARY, "staff")
    attach(meeting, STAFF_CANARY, "staff")
    attach(side_meeting, STAFF_CANARY, "staff")
    attach(
        CountryPlanFactory(partner=partner, tier="staff", version=32000), f"{STAFF_CANARY} plan document", "partner"
    )
    return {"attachment": shared, "staff_attachment": staff_only}


def _link_across(objects):
    """Links made in the admin from one administration's rows to the other's, which the first one's readers may not
    see: the other side's contact as owner and participant, its side meeting as where a status was agreed and a
    commitment raised, and a recorder whose name is for staff alone."""
    recorder = UserFactory(username="recorder", first_name=STAFF_CANARY, last_name="recorder")
    for side, other in (("A", "B"), ("B", "A")):
        mine, theirs = objects[side], objects[other]
        mine["commitment"].owner_contact = theirs["contact"]
        mine["commitment"].save()
        mine["side_meeting"].partner_participants.add(theirs["contact"])
        mine["meeting"].attendances.get(partner=mine["partner"]).contacts.add(theirs["contact"])
        mine["status_shared"].recorded_by = recorder
        mine["status_shared"].save()
        # A side meeting of the other administration where this one's status was agreed and a commitment raised.
        theirs_held = mark(
            SideMeetingFactory(
                partner=theirs["partner"], meeting=theirs["meeting"], status_change=mine["status_shared"], tier="staff"
            ),
            f"{STAFF_CANARY} side meeting {other}",
        )
        CommitmentFactory(partner=mine["partner"], side_meeting=theirs_held, tier="donors", title=shared_canary(side))


def _participation(objects):
    """What each side's delegate sent (acip.participation), its free text a shared canary of the side."""
    for side, mine in objects.items():
        sender = make_delegate(mine["partner"], username=f"sender-{side}")
        PageConfirmation.objects.create(
            partner=mine["partner"],
            confirmed_by=sender,
            confirmed_on=datetime.date.today(),
            comment=shared_canary(side),
        )
        Proposal.objects.create(
            partner=mine["partner"],
            kind="contact",
            target_id=mine["contact"].pk,
            target_label=shared_canary(side),
            field="email",
            current_value=shared_canary(side),
            proposed_value=shared_canary(side),
            comment=shared_canary(side),
            proposed_by=sender,
        )
        mine["report"] = ValueReport.objects.create(
            partner=mine["partner"],
            indicator=mine["indicator"],
            period=2030,
            actual=1,
            comment=shared_canary(side),
            reported_by=sender,
        )


def o(name, attr="pk", key=None):
    """kwargs for a URL that takes one object of the side's administration."""
    return lambda world, side: {key or name: getattr(world.objects[side][name], attr)}


def slug_and(name, key="pk"):
    return lambda world, side: {"slug": world.objects[side]["partner"].slug, key: world.objects[side][name].pk}


slug = o("partner", "slug", "slug")
meeting = o("meeting", "uuid", "uuid")
side_meeting = o("side_meeting", "uuid", "uuid")
commitment = o("commitment", "uuid", "uuid")


# A delegate's form about their own administration (acip.participation): another administration's delegate, or a
# donor on an administration it does not fund, gets 404; staff and a covering donor 403 (staff edit the records).
def delegate_form(kwargs, post_ok=200):
    return Rule(get=_roles("login", 200, 404, 403, 403), post=_roles("login", post_ok, 404, 403, 403), kwargs=kwargs)


def propose(kind, name):
    return lambda world, side: {
        "slug": world.objects[side]["partner"].slug,
        "kind": kind,
        "pk": world.objects[side][name].pk,
    }


# An upload to one administration's record (acip.documents.access): staff and its delegates (at the tiers they read;
# an empty POST is the form again, with its errors); another administration's delegate, or a donor not funding it, 404;
# a donor viewer funding it 403. (A meeting's uploads are staff's alone: tests/documents/test_delegate_uploads.py.)
def upload_form(kwargs):
    return Rule(get=_roles("login", 200, 404, 403, 200), post=_roles("login", 200, 404, 403, 200), kwargs=kwargs)


def upload_to_partner(world, side):
    return {"kind": "partner", "key": world.objects[side]["partner"].slug}


EXPECTATIONS: dict[str, Rule] = {
    # The project
    # Home sends each role to its place.
    "home": Rule(
        get=_roles("login", "redirect", "redirect", "redirect", "redirect"),
        post=_roles("login", "redirect", "redirect", "redirect", "redirect"),
    ),
    # Staff's and delegates' first page; a donor viewer has none.
    "my_work": Rule(get=_roles("login", 200, 200, 403, 200), post=_roles("login", 405, 405, 405, 405)),
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
    # An empty POST is a valid choice there: "no focal point".
    "partners:focal_point_update": staff_form(slug, post_ok="redirect"),
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
    # The months of the activities (planned in March 2022), of this month and of the meetings (in ten days).
    "meetings:calendar": Rule(
        get=scoped_list().get,
        post=scoped_list().post,
        queries=(
            "month=2022-03",
            "",
            f"month={datetime.date.today() + datetime.timedelta(days=10):%Y-%m}",
        ),
    ),
    "meetings:create": Rule(get=_roles("login", 403, 403, 403, 200), post=_roles("login", 403, 403, 403, 200)),
    "meetings:detail": shared_page(meeting),
    "meetings:update": staff_form(meeting),
    "meetings:briefing": staff_page(meeting),
    "meetings:ics": shared_page(meeting),
    "meetings:side_meeting_create": staff_form(meeting),
    "meetings:side_meeting": shared_page(side_meeting),
    "meetings:side_meeting_update": staff_form(side_meeting),
    "meetings:note_create": staff_form(side_meeting),
    # A note's readers may not correct or withdraw it (staff or its author only); others do not see it.
    "meetings:note_update": staff_form(o("note", key="pk")),
    "meetings:note_withdraw": staff_form(o("note", key="pk")),
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
    # A donor's report (page, Excel, PDF): staff and the donor's own viewers, read as the donor's viewers see it.
    **{
        name: Rule(
            get=_roles("login", 404, 404, 200, 200),
            post=_roles("login", 405, 405, 405, 405),
            kwargs=lambda world, side: {"slug": world.objects["A"]["donor"].slug},
            bound=False,
        )
        for name in ("donors:report", "donors:report_xlsx", "donors:report_pdf")
    },
    # The programme's results: staff and donor viewers (each with the survey rounds they may read), nobody else.
    "results:home": Rule(get=_roles("login", 404, 404, 200, 200), post=_roles("login", 405, 405, 405, 405)),
    "exports:partners": export("partners"),
    "exports:meetings": export("meetings"),
    "exports:side_meetings": export("side_meetings"),
    "exports:commitments": export("commitments", staff_only=True),
    "exports:activities": export("activities"),
    "exports:indicator_values": export("indicator_values"),
    "exports:status_changes": export("status_changes"),
    "exports:heatmap": export("heatmap", staff_only=True),
    # The IATI file, for staff to check before publishing it (it holds only what every donor may read).
    "iati:activities": staff_page(),
    # Reminders: everyone's own settings (no object in the URL); an empty POST misses a required choice (200).
    "reminders:preferences": Rule(get=_roles("login", 200, 200, 200, 200), post=_roles("login", 200, 200, 200, 200)),
    # Status editions hold every tier's text: staff alone, anyone else 404 as if the pages did not exist.
    # Participation: a delegate's confirmation, proposals and reported values; staff's review queue.
    "participation:queue": staff_page(),
    # An empty decision is refused with a message on the queue.
    "participation:decide": Rule(
        get=_roles("login", 405, 405, 405, 405), post=_roles("login", 403, 403, 403, "redirect")
    ),
    "participation:contact": Rule(get=_roles("login", 200, 200, 403, 403), post=_roles("login", 200, 200, 403, 403)),
    "participation:confirm": delegate_form(slug),
    "participation:sent": Rule(
        get=_roles("login", 200, 404, 403, 403), post=_roles("login", 405, 405, 405, 405), kwargs=slug
    ),
    "participation:propose": delegate_form(propose("contact", "contact")),
    "participation:report_create": delegate_form(slug_and("indicator", "indicator_pk")),
    "participation:report_update": delegate_form(slug_and("report")),
    "editions:list": Rule(get=_roles("login", 404, 404, 404, 200), post=_roles("login", 405, 405, 405, 405)),
    "editions:create": Rule(get=_roles("login", 404, 404, 404, 200), post=_roles("login", 404, 404, 404, 200)),
    "editions:detail": Rule(
        get=_roles("login", 404, 404, 404, 200),
        post=_roles("login", 405, 405, 405, 405),
        kwargs=lambda world, side: {"pk": world.edition.pk},
        bound=False,
    ),
    # Search: every role finds what it may read, on the page of every kind and on each kind's own page.
    "search:results": Rule(
        get=_roles("login", 200, 200, 200, 200),
        post=_roles("login", 405, 405, 405, 405),
        queries=("q=canary", *(f"q=canary&kind={kind.key}" for kind in SEARCH_KINDS)),
    ),
    # Documents: staff upload to any record (the form answers 200 to an empty POST); a file is downloaded by whoever
    # may see its record and read its tier, 404 for anyone else (the staff-only one for all but staff).
    "documents:create": upload_form(upload_to_partner),
    "documents:version_create": upload_form(o("attachment", "uuid", "uuid")),
    "documents:download": shared_page(o("attachment", "uuid", "uuid")),
    "documents:version_download": Rule(
        get=_roles("login", 404, 404, 404, 200),
        post=_roles("login", 405, 405, 405, 405),
        kwargs=lambda world, side: {"uuid": world.objects[side]["staff_attachment"].uuid, "number": 1},
    ),
    "editions:pdf": Rule(
        get=_roles("login", 404, 404, 404, 200),
        post=_roles("login", 405, 405, 405, 405),
        kwargs=lambda world, side: {"pk": world.edition.pk},
        bound=False,
    ),
    # A generated PDF's progress page and file (acip/pdfs): whoever may see the document (here an edition's: staff).
    **{
        name: Rule(
            get=_roles("login", 404, 404, 404, 200),
            post=_roles("login", 405, 405, 405, 405),
            kwargs=lambda world, side: {"uuid": world.edition_pdf.uuid},
            bound=False,
        )
        for name in ("pdfs:progress", "pdfs:download")
    },
    "editions:entry": Rule(
        get=_roles("login", 404, 404, 404, 200),
        post=_roles("login", 405, 405, 405, 405),
        kwargs=lambda world, side: {"pk": world.edition.pk, "partner_id": world.objects[side]["partner"].pk},
    ),
    # Bulk imports write records of every administration: staff alone, anyone else 404. An empty upload is the form
    # again with its error (200); the preview with nothing uploaded sends back to the upload form.
    "imports:list": Rule(get=_roles("login", 404, 404, 404, 200), post=_roles("login", 405, 405, 405, 405)),
    "imports:upload": Rule(
        get=_roles("login", 404, 404, 404, 200),
        post=_roles("login", 404, 404, 404, 200),
        kwargs=lambda world, side: {"kind": "survey"},
        bound=False,
    ),
    "imports:preview": Rule(
        get=_roles("login", 404, 404, 404, "redirect"),
        post=_roles("login", 404, 404, 404, "redirect"),
        kwargs=lambda world, side: {"kind": "contacts"},
        bound=False,
    ),
    "imports:template": Rule(
        get=_roles("login", 404, 404, 404, 200),
        post=_roles("login", 405, 405, 405, 405),
        kwargs=lambda world, side: {"kind": "indicator_values"},
        bound=False,
    ),
}


# The read-only API (acip/api): JSON, so a caller with no credentials gets 401 (not the login page) and a write 405.
def api_list():
    return Rule(get=_roles(401, 200, 200, 200, 200), post=_roles(401, 405, 405, 405, 405))


def api_detail(kwargs, get=None, bound=True):
    return Rule(
        get=get or _roles(401, 200, 404, 200, 200), post=_roles(401, 405, 405, 405, 405), kwargs=kwargs, bound=bound
    )


def _agreement(world, side):
    from acip.models import FundingAgreement

    return {"pk": FundingAgreement.objects.get(donor=world.objects["A"]["donor"]).pk}


API_DETAILS = {
    "partner": slug,
    "status_change": o("status_shared", key="pk"),
    "plan": o("plan", key="pk"),
    "outcome": o("outcome", key="pk"),
    "indicator": o("indicator", key="pk"),
    "indicator_value": o("value", key="pk"),
    "assessment": o("assessment", key="pk"),
    "activity": o("activity", key="pk"),
    "meeting": meeting,
    "side_meeting": side_meeting,
    "commitment": commitment,
}
for _name, _kwargs in API_DETAILS.items():
    EXPECTATIONS[f"api:{_name}-list"] = api_list()
    EXPECTATIONS[f"api:{_name}-detail"] = api_detail(_kwargs)
EXPECTATIONS |= {
    # Donors and their agreements: staff and the donor's own viewers; a delegate is told of no donor.
    "api:donor-list": api_list(),
    "api:donor-detail": api_detail(
        lambda world, side: {"slug": world.objects["A"]["donor"].slug},
        get=_roles(401, 404, 404, 200, 200),
        bound=False,
    ),
    "api:funding_agreement-list": api_list(),
    "api:funding_agreement-detail": api_detail(_agreement, get=_roles(401, 404, 404, 200, 200), bound=False),
    # Editions are for staff alone, as their pages: anyone else 404, whatever the method.
    "api:edition-list": Rule(get=_roles(401, 404, 404, 404, 200), post=_roles(401, 404, 404, 404, 405)),
    "api:edition-detail": Rule(
        get=_roles(401, 404, 404, 404, 200),
        post=_roles(401, 404, 404, 404, 405),
        kwargs=lambda world, side: {"pk": world.edition.pk},
        bound=False,
    ),
    "api:schema": Rule(get=_roles(401, 200, 200, 200, 200), post=_roles(401, 405, 405, 405, 405)),
    "api:docs": Rule(get=_roles("login", 200, 200, 200, 200), post=_roles("login", 405, 405, 405, 405)),
    # Everyone's own tokens; an empty POST misses the required fields (200, the form again).
    "api_tokens:list": Rule(get=_roles("login", 200, 200, 200, 200), post=_roles("login", 200, 200, 200, 200)),
    "api_tokens:revoke": Rule(
        get=_roles("login", 405, 405, 405, 405), post=_roles("login", "redirect", "redirect", "redirect", "redirect")
    ),
    # Everyone's own calendar feed; a POST makes (or replaces) it. The feed's address is open without a login, its
    # key standing for its user: an unknown key is 404 to everyone (what each user's feed holds is tested below).
    "calendar_feed_settings:settings": Rule(
        get=_roles("login", 200, 200, 200, 200), post=_roles("login", 200, 200, 200, 200)
    ),
    "calendar_feed_settings:revoke": Rule(
        get=_roles("login", 405, 405, 405, 405), post=_roles("login", "redirect", "redirect", "redirect", "redirect")
    ),
    "calendar_feed": Rule(
        get=_roles(404, 404, 404, 404, 404),
        post=_roles(405, 405, 405, 405, 405),
        kwargs=lambda world, side: {"key": "acipcal_" + "x" * 43},
        bound=False,
    ),
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
    other = "B" if side == "A" else "A"
    if role == "own_delegate":
        return [STAFF_CANARY, shared_canary(other), personal_canary(other), OTHER_DONOR_CANARY]
    if role == "donor":
        return [STAFF_CANARY, shared_canary(other), personal_canary("A"), personal_canary("B"), OTHER_DONOR_CANARY]
    if role == "other_delegate":
        return [STAFF_CANARY, shared_canary(side), personal_canary(side), OTHER_DONOR_CANARY]
    return []


def body_text(response) -> str:
    """What a response holds as text: the page or CSV, a downloaded document, every part of an Excel file unzipped,
    or a PDF's text."""
    if response.streaming:  # a downloaded document
        return b"".join(response.streaming_content).decode(errors="replace")
    if response.get("Content-Type") == PDF_CONTENT_TYPE:
        assert shutil.which("pdftotext"), "pdftotext (Debian's poppler-utils) reads the PDFs for canaries"
        return subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
    if response.get("Content-Type") == XLSX_CONTENT_TYPE:
        with zipfile.ZipFile(io.BytesIO(response.content)) as workbook:
            return "\n".join(workbook.read(name).decode(errors="replace") for name in workbook.namelist())
    # The search marks the matching words: a canary reads whole without its <mark>s.
    return response.content.decode(errors="replace").replace("<mark>", "").replace("</mark>", "")


def _urls(name, rule, world, side) -> list[str]:
    """The URL of the pattern for the side; an export both as CSV and as Excel."""
    kwargs = rule.kwargs(world, side) if rule.kwargs else None
    if kwargs and "fmt" in kwargs:
        return [reverse(name, kwargs={**kwargs, "fmt": fmt}) for fmt in ("csv", "xlsx")]
    if rule.queries:
        return [f"{reverse(name, kwargs=kwargs)}?{query}" for query in rule.queries]
    return [reverse(name, kwargs=kwargs)]


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
            for url in _urls(name, rule, world, side):
                for role in ROLES:
                    failures += _request_as(client, world, rule, role, side, bound, url)
    assert not failures, "\n".join(failures)


def _request_as(client, world, rule, role, side, bound, url) -> list[str]:
    failures = []
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
        if method == "get" and response.status_code == 200:
            body = body_text(response)
            for text in _forbidden_texts(role, side):
                if text in body:
                    failures.append(f"GET {url} as {role} (side {side}) shows {text}")
    return failures


@pytest.mark.parametrize("role", ["own_delegate", "donor", "staff"])
def test_a_calendar_feed_holds_nothing_its_user_may_not_read(client, role):
    from acip.api.services import feed_create
    from partners.models import Activity

    world = build_world()
    # Every activity this month, so that the feed's year holds them all, the staff-only ones included.
    Activity.objects.update(
        planned_start_on=datetime.date.today(), planned_end_on=None, actual_start_on=None, actual_end_on=None
    )
    _feed, key = feed_create(user=_user_for(world, role, "A"))

    body = client.get(reverse("calendar_feed", kwargs={"key": key})).content.decode()

    # Folded lines (RFC 5545 §3.1) joined again, so that a canary cut across two lines is found.
    body = body.replace("\r\n ", "")
    assert shared_canary("A") in body
    assert (STAFF_CANARY in body) == (role == "staff")
    assert (f"{shared_canary('B')} meeting" in body) == (role == "staff")
    for text in _forbidden_texts(role, "A"):
        assert text not in body, f"{role}'s calendar feed shows {text}"


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


def test_staff_read_every_link_that_the_canaries_sit_behind(client):
    """The links are on the pages and in the exports: without the access layer's rules the matrix above would find
    each canary (so that its check can fail)."""
    world = build_world()
    client.force_login(world.users["staff"])
    a = world.objects["A"]
    expected = {
        reverse("partners:detail", args=["alpha"]): [
            f"serves “{STAFF_CANARY} outcome A”",  # a shared activity serving an outcome of a staff-only plan
            f"{STAFF_CANARY} plan document",  # a document shared with the partner on a staff-only plan
            f"Recorded by {STAFF_CANARY} recorder",
            f"{shared_canary('B')} meeting",  # a status agreed, a commitment raised at B's side meeting
            f"{shared_canary('B')} contact",  # B's contact owns A's commitment
            OTHER_DONOR_CANARY,
            f"{personal_canary('A')}@example.org",
            personal_canary("A"),
        ],
        a["commitment"].get_absolute_url(): [
            f"{STAFF_CANARY} outcome A",
            f"{STAFF_CANARY} activity A",
            f"{shared_canary('B')} contact",
        ],
        a["side_meeting"].get_absolute_url(): [f"{shared_canary('B')} contact"],
        a["meeting"].get_absolute_url(): [f"{shared_canary('B')} contact", personal_canary("A")],
        reverse("partners:list"): [OTHER_DONOR_CANARY],
        f"{reverse('search:results')}?q=canary&kind=notes": [STAFF_CANARY, shared_canary("B")],
        f"{reverse('search:results')}?q=canary&kind=side_meetings": [f"{STAFF_CANARY} side meeting B"],
    }
    for fmt in ("csv", "xlsx"):
        expected[reverse("exports:activities", kwargs={"fmt": fmt})] = [f"{STAFF_CANARY} outcome A"]
        expected[reverse("exports:partners", kwargs={"fmt": fmt})] = [OTHER_DONOR_CANARY]
        expected[reverse("exports:side_meetings", kwargs={"fmt": fmt})] = [f"{shared_canary('B')} contact"]
    missing = []
    for url, texts in expected.items():
        body = body_text(client.get(url))
        missing += [f"{url}: {text}" for text in texts if text not in body]
    assert not missing, "\n".join(missing)


def test_reminder_mails_hold_nothing_their_reader_may_not_read(settings, mailoutbox):
    """Every commitment of the world due today: the mails to each administration's A-CIP Coordinator are searched
    for what that administration's delegates may not read, as the pages are."""
    from acip.reminders.services import reminders_plan, reminders_send
    from meetings.models import Commitment

    world = build_world()
    today = datetime.date.today()
    coordinators = {}
    for side in ("A", "B"):
        partner = world.objects[side]["partner"]
        coordinators[side] = ContactFactory(partner=partner, position="coordinator", email=f"coord-{side}@example.org")
        partner.focal_point = world.users["staff"]
        partner.save()
    Commitment.objects.update(due_on=today, owner="administration")
    reminders_send(plan=reminders_plan(today=today))
    for side in ("A", "B"):
        mails = [m for m in mailoutbox if m.to == [coordinators[side].email]]
        assert mails, f"no mail to the coordinator of {side}"
        raw = "".join(m.message().as_string() + m.alternatives[0][0] for m in mails)
        for text in _forbidden_texts("own_delegate", side):
            assert text not in raw, f"a mail to {side}'s coordinator shows {text}"
    staff_mails = "".join(m.body for m in mailoutbox if m.to == [world.users["staff"].email])
    assert STAFF_CANARY in staff_mails  # the staff-only commitments went to the focal point instead

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from acip.access import donors_visible_to, get_visible_or_404, require_staff
from acip.roles import GROUP_DELEGATES, Role, membership_of
from meetings.models import Commitment, Meeting, Note, SideMeeting
from partners.models import (
    Activity,
    Assessment,
    AssessmentScore,
    Contact,
    IndicatorValue,
    PartnerAdministration,
    StatusChange,
)
from tests.acip.factories import DonorFactory, FundingAgreementFactory, UserFactory, factor
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a, b, c = PartnerFactory(), PartnerFactory(), PartnerFactory()
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[a, b])
    FundingAgreementFactory(donor=donor, partners=[a])  # a second agreement covering A must not double it
    return {"a": a, "b": b, "c": c, "donor": donor}


def test_staff_see_every_administration(world):
    assert PartnerAdministration.objects.visible_to(make_staff()).count() == 3


def test_superuser_is_an_administrator_who_sees_everything(world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert membership_of(admin).role == Role.ADMINISTRATOR
    assert PartnerAdministration.objects.visible_to(admin).count() == 3


def test_delegate_sees_only_their_administration(world):
    delegate = make_delegate(world["a"])
    assert list(PartnerAdministration.objects.visible_to(delegate)) == [world["a"]]


def test_donor_viewer_sees_the_covered_administrations_once_each(world):
    viewer = make_donor_viewer(world["donor"])
    assert sorted(p.pk for p in PartnerAdministration.objects.visible_to(viewer)) == sorted(
        [world["a"].pk, world["b"].pk]
    )


def test_user_without_a_role_sees_nothing(world):
    assert not PartnerAdministration.objects.visible_to(UserFactory()).exists()
    assert not PartnerAdministration.objects.visible_to(AnonymousUser()).exists()


def test_delegate_group_without_a_linked_administration_sees_nothing(world):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=GROUP_DELEGATES))
    assert membership_of(user).role == Role.NONE
    assert not PartnerAdministration.objects.visible_to(user).exists()


def test_inactive_user_has_no_role(world):
    delegate = make_delegate(world["a"])
    delegate.is_active = False
    assert membership_of(delegate).role == Role.NONE


def test_notes_follow_their_tier(world):
    side_meeting = SideMeetingFactory(partner=world["a"])
    staff_note = NoteFactory(side_meeting=side_meeting, tier="staff")
    partner_note = NoteFactory(side_meeting=side_meeting, tier="partner")
    donor_note = NoteFactory(side_meeting=side_meeting, tier="donors")
    NoteFactory(side_meeting=SideMeetingFactory(partner=world["b"]), tier="partner")

    delegate_notes = set(Note.objects.visible_to(make_delegate(world["a"])))
    viewer_notes = set(Note.objects.visible_to(make_donor_viewer(world["donor"])))

    assert delegate_notes == {partner_note, donor_note}
    assert staff_note not in viewer_notes and partner_note not in viewer_notes
    assert donor_note in viewer_notes
    assert Note.objects.visible_to(make_staff()).count() == 4


def test_a_hidden_note_is_not_counted(world):
    side_meeting = SideMeetingFactory(partner=world["a"])
    NoteFactory(side_meeting=side_meeting, tier="staff")
    assert side_meeting.notes.visible_to(make_delegate(world["a"])).count() == 0


def test_status_reason_is_flagged_by_tier_but_the_status_shows(world):
    StatusChangeFactory(partner=world["a"], tier="staff", reason="SECRET")
    StatusChangeFactory(partner=world["a"], tier="partner", reason="Shared")
    rows = StatusChange.objects.visible_to(make_delegate(world["a"])).order_by("reason")
    assert [(row.reason, row.text_shared) for row in rows] == [("SECRET", False), ("Shared", True)]
    assert all(row.text_shared for row in StatusChange.objects.visible_to(make_staff()))


def test_survey_results_follow_the_assessment_tier(world):
    hidden = AssessmentFactory(partner=world["a"], tier="staff")
    shared = AssessmentFactory(partner=world["a"], tier="partner")
    AssessmentScoreFactory(assessment=hidden, factor=factor(1))
    AssessmentScoreFactory(assessment=shared, factor=factor(1))
    delegate = make_delegate(world["a"])
    assert list(Assessment.objects.visible_to(delegate)) == [shared]
    assert [s.assessment_id for s in AssessmentScore.objects.visible_to(delegate)] == [shared.pk]
    assert not Assessment.objects.visible_to(make_delegate(world["b"])).exists()


def test_indicator_values_follow_their_plan(world):
    value = IndicatorValueFactory(
        indicator__outcome__plan__partner=world["a"], indicator__outcome__plan__tier="donors"
    )
    IndicatorValueFactory(indicator__outcome__plan__partner=world["a"], indicator__outcome__plan__tier="partner")
    viewer = make_donor_viewer(world["donor"])
    assert list(IndicatorValue.objects.visible_to(viewer)) == [value]
    assert IndicatorValue.objects.visible_to(make_delegate(world["a"])).count() == 2


def test_meetings_are_visible_through_attendance(world):
    attended = AttendanceFactory(partner=world["a"]).meeting
    AttendanceFactory(meeting=attended, partner=world["b"])
    AttendanceFactory(partner=world["c"])
    assert list(Meeting.objects.visible_to(make_delegate(world["a"]))) == [attended]
    assert list(Meeting.objects.visible_to(make_donor_viewer(world["donor"]))) == [attended]


def test_side_meetings_and_commitments_of_another_administration_are_hidden(world):
    other = SideMeetingFactory(partner=world["b"])
    CommitmentFactory(side_meeting=other, tier="partner")
    delegate = make_delegate(world["a"])
    assert not SideMeeting.objects.visible_to(delegate).exists()
    assert not Commitment.objects.visible_to(delegate).exists()


def test_get_visible_or_404_answers_404_for_hidden_and_missing_alike(world):
    delegate = make_delegate(world["a"])
    assert get_visible_or_404(PartnerAdministration.objects, delegate, slug=world["a"].slug) == world["a"]
    with pytest.raises(Http404):
        get_visible_or_404(PartnerAdministration.objects, delegate, slug=world["b"].slug)
    with pytest.raises(Http404):
        get_visible_or_404(PartnerAdministration.objects, delegate, slug="no-such-country")
    with pytest.raises(Http404):
        get_visible_or_404(Meeting.objects, delegate, uuid="not-a-uuid")


def test_require_staff_refuses_delegates_and_donors(world):
    require_staff(make_staff())
    for user in (make_delegate(world["a"]), make_donor_viewer(world["donor"]), UserFactory()):
        with pytest.raises(PermissionDenied):
            require_staff(user)


def test_membership_is_worked_out_once_per_user(world, django_assert_num_queries):
    delegate = make_delegate(world["a"])
    with django_assert_num_queries(2):
        membership_of(delegate)
        membership_of(delegate)


def test_donors_visible_to_each_role(world):
    other = DonorFactory()
    viewer = make_donor_viewer(world["donor"])
    assert set(donors_visible_to(make_staff())) == {world["donor"], other}
    assert list(donors_visible_to(viewer)) == [world["donor"]]
    assert not donors_visible_to(make_delegate(world["a"])).exists()


def test_the_partner_list_offers_a_donor_viewer_no_other_donor_by_name(client, world):
    DonorFactory(name="Another donor agency")
    client.force_login(make_donor_viewer(world["donor"]))
    response = client.get(reverse("partners:list"))
    assert response.status_code == 200
    assert "Another donor agency" not in response.content.decode()


def test_a_related_row_the_user_may_not_see_reads_as_none(world, django_assert_num_queries):
    hidden = OutcomeFactory(plan__partner=world["a"], plan__tier="staff")
    shared = OutcomeFactory(plan__partner=world["a"], plan__tier="partner")
    ActivityFactory(partner=world["a"], tier="donors", title="hidden", outcome=hidden)
    ActivityFactory(partner=world["a"], tier="donors", title="shared", outcome=shared)
    ActivityFactory(partner=world["a"], tier="donors", title="none")
    delegate, viewer, staff = make_delegate(world["a"]), make_donor_viewer(world["donor"]), make_staff()
    for user, seen in ((delegate, shared), (viewer, None)):
        membership_of(user)
        with django_assert_num_queries(2):  # the activities, then the outcomes the user may see
            served = {
                a.title: a.outcome for a in Activity.objects.visible_to(user).with_related_visible_to(user, "outcome")
            }
        assert served == {"hidden": None, "shared": seen, "none": None}
    membership_of(staff)
    with django_assert_num_queries(1):  # staff see every outcome: one join
        served = {
            a.title: a.outcome for a in Activity.objects.visible_to(staff).with_related_visible_to(staff, "outcome")
        }
    assert served == {"hidden": hidden, "shared": shared, "none": None}


def test_a_commitment_links_only_what_the_user_may_see(world):
    stranger = ContactFactory(partner=world["c"])
    elsewhere = SideMeetingFactory(partner=world["c"])
    hidden_activity = ActivityFactory(partner=world["a"], tier="staff")
    hidden_outcome = OutcomeFactory(plan__partner=world["a"], plan__tier="staff")
    CommitmentFactory(
        partner=world["a"],
        side_meeting=elsewhere,
        owner_contact=stranger,
        activity=hidden_activity,
        outcome=hidden_outcome,
        tier="partner",
    )
    delegate = make_delegate(world["a"])
    commitment = Commitment.objects.visible_to(delegate).with_people(delegate).with_links_visible_to(delegate).get()
    assert (commitment.side_meeting, commitment.owner_contact, commitment.activity, commitment.outcome) == (
        None,
        None,
        None,
        None,
    )
    staff = make_staff()
    commitment = Commitment.objects.visible_to(staff).with_people(staff).with_links_visible_to(staff).get()
    assert (commitment.side_meeting, commitment.owner_contact, commitment.activity, commitment.outcome) == (
        elsewhere,
        stranger,
        hidden_activity,
        hidden_outcome,
    )


def test_a_donor_viewer_gets_a_contacts_name_and_position_but_never_their_personal_data(
    world, django_assert_num_queries
):
    ContactFactory(
        partner=world["a"], name="Ama", position="coordinator", email="ama@example.org", phone="+1", job_title="DC"
    )
    viewer = make_donor_viewer(world["donor"])
    membership_of(viewer)
    with django_assert_num_queries(1):
        contact = Contact.objects.visible_to(viewer).get()
        assert (contact.name, contact.position) == ("Ama", "coordinator")
        assert (contact.email, contact.phone, contact.job_title, contact.language) == ("", "", "", "")
    with django_assert_num_queries(1):
        (contact,) = world["a"].contacts.visible_to(viewer).coordinator_first()
        assert contact.email == ""
    for user in (make_delegate(world["a"]), make_staff()):
        contact = Contact.objects.visible_to(user).get()
        assert (contact.email, contact.phone, contact.job_title, contact.language) == (
            "ama@example.org",
            "+1",
            "DC",
            "en",
        )


def test_a_meeting_is_visible_through_a_side_meeting_held_there(world):
    side_meeting = SideMeetingFactory(partner=world["a"])
    delegate = make_delegate(world["a"])
    assert list(Meeting.objects.visible_to(delegate)) == [side_meeting.meeting]
    assert not Meeting.objects.visible_to(make_delegate(world["c"])).exists()


def test_every_donor_reads_what_each_donor_reads_of_every_covered_administration(world, django_assert_num_queries):
    """EVERY_DONOR (what the programme publishes is read as it): the administrations of any agreement, rows shared
    with donors only, every donor's name, and no contact's personal data; asking costs no query for the role."""
    from acip.access import EVERY_DONOR

    other = DonorFactory()
    FundingAgreementFactory(donor=other, partners=[world["c"]])
    c = world["c"]
    shared = IndicatorValueFactory(indicator__outcome__plan__partner=c, indicator__outcome__plan__tier="donors")
    IndicatorValueFactory(indicator__outcome__plan__partner=c, indicator__outcome__plan__tier="partner")
    ContactFactory(partner=world["a"], email="ama@example.org")
    with django_assert_num_queries(1):
        assert PartnerAdministration.objects.visible_to(EVERY_DONOR).count() == 3
    uncovered = PartnerFactory()
    IndicatorValueFactory(indicator__outcome__plan__partner=uncovered, indicator__outcome__plan__tier="donors")
    assert list(IndicatorValue.objects.visible_to(EVERY_DONOR)) == [shared]
    assert set(donors_visible_to(EVERY_DONOR)) == {world["donor"], other}
    assert [contact.email for contact in Contact.objects.visible_to(EVERY_DONOR)] == [""]
    assert membership_of(EVERY_DONOR).readable_tiers == ("donors",)

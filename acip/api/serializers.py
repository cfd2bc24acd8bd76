"""What the API writes of each row: the fields, never the rules. Which rows a user receives is the access layer's
(the selectors); which text of a text-tiered row they may read is its `text_shared` (`SharedText`), as on the
pages; the fields for staff alone are in the `Staff...` serializers, which the views pick by role, as the exports
pick their columns."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from acip.editions.models import Edition
from acip.lib.history import person_name
from acip.models import Donor, FundingAgreement
from meetings.models import Commitment, Meeting, SideMeeting
from partners.models import (
    Activity,
    Assessment,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    StatusChange,
)


@extend_schema_field(OpenApiTypes.STR)
class SharedText(serializers.Field):
    """Free text of a text-tiered row (a status reason, a side meeting's outcomes): null where the row's tier does
    not share it with the reader (`text_shared`, annotated by the access layer)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True, allow_null=True)
        self.attribute = kwargs.pop("attribute")
        super().__init__(**kwargs)

    def to_representation(self, row):
        return getattr(row, self.attribute) if row.text_shared else None


def shared_text(attribute):
    return SharedText(attribute=attribute)


class PartnerSlug(serializers.SlugRelatedField):
    """The administration, by its slug (its id in the URLs of the pages and of /api/v1/partners/)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", read_only=True, **kwargs)


class Link(serializers.Serializer):
    """A related row, as the reader may see it (None where it is hidden: `with_related_visible_to`)."""

    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()


class CurrentStatus(serializers.Serializer):
    stage = serializers.CharField(source="current_stage")
    health = serializers.CharField(source="current_health")
    effective_on = serializers.DateField(source="status_effective_on")


class PartnerSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name")
    programme = serializers.CharField(source="programme.short_name")
    current_status = serializers.SerializerMethodField()
    donors = serializers.SerializerMethodField()
    last_event = serializers.DateField(read_only=True)
    open_commitment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PartnerAdministration
        fields = [
            "slug",
            "country_code",
            "country_name",
            "name",
            "acronym",
            "region",
            "cohort",
            "programme",
            "joined_on",
            "exited_on",
            "current_status",
            "last_event",
            "open_commitment_count",
            "donors",
        ]

    @extend_schema_field(CurrentStatus(allow_null=True))
    def get_current_status(self, partner):
        return CurrentStatus(partner).data if partner.current_stage else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_donors(self, partner) -> list[str]:
        # The agreements prefetched are those of the donors the reader may know of (`with_donors(user)`).
        return list(dict.fromkeys(agreement.donor.short_name for agreement in partner.funding_agreements.all()))


class StatusChangeSerializer(serializers.ModelSerializer):
    partner = PartnerSlug()
    reason = shared_text("reason")
    text_shared = serializers.BooleanField(read_only=True)

    class Meta:
        model = StatusChange
        fields = ["id", "partner", "effective_on", "stage", "health", "reason", "text_shared", "tier"]


class StaffStatusChangeSerializer(StatusChangeSerializer):
    recorded_by = serializers.SerializerMethodField()

    class Meta(StatusChangeSerializer.Meta):
        fields = [*StatusChangeSerializer.Meta.fields, "recorded_by", "created_at"]

    def get_recorded_by(self, status) -> str:
        return person_name(status.recorded_by)


class PlanSerializer(serializers.ModelSerializer):
    partner = PartnerSlug()

    class Meta:
        model = CountryPlan
        fields = [
            "id",
            "partner",
            "title",
            "version",
            "starts_on",
            "ends_on",
            "general_outcome",
            "status",
            "approved_on",
            "tier",
        ]


class OutcomeSerializer(serializers.ModelSerializer):
    partner = PartnerSlug(source="plan.partner")
    factors = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Outcome
        fields = ["id", "plan", "partner", "title", "description", "factors", "position"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "period", "target", "actual", "source", "comment"]


class IndicatorSerializer(serializers.ModelSerializer):
    partner = serializers.SerializerMethodField()
    programme = serializers.CharField(source="programme.short_name", allow_null=True, default=None)
    values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "partner",
            "outcome",
            "programme",
            "code",
            "name",
            "level",
            "unit",
            "direction",
            "baseline",
            "baseline_on",
            "baseline_source",
            "values",
        ]

    def get_partner(self, indicator) -> str | None:
        return indicator.outcome.plan.partner.slug if indicator.outcome_id else None


class ListedIndicatorValueSerializer(IndicatorValueSerializer):
    """A value in the list of values: with its indicator's administration."""

    partner = serializers.SerializerMethodField()

    class Meta(IndicatorValueSerializer.Meta):
        fields = [*IndicatorValueSerializer.Meta.fields, "partner"]

    def get_partner(self, value) -> str | None:
        outcome = value.indicator.outcome
        return outcome.plan.partner.slug if outcome else None


class ScoreSerializer(serializers.Serializer):
    factor = serializers.IntegerField(source="factor.number")
    group = serializers.CharField()
    score = serializers.DecimalField(max_digits=4, decimal_places=1)


class AssessmentSerializer(serializers.ModelSerializer):
    partner = PartnerSlug()
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "partner",
            "kind",
            "title",
            "round_number",
            "started_on",
            "ended_on",
            "sample_officials",
            "sample_private",
            "provider",
            "summary",
            "tier",
            "scores",
        ]


class ActivitySerializer(serializers.ModelSerializer):
    partner = PartnerSlug()
    outcome = Link(allow_null=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "partner",
            "title",
            "kind",
            "component",
            "modality",
            "status",
            "planned_start_on",
            "planned_end_on",
            "actual_start_on",
            "actual_end_on",
            "outcome",
            "description",
            "participants_women",
            "participants_men",
            "tier",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.short_name")
    attendance_count = serializers.IntegerField(read_only=True)
    side_meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "uuid",
            "kind",
            "committee",
            "session_number",
            "title",
            "starts_on",
            "ends_on",
            "place",
            "is_online",
            "theme",
            "programme",
            "attendance_count",
            "side_meeting_count",
        ]


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    tier = serializers.CharField()
    created_at = serializers.DateTimeField()


class StaffNoteSerializer(NoteSerializer):
    author = serializers.SerializerMethodField()

    def get_author(self, note) -> str:
        return person_name(note.author)


class SideMeetingSerializer(serializers.ModelSerializer):
    meeting = serializers.UUIDField(source="meeting.uuid")
    meeting_title = serializers.CharField(source="meeting.title")
    partner = PartnerSlug()
    partner_participants = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    wco_participants = shared_text("wco_participants")
    purpose = shared_text("purpose")
    key_outcomes = shared_text("key_outcomes")
    text_shared = serializers.BooleanField(read_only=True)
    notes = NoteSerializer(many=True, read_only=True)

    class Meta:
        model = SideMeeting
        fields = [
            "uuid",
            "meeting",
            "meeting_title",
            "partner",
            "held_on",
            "partner_participants",
            "wco_participants",
            "purpose",
            "key_outcomes",
            "text_shared",
            "tier",
            "notes",
        ]


class StaffSideMeetingSerializer(SideMeetingSerializer):
    notes = StaffNoteSerializer(many=True, read_only=True)

    class Meta(SideMeetingSerializer.Meta):
        fields = [*SideMeetingSerializer.Meta.fields, "atmosphere"]


class RaisedAt(serializers.Serializer):
    uuid = serializers.UUIDField()
    held_on = serializers.DateField()
    meeting = serializers.CharField(source="meeting.title")


class CommitmentSerializer(serializers.ModelSerializer):
    partner = PartnerSlug()
    owner_name = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    raised_at = RaisedAt(source="side_meeting", allow_null=True, read_only=True)
    outcome = Link(allow_null=True, read_only=True)
    activity = Link(allow_null=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "uuid",
            "partner",
            "title",
            "description",
            "owner",
            "owner_name",
            "due_on",
            "status",
            "is_overdue",
            "closed_at",
            "closing_comment",
            "raised_at",
            "outcome",
            "activity",
            "tier",
        ]


class DonorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Donor
        fields = ["slug", "name", "short_name", "country", "website"]


class FundingAgreementSerializer(serializers.ModelSerializer):
    donor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    programme = serializers.CharField(source="programme.short_name")
    phase = serializers.CharField(source="phase.name", allow_null=True, default=None)
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = FundingAgreement
        fields = [
            "id",
            "donor",
            "programme",
            "phase",
            "title",
            "reference",
            "signed_on",
            "starts_on",
            "ends_on",
            "amount",
            "currency",
            "amount_eur",
            "partners",
        ]


class StaffFundingAgreementSerializer(FundingAgreementSerializer):
    class Meta(FundingAgreementSerializer.Meta):
        fields = [*FundingAgreementSerializer.Meta.fields, "notes"]


class EditionSerializer(serializers.ModelSerializer):
    meeting = serializers.UUIDField(source="meeting.uuid", allow_null=True, default=None)
    partner_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Edition
        fields = ["id", "title", "frozen_on", "meeting", "schema_version", "partner_count", "created_at"]


class EditionEntrySerializer(serializers.Serializer):
    partner = serializers.IntegerField(source="partner_id")
    data = serializers.JSONField()


class EditionDetailSerializer(EditionSerializer):
    entries = EditionEntrySerializer(many=True, read_only=True)

    class Meta(EditionSerializer.Meta):
        fields = [*EditionSerializer.Meta.fields, "entries"]

"""The read-only API: one viewset per list, each over its selector (the page's own where the list has a page), so
that every row comes from the access layer and a list answers what its page shows. Hidden and missing rows both
answer 404; a malformed id, a filter value or a parameter a list does not know, a page that does not exist: 400,
naming the parameter; any write: 405."""

import types
import uuid

from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from django_filters.utils import translate_validation
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from acip.api import filters, selectors, serializers
from acip.api.filters import SelectorFilterBackend, StrictOrderingFilter, check_parameters
from acip.editions.models import Edition
from acip.models import Donor, FundingAgreement
from acip.roles import membership_of
from meetings.filters import CommitmentFilter, MeetingFilter, SideMeetingFilter
from meetings.models import Commitment, Meeting, Note, SideMeeting
from meetings.selectors import commitment_rows, meeting_rows, side_meeting_rows
from partners.filters import ActivityFilter, IndicatorValueFilter, PartnerFilter, StatusChangeFilter
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
from partners.selectors import activity_rows, indicator_value_rows, partner_rows, status_change_rows

#: What a list's selector reads of the request: the user and the filters (not the API's paging and ordering,
#: which a selector would take for filters: the commitments list opens on `status=open` when it has none).
_OWN_PARAMETERS = ("page", "page_size", "ordering", "format")


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and its rows, read through `rows` (a selector: request -> bound FilterSet).

    `lookup_kind` says what an id looks like ("int", "uuid" or "slug"): a malformed one is a 400 naming
    `lookup_field`, a well-formed one that the user may not see a 404 like a missing one."""

    rows = None
    filterset_class = None
    lookup_kind = "int"
    lookup_field = "pk"
    ordering_fields: list[str] = []
    serializer_class = None
    staff_serializer_class = None
    filter_backends = [SelectorFilterBackend, StrictOrderingFilter]

    def selector_request(self):
        query = QueryDict(mutable=True)
        for key, values in self.request.query_params.lists():
            if key not in _OWN_PARAMETERS:
                query.setlist(key, values)
        return types.SimpleNamespace(user=self.request.user, GET=query)

    def filterset(self):
        if not hasattr(self, "_filterset"):
            self._filterset = type(self).rows(self.selector_request())
        return self._filterset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        filterset = self.filterset()
        if self.action != "list":
            return self.preload(filterset.queryset)
        check_parameters(self.request.query_params, self.filterset_class)
        if filterset.is_bound and not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return self.preload(filterset.qs)

    def preload(self, queryset):
        """What the API shows beyond what the selector preloads for its page."""
        return queryset

    def get_serializer_class(self):
        if self.staff_serializer_class and membership_of(self.request.user).sees_everything:
            return self.staff_serializer_class
        return self.serializer_class

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            if self.lookup_kind == "int":
                if not value.isdigit() or int(value) > 2**31 - 1:
                    raise ValueError(value)
            elif self.lookup_kind == "uuid":
                value = uuid.UUID(value)
        except ValueError:
            raise ValidationError({self.lookup_field: [_("This is not a valid id.")]}) from None
        obj = self.get_queryset().filter(**{self.lookup_field: value}).first()
        if obj is None:
            raise Http404
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # confidential data, whoever asks (a token's caller too)
        return response


class PartnerViewSet(ScopedViewSet):
    """Partner administrations with their current status; the rows and filters of the partner list."""

    queryset = PartnerAdministration.objects.none()
    rows = partner_rows
    filterset_class = PartnerFilter
    serializer_class = serializers.PartnerSerializer
    lookup_field, lookup_kind = "slug", "slug"
    ordering_fields = ["country_name", "joined_on", "last_event"]


class StatusChangeViewSet(ScopedViewSet):
    """Status changes, the latest first. `reason` is null where its confidentiality does not share it with you."""

    queryset = StatusChange.objects.none()
    rows = status_change_rows
    filterset_class = StatusChangeFilter
    serializer_class = serializers.StatusChangeSerializer
    staff_serializer_class = serializers.StaffStatusChangeSerializer
    ordering_fields = ["effective_on"]


class PlanViewSet(ScopedViewSet):
    """Country plans (Project Information Documents)."""

    queryset = CountryPlan.objects.none()
    rows = selectors.plan_rows
    filterset_class = filters.PlanFilter
    serializer_class = serializers.PlanSerializer
    ordering_fields = ["starts_on", "version"]


class OutcomeViewSet(ScopedViewSet):
    """The outcomes of the country plans, with the numbers of the integrity factors they serve."""

    queryset = Outcome.objects.none()
    rows = selectors.outcome_rows
    filterset_class = filters.OutcomeFilter
    serializer_class = serializers.OutcomeSerializer


class IndicatorViewSet(ScopedViewSet):
    """Indicators with their baseline and their target and actual per year."""

    queryset = Indicator.objects.none()
    rows = selectors.indicator_rows
    filterset_class = filters.IndicatorFilter
    serializer_class = serializers.IndicatorSerializer


class IndicatorValueViewSet(ScopedViewSet):
    """Indicator values, one per indicator and year: the rows of the indicator values export."""

    queryset = IndicatorValue.objects.none()
    rows = indicator_value_rows
    filterset_class = IndicatorValueFilter
    serializer_class = serializers.ListedIndicatorValueSerializer
    ordering_fields = ["period"]


class AssessmentViewSet(ScopedViewSet):
    """Integrity assessments and survey rounds, with a score per integrity factor and respondent group."""

    queryset = Assessment.objects.none()
    rows = selectors.assessment_rows
    filterset_class = filters.AssessmentFilter
    serializer_class = serializers.AssessmentSerializer
    ordering_fields = ["started_on"]


class ActivityViewSet(ScopedViewSet):
    """Missions, workshops, trainings and other activities: the rows of the activities export."""

    queryset = Activity.objects.none()
    rows = activity_rows
    filterset_class = ActivityFilter
    serializer_class = serializers.ActivitySerializer
    ordering_fields = ["planned_start_on", "actual_start_on", "title"]


class MeetingViewSet(ScopedViewSet):
    """Meetings: the rows and filters of the meetings list."""

    queryset = Meeting.objects.none()
    rows = meeting_rows
    filterset_class = MeetingFilter
    serializer_class = serializers.MeetingSerializer
    lookup_field, lookup_kind = "uuid", "uuid"
    ordering_fields = ["starts_on", "title"]


class SideMeetingViewSet(ScopedViewSet):
    """Side meetings with their notes; the purpose and outcomes are null where they are not shared with you."""

    queryset = SideMeeting.objects.none()
    rows = side_meeting_rows
    filterset_class = SideMeetingFilter
    serializer_class = serializers.SideMeetingSerializer
    staff_serializer_class = serializers.StaffSideMeetingSerializer
    lookup_field, lookup_kind = "uuid", "uuid"
    ordering_fields = ["held_on"]

    def preload(self, queryset):
        notes = Note.objects.visible_to(self.request.user).select_related("author")
        return queryset.prefetch_related(Prefetch("notes", queryset=notes))


class CommitmentViewSet(ScopedViewSet):
    """Commitments (next steps): the open ones unless a filter is given, as the commitments list (`?status=` for
    all of them)."""

    queryset = Commitment.objects.none()
    rows = commitment_rows
    filterset_class = CommitmentFilter
    serializer_class = serializers.CommitmentSerializer
    lookup_field, lookup_kind = "uuid", "uuid"
    ordering_fields = ["due_on"]


class DonorViewSet(ScopedViewSet):
    """Donors: every one for staff, a donor viewer's own, none for anyone else."""

    queryset = Donor.objects.none()
    rows = selectors.donor_rows
    serializer_class = serializers.DonorSerializer
    lookup_field, lookup_kind = "slug", "slug"


class FundingAgreementViewSet(ScopedViewSet):
    """Funding agreements of the donors you may know of, with the administrations they cover that you may see."""

    queryset = FundingAgreement.objects.none()
    rows = selectors.funding_agreement_rows
    filterset_class = filters.FundingAgreementFilter
    serializer_class = serializers.FundingAgreementSerializer
    staff_serializer_class = serializers.StaffFundingAgreementSerializer
    ordering_fields = ["signed_on", "starts_on"]


class EditionViewSet(ScopedViewSet):
    """Status editions hold every tier's text: staff alone; anyone else is answered 404, as by their pages."""

    queryset = Edition.objects.none()
    rows = selectors.edition_rows
    filterset_class = filters.EditionFilter
    serializer_class = serializers.EditionSerializer
    ordering_fields = ["frozen_on"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not membership_of(request.user).sees_everything:
            raise Http404

    def get_serializer_class(self):
        return serializers.EditionDetailSerializer if self.action == "retrieve" else serializers.EditionSerializer

    def preload(self, queryset):
        return queryset.prefetch_related("entries") if self.action == "retrieve" else queryset

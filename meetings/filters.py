"""List filters for meetings, commitments and side meetings (whose only list is their export) (django-filter). The
querysets they narrow are already scoped to the user by their selector; the choices they offer are scoped the same
way."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.lib.forms import DateInput
from acip.models import Programme
from meetings.models import CommitmentStatus, MeetingKind, Owner, SideMeeting
from partners.filters import YearFilter, visible_partners
from partners.models import Activity


class _MeetingFilterBase(django_filters.FilterSet):
    """What the meetings list and the calendar both filter on."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices, empty_label=_("Any kind"))
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all(), empty_label=_("Any programme")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Administration"),
        field_name="partners",
        queryset=visible_partners,
        to_field_name="slug",
        empty_label=_("Any administration"),
    )


class MeetingFilter(_MeetingFilterBase):
    UPCOMING, PAST = "upcoming", "past"

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Under way or upcoming")), (PAST, _("Past"))],
        empty_label=_("Upcoming and past"),
        method="filter_when",
    )
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[], empty_label=_("Any year"), method="filter_year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.order_by().dates("starts_on", "year", order="DESC")
        # On the form's field, not the filter's: a filter keeps the field it first made (the API schema makes the
        # class's own), and every copy would offer that field's choices.
        self.form.fields["year"].choices = [(str(day.year), str(day.year)) for day in years]

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == self.UPCOMING:
            return queryset.upcoming(today)
        if value == self.PAST:
            return queryset.past(today)
        return queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(starts_on__year=int(value))


class CalendarFilter(_MeetingFilterBase):
    """The calendar's filters: the list's, but for the dates, which the month shown decides."""

    def activities(self):
        """The activities the calendar shows beside the meetings, as the user may see them: those of the
        administration filtered on; none when the filters ask for a kind of meeting or a programme, which an
        activity is not."""
        activities = Activity.objects.visible_to(self.request.user).on_calendar()
        if not self.is_valid():
            return activities
        data = self.form.cleaned_data
        if data.get("kind") or data.get("programme"):
            return activities.none()
        if data.get("partner"):
            activities = activities.filter(partner=data["partner"])
        return activities


class CommitmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CommitmentStatus.choices, empty_label=_("Any status")
    )
    owner = django_filters.ChoiceFilter(label=_("Owner"), choices=Owner.choices, empty_label=_("Either owner"))
    partner = django_filters.ModelChoiceFilter(
        label=_("Administration"),
        queryset=visible_partners,
        to_field_name="slug",
        empty_label=_("Any administration"),
    )
    due_after = django_filters.DateFilter(
        label=_("Due on or after"), field_name="due_on", lookup_expr="gte", widget=DateInput()
    )
    due_before = django_filters.DateFilter(
        label=_("Due on or before"), field_name="due_on", lookup_expr="lte", widget=DateInput()
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.overdue(timezone.localdate())
        return queryset


class SideMeetingFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(
        queryset=visible_partners, to_field_name="slug", label=_("Administration"), empty_label=_("Any administration")
    )
    year = YearFilter(field_name="held_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = SideMeeting
        fields = ["partner", "year"]

"""The filters of the dashboard and of the exports that have no list page of their own.

The dashboard filter narrows the partner set that every block of the dashboard is computed from. Its parameters
are named and valued like the partner list's (`?region=<id>&cohort=2019&donor=<id>`), so a query string means the
same thing on both pages.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from acip.access import covered_partner_ids, donors_visible_to
from acip.dashboards.donors import completed_in_funded_period
from acip.models import Donor, Programme, Region
from meetings.models import SideMeeting
from partners.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Cohort,
    Component,
    Health,
    IndicatorValue,
    Level,
    PartnerAdministration,
    RespondentGroup,
    Stage,
    StatusChange,
)

DEFAULT_STALE_DAYS = 180
MAX_STALE_DAYS = 3650


class ProgrammeFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), label=_("Programme"), empty_label=_("All programmes")
    )
    donor = django_filters.ModelChoiceFilter(
        queryset=Donor.objects.all(), label=_("Donor"), empty_label=_("All donors"), method="funded_by"
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), label=_("Region"), empty_label=_("All regions")
    )
    cohort = django_filters.ChoiceFilter(choices=Cohort.choices, label=_("Cohort"), empty_label=_("All cohorts"))

    class Meta:
        model = PartnerAdministration
        fields = ["programme", "donor", "region", "cohort"]

    def funded_by(self, queryset, name, donor):
        # A subquery rather than a join, so that two agreements of one donor do not count a country twice.
        return queryset.filter(pk__in=covered_partner_ids(donor.pk))

    @property
    def is_filtered(self) -> bool:
        """Whether a valid filter value narrows the set (the blocks that are not about partners depend on it)."""
        return self.is_bound and any(value not in (None, "") for value in self.form.cleaned_data.values())


class DashboardOptionsForm(forms.Form):
    """What the dashboard shows beside the filters: the heatmap's respondent group and when a page counts as stale."""

    group = forms.ChoiceField(
        label=_("Heatmap respondents"),
        choices=RespondentGroup.choices,
        required=False,
        initial=RespondentGroup.OFFICIALS,
    )
    stale_days = forms.IntegerField(
        label=_("Not updated for (days)"),
        min_value=1,
        max_value=MAX_STALE_DAYS,
        required=False,
        initial=DEFAULT_STALE_DAYS,
    )

    def clean_group(self):
        return self.cleaned_data["group"] or RespondentGroup.OFFICIALS

    def clean_stale_days(self):
        return self.cleaned_data["stale_days"] or DEFAULT_STALE_DAYS

    def values(self) -> tuple[str, int]:
        """The heatmap group and the stale threshold; a value that is not valid gives way to its default (the form
        keeps its error, shown next to the field)."""
        self.is_valid()
        return (
            self.cleaned_data.get("group", RespondentGroup.OFFICIALS),
            self.cleaned_data.get("stale_days", DEFAULT_STALE_DAYS),
        )


def options_from(data) -> DashboardOptionsForm:
    """The options form, always bound, so that a missing option takes its default and a bad one shows its error."""
    defaults = {"group": RespondentGroup.OFFICIALS, "stale_days": DEFAULT_STALE_DAYS}
    return DashboardOptionsForm({name: data.get(name, default) for name, default in defaults.items()})


class YearFilter(django_filters.NumberFilter):
    """A year between 1900 and 2100: anything else is a message next to the field, never a date out of range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


def visible_partners(request):
    if request is None:
        return PartnerAdministration.objects.none()
    return PartnerAdministration.objects.visible_to(request.user)


def visible_donors(request):
    if request is None:
        return Donor.objects.none()
    return donors_visible_to(request.user)


class ActivityFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(
        queryset=visible_partners, to_field_name="slug", label=_("Administration"), empty_label=_("Any administration")
    )
    status = django_filters.ChoiceFilter(
        choices=ActivityStatus.choices, label=_("Status"), empty_label=_("Any status")
    )
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"), empty_label=_("Any kind"))
    component = django_filters.ChoiceFilter(
        choices=Component.choices, label=_("Component"), empty_label=_("Either component")
    )
    year = YearFilter(field_name="planned_start_on", lookup_expr="year", label=_("Planned in year"))
    funded_by = django_filters.ModelChoiceFilter(
        queryset=visible_donors,
        to_field_name="slug",
        label=_("Completed under the funding of"),
        empty_label=_("Any donor"),
        method="completed_for_donor",
    )

    class Meta:
        model = Activity
        fields = ["partner", "status", "kind", "component", "year", "funded_by"]

    def completed_for_donor(self, queryset, name, donor):
        return completed_in_funded_period(queryset, donor)


class IndicatorValueFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(
        queryset=visible_partners,
        field_name="indicator__outcome__plan__partner",
        to_field_name="slug",
        label=_("Administration"),
        empty_label=_("Any administration"),
    )
    period = YearFilter(label=_("Year"))
    level = django_filters.ChoiceFilter(
        field_name="indicator__level", choices=Level.choices, label=_("Level"), empty_label=_("Any level")
    )
    funded_by = django_filters.ModelChoiceFilter(
        queryset=visible_donors,
        to_field_name="slug",
        label=_("Administrations funded by"),
        empty_label=_("Any donor"),
        method="covered_by_donor",
    )

    class Meta:
        model = IndicatorValue
        fields = ["partner", "period", "level", "funded_by"]

    def covered_by_donor(self, queryset, name, donor):
        return queryset.filter(indicator__outcome__plan__partner__in=covered_partner_ids(donor.pk))


class SideMeetingFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(
        queryset=visible_partners, to_field_name="slug", label=_("Administration"), empty_label=_("Any administration")
    )
    year = YearFilter(field_name="held_on", lookup_expr="year", label=_("Year"))

    class Meta:
        model = SideMeeting
        fields = ["partner", "year"]


class StatusChangeFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(
        queryset=visible_partners, to_field_name="slug", label=_("Administration"), empty_label=_("Any administration")
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"), empty_label=_("All stages"))
    health = django_filters.ChoiceFilter(choices=Health.choices, label=_("Health"), empty_label=_("Any health"))

    class Meta:
        model = StatusChange
        fields = ["partner", "stage", "health"]

"""The filters of the lists of this app: the partner list, and the activities, indicator values and status changes
that only their exports list (django-filter). They narrow a queryset that the access layer has already scoped to the
user; the choices they offer (administrations, donors) are scoped the same way. The partner list's queryset carries
the current status (`with_current_status()`), so that stage and health filter on the latest row."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from acip.access import covered_partner_ids, donors_visible_to
from acip.lib.forms import LimitedTextFormField
from acip.models import Donor, Region
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
    Stage,
    StatusChange,
)


def visible_partners(request):
    """The administrations a filter offers: those the user may see."""
    if request is None:
        return PartnerAdministration.objects.none()
    return PartnerAdministration.objects.visible_to(request.user)


def visible_donors(request):
    """The donors a filter offers: only those the user may know of (a donor viewer is not shown the others)."""
    if request is None:
        return Donor.objects.none()
    return donors_visible_to(request.user)


class FundedByFilter(django_filters.ModelChoiceFilter):
    """Rows of the administrations that an agreement of the chosen donor covers; `field_name` leads to the
    administration. A subquery rather than a join, so that two agreements of one donor do not list a row twice."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__in": covered_partner_ids(value.pk)})


class YearFilter(django_filters.NumberFilter):
    """A year between 1900 and 2100: anything else is a message next to the field, never a date out of range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    field_class = LimitedTextFormField  # the limit's message, worded as every text field's


class PartnerFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search"),
        method="search",
        max_length=200,  # as long as an administration's name
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Country or administration")}),
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), label=_("Region"), empty_label=_("All regions")
    )
    stage = django_filters.ChoiceFilter(
        choices=Stage.choices, field_name="current_stage", label=_("Stage"), empty_label=_("All stages")
    )
    health = django_filters.ChoiceFilter(
        choices=Health.choices, field_name="current_health", label=_("Health"), empty_label=_("Any health")
    )
    cohort = django_filters.ChoiceFilter(choices=Cohort.choices, label=_("Cohort"), empty_label=_("All cohorts"))
    donor = FundedByFilter(queryset=visible_donors, field_name="pk", label=_("Donor"), empty_label=_("All donors"))
    membership = django_filters.ChoiceFilter(
        choices=[("current", _("In the programme today")), ("former", _("Not in the programme today"))],
        label=_("Membership"),
        empty_label=_("Current and former"),
        method="by_membership",
    )

    sort = django_filters.ChoiceFilter(
        choices=[
            ("country", _("Country")),
            ("last_event", _("Last event, the oldest first")),
            ("-last_event", _("Last event, the latest first")),
        ],
        label=_("Sort by"),
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = PartnerAdministration
        fields = ["q", "region", "stage", "health", "cohort", "donor", "membership", "sort"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(country_name__icontains=value)
            | Q(name__icontains=value)
            | Q(acronym__icontains=value)
            | Q(country_code__iexact=value)
        )

    def by_membership(self, queryset, name, value):
        """Still in the programme today or not (`PartnerQuerySet.in_programme`: members today whose stage is not
        completed or exited), what the dashboard's health cards count and link to."""
        today = PartnerAdministration.objects.in_programme(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=today) if value == "current" else queryset.exclude(pk__in=today)

    @property
    def sort_key(self) -> str:
        """The order the list is in: the valid `sort` asked for, else by country."""
        if not self.is_bound:
            return "country"
        self.form.is_valid()
        return self.form.cleaned_data.get("sort") or "country"

    def sort_by(self, queryset, name, value):
        """By the last programme event (`with_last_event()`), a page with none counting as the oldest; then by
        country, so that the order is stable."""
        if value == "last_event":
            return queryset.order_by(F("last_event").asc(nulls_first=True), "country_name")
        if value == "-last_event":
            return queryset.order_by(F("last_event").desc(nulls_last=True), "country_name")
        return queryset.order_by("country_name")


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
        return queryset.completed_in_funded_period(donor)


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
    funded_by = FundedByFilter(
        queryset=visible_donors,
        field_name="indicator__outcome__plan__partner",
        to_field_name="slug",
        label=_("Administrations funded by"),
        empty_label=_("Any donor"),
    )

    class Meta:
        model = IndicatorValue
        fields = ["partner", "period", "level", "funded_by"]


class StatusChangeFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(
        queryset=visible_partners, to_field_name="slug", label=_("Administration"), empty_label=_("Any administration")
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"), empty_label=_("All stages"))
    health = django_filters.ChoiceFilter(choices=Health.choices, label=_("Health"), empty_label=_("Any health"))

    class Meta:
        model = StatusChange
        fields = ["partner", "stage", "health"]

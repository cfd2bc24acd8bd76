"""The filters of the partner list. They narrow a queryset that the access layer has already scoped to the user, and
that carries the current status (`with_current_status()`), so that stage and health filter on the latest row."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from acip.access import donors_visible_to
from acip.models import Donor, FundingAgreement, Region
from partners.models import Cohort, Health, PartnerAdministration, Stage


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
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
    donor = django_filters.ModelChoiceFilter(
        # Only the donors the user may know of: a donor viewer is not shown the names of the others.
        queryset=lambda request: donors_visible_to(request.user) if request else Donor.objects.none(),
        label=_("Donor"),
        empty_label=_("All donors"),
        method="funded_by",
    )

    class Meta:
        model = PartnerAdministration
        fields = ["q", "region", "stage", "health", "cohort", "donor"]

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

    def funded_by(self, queryset, name, donor):
        # A subquery rather than a join, so that two agreements of one donor do not list a country twice.
        covered = FundingAgreement.partners.through.objects.filter(fundingagreement__donor=donor)
        return queryset.filter(pk__in=covered.values("partneradministration_id"))

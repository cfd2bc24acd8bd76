"""The filters of the dashboard (and of its heatmap export).

The dashboard filter narrows the partner set that every block of the dashboard is computed from. Its parameters
are named and valued like the partner list's (`?region=<id>&cohort=2019&donor=<id>`), so a query string means the
same thing on both pages.
"""

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from acip.models import Donor, Programme, Region
from partners.filters import FundedByFilter
from partners.models import Cohort, PartnerAdministration, RespondentGroup

MAX_STALE_DAYS = 3650


def default_stale_days() -> int:
    """The stale threshold of settings (read per request, so that a test or a deployment may change it)."""
    return settings.ACIP_STALE_DAYS


class ProgrammeFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(), label=_("Programme"), empty_label=_("All programmes")
    )
    donor = FundedByFilter(
        queryset=Donor.objects.all(), field_name="pk", label=_("Donor"), empty_label=_("All donors")
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), label=_("Region"), empty_label=_("All regions")
    )
    cohort = django_filters.ChoiceFilter(choices=Cohort.choices, label=_("Cohort"), empty_label=_("All cohorts"))

    class Meta:
        model = PartnerAdministration
        fields = ["programme", "donor", "region", "cohort"]

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
        initial=default_stale_days,
    )

    def clean_group(self):
        return self.cleaned_data["group"] or RespondentGroup.OFFICIALS

    def clean_stale_days(self):
        return self.cleaned_data["stale_days"] or default_stale_days()

    def values(self) -> tuple[str, int]:
        """The heatmap group and the stale threshold; a value that is not valid gives way to its default (the form
        keeps its error, shown next to the field)."""
        self.is_valid()
        return (
            self.cleaned_data.get("group", RespondentGroup.OFFICIALS),
            self.cleaned_data.get("stale_days", default_stale_days()),
        )


def options_from(data) -> DashboardOptionsForm:
    """The options form, always bound, so that a missing option takes its default and a bad one shows its error."""
    defaults = {"group": RespondentGroup.OFFICIALS, "stale_days": default_stale_days()}
    return DashboardOptionsForm({name: data.get(name, default) for name, default in defaults.items()})

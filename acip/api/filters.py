"""How the API's lists filter, order and refuse junk.

A list's rows come from its selector (the page's own: partners/selectors.py, meetings/selectors.py; or this app's
selectors.py for the lists that only the API has), which binds the list's django-filter FilterSet to the query
string. `SelectorFilterBackend` only describes that FilterSet in the schema: the filtering is the selector's, so a
list's rows are the page's rows. A filter value the FilterSet refuses, a parameter that no filter knows and an
ordering not offered are each a 400 naming the parameter.
"""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from acip.editions.models import Edition
from acip.models import FundingAgreement
from partners.filters import visible_partners
from partners.models import Assessment, AssessmentKind, CountryPlan, Indicator, Level, Outcome, PlanStatus

#: Parameters of every list, besides its filters.
LIST_PARAMETERS = {"page", "page_size", "ordering", "format"}


class SelectorFilterBackend(DjangoFilterBackend):
    """Describes the view's FilterSet in the schema; filters nothing itself (the selector did)."""

    def filter_queryset(self, request, queryset, view):
        return queryset


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=field,-other` among the view's `ordering_fields`; anything else is a 400, not silently ignored.
    The primary key breaks ties, so that pages do not overlap."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return None
        terms = [term.strip() for term in params.split(",") if term.strip()]
        allowed = list(view.ordering_fields)
        unknown = [term for term in terms if term.lstrip("-") not in allowed]
        if not allowed:
            raise ValidationError({self.ordering_param: [_("This list has one order only.")]})
        if unknown or not terms:
            raise ValidationError(
                {self.ordering_param: [_("Order by one of: %(fields)s.") % {"fields": ", ".join(allowed)}]}
            )
        return [*terms, "pk"]

    def get_schema_operation_parameters(self, view):
        if not view.ordering_fields:
            return []
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["enum"] = [f"{sign}{name}" for name in view.ordering_fields for sign in ("", "-")]
        return parameters


def check_parameters(query_params, filterset_class) -> None:
    """A parameter that neither the list's filters nor its paging know: a 400 naming it (a typo would otherwise
    answer every row, as if it had filtered)."""
    known = LIST_PARAMETERS | set(filterset_class.base_filters if filterset_class else ())
    unknown = sorted(set(query_params) - known)
    if unknown:
        raise ValidationError({name[:50]: [_("No such parameter.")] for name in unknown[:10]})


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number within the database's integers, else a message, never an overflow."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**31 - 1, **kwargs)


def _partner(field_name="partner"):
    return django_filters.ModelChoiceFilter(
        queryset=visible_partners,
        field_name=field_name,
        to_field_name="slug",
        label=gettext_lazy("Administration"),
    )


class PlanFilter(django_filters.FilterSet):
    partner = _partner()
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=gettext_lazy("Status"))

    class Meta:
        model = CountryPlan
        fields = ["partner", "status"]


class OutcomeFilter(django_filters.FilterSet):
    partner = _partner("plan__partner")
    plan = IdFilter(field_name="plan_id", label=gettext_lazy("Plan"))

    class Meta:
        model = Outcome
        fields = ["partner", "plan"]


class IndicatorFilter(django_filters.FilterSet):
    partner = _partner("outcome__plan__partner")
    outcome = IdFilter(field_name="outcome_id", label=gettext_lazy("Outcome"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=gettext_lazy("Level"))

    class Meta:
        model = Indicator
        fields = ["partner", "outcome", "level"]


class AssessmentFilter(django_filters.FilterSet):
    partner = _partner()
    kind = django_filters.ChoiceFilter(choices=AssessmentKind.choices, label=gettext_lazy("Kind"))

    class Meta:
        model = Assessment
        fields = ["partner", "kind"]


class FundingAgreementFilter(django_filters.FilterSet):
    partner = _partner("partners")

    class Meta:
        model = FundingAgreement
        fields = ["partner"]


class EditionFilter(django_filters.FilterSet):
    class Meta:
        model = Edition
        fields = []

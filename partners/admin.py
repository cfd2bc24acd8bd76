"""Django admin for a country's integrity programme: administrations, contacts, status, plans, indicators,
assessments and activities. Every model here keeps its history, so every admin extends `acip.admin.HistoryAdmin`."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from acip.admin import AUDIT_FIELDS, HistoryAdmin, TabularInline
from acip.lib.queries import count_of
from acip.models import IntegrityFactor
from partners.forms import IndicatorForm, IndicatorValueForm, StaffUserChoiceField, StatusChangeForm
from partners.models import (
    Activity,
    Assessment,
    AssessmentScore,
    Contact,
    CountryPlan,
    Health,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    Stage,
    StatusChange,
)


def admin_form(app_form):
    """The app's form with every field of its model, as the admin shows them: the app's rules, the admin's reach."""

    class Meta(app_form.Meta):
        fields = None
        exclude = ()  # every editable field, as a ModelAdmin without a form of its own shows

    return type(f"Admin{app_form.__name__}", (app_form,), {"Meta": Meta, "reason_on_new_records": True})


# The rules are the app's: a changed baseline or target needs a reason, one value a year, no date ahead.
IndicatorAdminForm = admin_form(IndicatorForm)
IndicatorValueAdminForm = admin_form(IndicatorValueForm)


class CurrentStatusFilter(admin.SimpleListFilter):
    """Filters administrations on a field of their current status, which `with_current_status()` annotates."""

    status_choices: type[Stage] | type[Health]

    def lookups(self, request, model_admin):
        return self.status_choices.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class CurrentStageFilter(CurrentStatusFilter):
    title = _("current stage")
    parameter_name = "current_stage"
    status_choices = Stage


class CurrentHealthFilter(CurrentStatusFilter):
    title = _("current health")
    parameter_name = "current_health"
    status_choices = Health


class FactorChoicesOnce:
    """For an inline whose rows each pick integrity factors: read the ten factors once for the page, not once for
    every row's select (a Django select runs its query each time it renders)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.related_model is IntegrityFactor:
            formfield.choices = list(formfield.choices)
        return formfield


class ContactInline(TabularInline):
    model = Contact
    fields = ["name", "position", "job_title", "email", "phone", "language", "user", "is_active"]
    autocomplete_fields = ["user"]
    extra = 0
    show_change_link = True


@admin.register(PartnerAdministration)
class PartnerAdministrationAdmin(HistoryAdmin):
    list_display = [
        "country_name",
        "country_code",
        "name",
        "region",
        "cohort",
        "current_stage",
        "current_health",
        "joined_on",
        "exited_on",
        "exit_reason",
        "focal_point",
    ]
    list_filter = [
        CurrentStageFilter,
        CurrentHealthFilter,
        "region",
        "cohort",
        "exit_reason",
        "programme",
        "focal_point",
    ]
    list_select_related = ["region", "focal_point"]
    search_fields = ["country_name", "country_code", "name", "acronym"]
    prepopulated_fields = {"slug": ["country_name"]}
    readonly_fields = AUDIT_FIELDS
    inlines = [ContactInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_current_status()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "focal_point":
            # As in the app's FocalPointForm: staff by name (the model's limit_choices_to keeps the choice to staff).
            kwargs["form_class"] = StaffUserChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("current stage"), ordering="current_stage")
    def current_stage(self, partner):
        return partner.stage_label or ""

    @admin.display(description=_("current health"), ordering="current_health")
    def current_health(self, partner):
        return partner.health_label or ""


@admin.register(Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ["name", "partner", "position", "job_title", "email", "language", "user", "is_active"]
    list_filter = ["position", "language", "is_active", "partner__region"]
    list_select_related = ["partner", "user"]
    search_fields = ["name", "email", "job_title", "partner__country_name", "partner__name"]
    autocomplete_fields = ["partner", "user"]
    readonly_fields = AUDIT_FIELDS


@admin.register(StatusChange)
class StatusChangeAdmin(HistoryAdmin):
    form = admin_form(StatusChangeForm)  # the app's: a reason is required and a status is never dated ahead
    list_display = ["partner", "effective_on", "stage", "health", "tier", "recorded_by"]
    list_filter = ["stage", "health", "tier", "partner__region"]
    list_select_related = ["partner", "recorded_by"]
    search_fields = ["partner__country_name", "partner__name", "reason"]
    date_hierarchy = "effective_on"
    autocomplete_fields = ["partner", "recorded_by"]
    readonly_fields = AUDIT_FIELDS

    def get_changeform_initial_data(self, request):
        return {"recorded_by": request.user.pk, **super().get_changeform_initial_data(request)}

    def has_change_permission(self, request, obj=None):
        # A status is only ever added, never rewritten: the timeline is the history (DESIGN.md).
        return obj is None and super().has_change_permission(request, obj)


class OutcomeInline(FactorChoicesOnce, TabularInline):
    model = Outcome
    fields = ["position", "title", "factors"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("factors")


@admin.register(CountryPlan)
class CountryPlanAdmin(HistoryAdmin):
    list_display = [
        "title",
        "partner",
        "version",
        "status",
        "starts_on",
        "ends_on",
        "approved_on",
        "tier",
        "outcome_count",
    ]
    list_filter = ["status", "tier", "partner__region"]
    list_select_related = ["partner"]
    search_fields = ["title", "general_outcome", "partner__country_name", "partner__name"]
    autocomplete_fields = ["partner"]
    readonly_fields = AUDIT_FIELDS
    inlines = [OutcomeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(outcome_count=count_of(Outcome, "plan"))

    @admin.display(description=_("outcomes"), ordering="outcome_count")
    def outcome_count(self, plan):
        return plan.outcome_count


@admin.register(Outcome)
class OutcomeAdmin(HistoryAdmin):
    list_display = ["title", "plan", "position", "factor_numbers"]
    list_filter = ["factors", "plan__partner__region", "plan__status"]
    # A plan's name starts with its administration's.
    list_select_related = ["plan__partner"]
    search_fields = ["title", "description", "plan__title", "plan__partner__country_name"]
    autocomplete_fields = ["plan"]
    filter_horizontal = ["factors"]
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("factors")

    @admin.display(description=_("integrity factors"))
    def factor_numbers(self, outcome):
        return ", ".join(str(factor.number) for factor in outcome.factors.all())


class IndicatorValueInline(TabularInline):
    model = IndicatorValue
    form = IndicatorValueAdminForm
    fields = ["period", "target", "actual", "source", "comment", "change_reason"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    form = IndicatorAdminForm
    list_display = [
        "name",
        "code",
        "partner",
        "outcome",
        "programme",
        "level",
        "unit",
        "direction",
        "baseline",
        "value_count",
    ]
    list_filter = ["level", "direction", "programme", "outcome__plan__partner__region"]
    list_select_related = ["outcome__plan__partner", "programme"]
    search_fields = ["name", "code", "outcome__title", "outcome__plan__partner__country_name"]
    autocomplete_fields = ["outcome"]
    readonly_fields = AUDIT_FIELDS
    inlines = [IndicatorValueInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(value_count=count_of(IndicatorValue, "indicator"))

    @admin.display(description=_("administration"), ordering="outcome__plan__partner__country_name")
    def partner(self, indicator):
        return indicator.outcome.plan.partner if indicator.outcome_id else ""

    @admin.display(description=_("values"), ordering="value_count")
    def value_count(self, indicator):
        return indicator.value_count


@admin.register(IndicatorValue)
class IndicatorValueAdmin(HistoryAdmin):
    form = IndicatorValueAdminForm
    list_display = ["indicator", "period", "target", "actual", "source"]
    list_filter = ["period", "indicator__level"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__name", "indicator__code", "source", "comment"]
    autocomplete_fields = ["indicator"]
    readonly_fields = AUDIT_FIELDS


class AssessmentScoreInline(FactorChoicesOnce, TabularInline):
    model = AssessmentScore
    fields = ["factor", "group", "score"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("factor")


@admin.register(Assessment)
class AssessmentAdmin(HistoryAdmin):
    list_display = ["title", "partner", "kind", "round_number", "started_on", "ended_on", "tier", "score_count"]
    list_filter = ["kind", "tier", "partner__region"]
    list_select_related = ["partner"]
    search_fields = ["title", "provider", "summary", "partner__country_name", "partner__name"]
    date_hierarchy = "started_on"
    autocomplete_fields = ["partner"]
    readonly_fields = AUDIT_FIELDS
    inlines = [AssessmentScoreInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(score_count=count_of(AssessmentScore, "assessment"))

    @admin.display(description=_("scores"), ordering="score_count")
    def score_count(self, assessment):
        return assessment.score_count


@admin.register(AssessmentScore)
class AssessmentScoreAdmin(HistoryAdmin):
    list_display = ["assessment", "factor", "group", "score"]
    list_filter = ["group", "factor", "assessment__kind"]
    # An assessment's name starts with its administration's.
    list_select_related = ["assessment__partner", "factor"]
    search_fields = ["assessment__title", "assessment__partner__country_name"]
    autocomplete_fields = ["assessment"]


@admin.register(Activity)
class ActivityAdmin(HistoryAdmin):
    list_display = [
        "title",
        "partner",
        "kind",
        "component",
        "modality",
        "status",
        "planned_start_on",
        "actual_start_on",
        "tier",
    ]
    list_filter = ["status", "kind", "component", "modality", "tier", "partner__region"]
    list_select_related = ["partner"]
    search_fields = ["title", "description", "partner__country_name", "partner__name"]
    date_hierarchy = "planned_start_on"
    autocomplete_fields = ["partner", "outcome"]
    readonly_fields = AUDIT_FIELDS

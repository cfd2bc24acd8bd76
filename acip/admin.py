"""Django admin for the programme core, and the user admin with the profile that gives a role its reach.

Every programme model keeps its history (django-simple-history), so its admin extends `SimpleHistoryAdmin` and has a
"History" button. The reference lists (integrity factors, regions) have no history and use the plain `ModelAdmin`.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from acip.models import Donor, FundingAgreement, IntegrityFactor, Phase, Profile, Programme, Region

AUDIT_FIELDS = ["created_at", "updated_at"]


def count_of(model, fk: str):
    """An annotation counting the rows of `model` whose `fk` points to the outer row, as a correlated subquery.

    A `Count()` over a reverse relation joins the child table and groups every selected column; two of them multiply
    each other's rows. One subquery per count keeps a changelist at one query however many counts it shows.
    """
    rows = model._base_manager.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")), 0)


class PhaseInline(admin.TabularInline):
    model = Phase
    fields = ["number", "name", "starts_on", "ends_on"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "name", "starts_on", "ends_on", "phase_count"]
    list_filter = ["starts_on"]
    search_fields = ["name", "short_name", "objective"]
    prepopulated_fields = {"slug": ["short_name"]}
    readonly_fields = AUDIT_FIELDS
    inlines = [PhaseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(phase_count=count_of(Phase, "programme"))

    @admin.display(description=_("phases"), ordering="phase_count")
    def phase_count(self, obj):
        return obj.phase_count


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "number", "starts_on", "ends_on"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "description", "programme__short_name"]
    readonly_fields = AUDIT_FIELDS


@admin.register(Donor)
class DonorAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "name", "country", "agreement_count"]
    list_filter = ["country"]
    search_fields = ["name", "short_name", "country"]
    prepopulated_fields = {"slug": ["short_name"]}
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_count=count_of(FundingAgreement, "donor"))

    @admin.display(description=_("agreements"), ordering="agreement_count")
    def agreement_count(self, obj):
        return obj.agreement_count


@admin.register(FundingAgreement)
class FundingAgreementAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "donor",
        "programme",
        "phase",
        "signed_on",
        "starts_on",
        "ends_on",
        "amount",
        "currency",
        "amount_eur",
        "partner_count",
    ]
    list_filter = ["donor", "programme", "currency"]
    # The phase's name starts with its programme's.
    list_select_related = ["donor", "programme", "phase__programme"]
    search_fields = ["title", "reference", "donor__name", "donor__short_name"]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["partners"]
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        covered = count_of(FundingAgreement.partners.through, "fundingagreement")
        return super().get_queryset(request).annotate(partner_count=covered)

    @admin.display(description=_("partners covered"), ordering="partner_count")
    def partner_count(self, obj):
        return obj.partner_count


# The reference lists are ten factors and six regions: a filter sidebar would offer nothing that the page does not
# already show, so these two have none.
@admin.register(IntegrityFactor)
class IntegrityFactorAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "slug"]
    list_display_links = ["number", "name"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "partner_count"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        # Reached through the relation: the core never imports `partners`.
        partner_model = Region._meta.get_field("partners").related_model
        return super().get_queryset(request).annotate(partner_count=count_of(partner_model, "region"))

    @admin.display(description=_("partners"), ordering="partner_count")
    def partner_count(self, obj):
        return obj.partner_count


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partner", "donor", "updated_at"]
    list_filter = ["donor", "partner__region", "user__groups"]
    list_select_related = ["user", "partner", "donor"]
    search_fields = ["user__username", "user__email", "partner__country_name", "partner__name", "donor__name"]
    autocomplete_fields = ["user", "partner", "donor"]
    readonly_fields = AUDIT_FIELDS


class ProfileInline(admin.StackedInline):
    """On the user page: which administration or donor the user's role applies to."""

    model = Profile
    fields = ["partner", "donor"]
    autocomplete_fields = ["partner", "donor"]
    can_delete = False
    verbose_name_plural = _("administration or donor")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class ProfileUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = [*UserAdmin.list_display, "linked_to"]
    list_select_related = ["profile__partner", "profile__donor"]

    @admin.display(description=_("linked to"))
    def linked_to(self, user):
        profile = getattr(user, "profile", None)
        if profile is None:
            return ""
        return profile.partner or profile.donor or ""

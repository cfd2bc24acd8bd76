"""Django admin for the programme core, and the user admin with the profile that gives a role its reach.

Every programme model keeps its history (django-simple-history), so its admin extends `SimpleHistoryAdmin` and has a
"History" button. The reference lists (integrity factors, regions) have no history and use the plain `ModelAdmin`.
"""

import datetime
import functools
import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, Max, Min
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from acip.forms import AdminLoginForm
from acip.lib.concurrency import VERSION, VersionedModelForm, VersionField
from acip.lib.forms import DecimalField, ModelMultipleChoiceField
from acip.lib.queries import count_of
from acip.models import Donor, FundingAgreement, IntegrityFactor, Phase, Profile, Programme, Region
from acip.roles import ROLE_LABELS, Role
from acip.services import role_errors, role_of, user_invite, user_role_set

AUDIT_FIELDS = ["created_at", "updated_at"]
# The admin's form fields for model fields, where the project has a field of its own (see acip.lib.forms).
FORMFIELD_OVERRIDES = {
    models.DecimalField: {"form_class": DecimalField},
    models.ManyToManyField: {"form_class": ModelMultipleChoiceField},
}


def _is_key(model_field, value) -> bool:
    try:
        model_field.run_validators(model_field.to_python(value))
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


class SafeAutocomplete:
    """Django's autocomplete widget, shown again with what a refused post sent: it looks the sent ids up to label
    them, and an id that is not one (text, a number past the column's range) ended in a server error (ValueError on
    SQLite, DataError on PostgreSQL). Such a value is not an id, so it is not shown as chosen; the field's own
    message says why."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        return super().optgroups(name, [v for v in value if _is_key(key, v)], attr)


class SafeAutocompleteSelect(SafeAutocomplete, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeAutocomplete, AutocompleteSelectMultiple):
    pass


class ProjectFormFields:
    """The project's form fields and widgets in every admin form (ModelAdmin and inline alike)."""

    formfield_overrides = FORMFIELD_OVERRIDES

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def years_with_rows(rows, field_name: str, *, with_time: bool, bounds: dict | None = None) -> list:
    """The years in which `rows` have a `field_name`, as the date hierarchy lists them (January 1st of each).

    Django asks for them with a DISTINCT over the truncated date of every row: 100,000 notes read, truncated and
    sorted at scale. Here the first and last dates come from the field's index, then one query asks of each year
    between them whether a row falls in it (an EXISTS each, a probe of the same index): two queries, whatever the
    number of rows. `bounds` are the first and last dates when the caller has them already.
    """
    rows = rows.order_by()
    if bounds is None:
        bounds = rows.aggregate(first=Min(field_name), last=Max(field_name))
    if bounds["first"] is None:
        return []
    if with_time:
        zone = timezone.get_current_timezone()
        first, last = (timezone.localtime(bounds[end], zone) for end in ("first", "last"))

        def start(year):
            return datetime.datetime(year, 1, 1, tzinfo=zone)
    else:
        first, last = bounds["first"], bounds["last"]

        def start(year):
            return datetime.date(year, 1, 1)

    years = range(first.year, last.year + 1)

    def within(year):
        return {f"{field_name}__gte": start(year), f"{field_name}__lt": start(year + 1)}

    in_year = {f"year_{year}": Exists(rows.filter(**within(year))) for year in years}
    found = rows.annotate(**in_year).values(*in_year)[0]
    return [start(year) for year in years if found[f"year_{year}"]]


class YearsFromIndex:
    """Mixed into a change list's queryset: the date hierarchy's list of years through `years_with_rows`. Months
    and days (once a year is chosen) are Django's own, over that year's rows only."""

    _date_bounds = None

    def aggregate(self, *args, **kwargs):
        # The date hierarchy asks this queryset for the first and last dates of its field, then for its years: the
        # dates are kept, so that `years_with_rows` does not ask again (the same queries as Django's own, then).
        result = super().aggregate(*args, **kwargs)
        first, last = kwargs.get("first"), kwargs.get("last")
        if not args and len(kwargs) == 2 and isinstance(first, Min) and isinstance(last, Max):
            fields = {
                getattr(source, "name", None) for source in [*first.source_expressions, *last.source_expressions]
            }
            if len(fields) == 1 and None not in fields and first.filter is None and last.filter is None:
                self._date_bounds = (fields.pop(), result)
        return result

    def _bounds_of(self, field_name):
        return self._date_bounds[1] if self._date_bounds and self._date_bounds[0] == field_name else None

    def dates(self, field_name, kind, order="ASC"):
        if kind == "year" and order == "ASC":
            return years_with_rows(self, field_name, with_time=False, bounds=self._bounds_of(field_name))
        return super().dates(field_name, kind, order)

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind == "year" and order == "ASC" and tzinfo is None:
            return years_with_rows(self, field_name, with_time=True, bounds=self._bounds_of(field_name))
        return super().datetimes(field_name, kind, order, tzinfo)


@functools.cache
def _with_years_from_index(queryset_class):
    return type(f"YearsFromIndex{queryset_class.__name__}", (YearsFromIndex, queryset_class), {})


class IndexedChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if self.date_hierarchy:
            # Every clone keeps the class, so the date hierarchy's queryset has the method.
            queryset.__class__ = _with_years_from_index(type(queryset))
        return queryset


class HistoryAdmin(ProjectFormFields, SimpleHistoryAdmin):
    """The admin of every programme model: its history, the project's form fields, and a form that refuses to
    overwrite a newer version of its record (acip/lib/concurrency.py), as the app's edit forms do.

    The change lists stay fast on the tables of 100,000 rows: no second count of the whole table for "(n total)"
    beside a filtered count (`show_full_result_count`), and the date hierarchy's years read from the index."""

    form = VersionedModelForm
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return IndexedChangeList

    def action_checkbox(self, obj):
        # Django's own HTML, without rendering a CheckboxInput through the form renderer's template for each row:
        # that was a fifth of a change list's time.
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


class VersionedInline(ProjectFormFields):
    """Each row of an inline carries its version too, whatever fields the inline lists."""

    form = VersionedModelForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if VERSION in fields else [*fields, VERSION]


class TabularInline(VersionedInline, admin.TabularInline):
    pass


class StackedInline(VersionedInline, admin.StackedInline):
    pass


# The admin's login refuses an over-long username too (acip/forms.py).
admin.site.login_form = AdminLoginForm


class PhaseInline(TabularInline):
    model = Phase
    fields = ["number", "name", "starts_on", "ends_on"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ["short_name", "name", "starts_on", "ends_on", "phase_count"]
    list_filter = ["starts_on"]
    search_fields = ["name", "short_name", "objective"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["manager"]
    readonly_fields = AUDIT_FIELDS
    inlines = [PhaseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(phase_count=count_of(Phase, "programme"))

    @admin.display(description=_("phases"), ordering="phase_count")
    def phase_count(self, obj):
        return obj.phase_count


@admin.register(Phase)
class PhaseAdmin(HistoryAdmin):
    list_display = ["name", "programme", "number", "starts_on", "ends_on"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "description", "programme__short_name"]
    readonly_fields = AUDIT_FIELDS


@admin.register(Donor)
class DonorAdmin(HistoryAdmin):
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
class FundingAgreementAdmin(HistoryAdmin):
    list_display = [
        "title",
        "donor",
        "programme",
        "phase",
        "signed_on",
        "starts_on",
        "ends_on",
        "amount",
        "amount_approximation",
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
    list_display = ["number", "name", "label", "slug"]
    list_display_links = ["number", "name"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("name in your language"))
    def label(self, obj):
        # The row keeps the English as entered; this column shows how the pages name it (acip/reference.py).
        return obj.label


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "label", "code", "position", "partner_count"]
    search_fields = ["name", "code"]

    @admin.display(description=_("name in your language"))
    def label(self, obj):
        return obj.label

    def get_queryset(self, request):
        # Reached through the relation: the core never imports `partners`.
        partner_model = Region._meta.get_field("partners").related_model
        return super().get_queryset(request).annotate(partner_count=count_of(partner_model, "region"))

    @admin.display(description=_("partners"), ordering="partner_count")
    def partner_count(self, obj):
        return obj.partner_count


@admin.register(Profile)
class ProfileAdmin(HistoryAdmin):
    list_display = ["user", "partner", "donor", "updated_at"]
    list_filter = ["donor", "partner__region", "user__groups"]
    list_select_related = ["user", "partner", "donor"]
    search_fields = ["user__username", "user__email", "partner__country_name", "partner__name", "donor__name"]
    autocomplete_fields = ["user", "partner", "donor"]
    readonly_fields = AUDIT_FIELDS

    # A profile is written with its role group, from the user's page (its "Role"): here it is read only, so that
    # a link without its group, or a group without its link, cannot be made.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class ProjectGroupAdmin(ProjectFormFields, GroupAdmin):
    """Django's group admin with the project's form fields (an id past the database's range gets a message)."""


ROLE_CHOICES = [
    (Role.NONE.value, _("No role yet")),
    (Role.STAFF.value, ROLE_LABELS[Role.STAFF]),
    (Role.DELEGATE.value, _("Partner delegate of an administration")),
    (Role.DONOR.value, _("Donor viewer of a donor")),
]


class RoleFields(forms.Form):
    """The user's role and what it reaches, as one choice (issue 20): the role group and the profile's link are
    written together by `user_role_set`, and a delegate without an administration (or any other inconsistent
    pair) is refused next to the field. Mixed into the user admin's add and change forms."""

    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.NONE.value)
    role_partner = forms.ModelChoiceField(
        label=_("Administration"),
        queryset=None,
        required=False,
        help_text=_("For a partner delegate: the one administration they belong to."),
    )
    role_donor = forms.ModelChoiceField(
        label=_("Donor"),
        queryset=Donor.objects.order_by("name"),
        required=False,
        help_text=_("For a donor viewer: the donor whose funded partners they may see."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role_partner"].queryset = Profile._meta.get_field("partner").related_model.objects.order_by(
            "country_name"
        )
        if self.instance.pk is not None and not self.is_bound:
            role, partner, donor = role_of(self.instance)
            self.initial.update(role=role.value, role_partner=partner and partner.pk, role_donor=donor and donor.pk)

    def clean(self):
        cleaned_data = super().clean()
        role = cleaned_data.get("role")
        if role is not None:
            for name, message in role_errors(
                role=role, partner=cleaned_data.get("role_partner"), donor=cleaned_data.get("role_donor")
            ).items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned_data


def user_state(user) -> str:
    """The version of a user's page. A user has no `updated_at`, so it is a digest of what the page edits, as
    stored: a save from a page opened before someone else's save is refused, as every edit form's is."""
    profile = Profile.objects.filter(user=user).values_list("partner_id", "donor_id").first()
    stored = [
        [getattr(user, name) for name in ("username", "first_name", "last_name", "email")],
        [user.is_active, user.is_staff, user.is_superuser],
        sorted(user.groups.values_list("pk", flat=True)),
        sorted(user.user_permissions.values_list("pk", flat=True)),
        profile,
    ]
    return hashlib.sha256(repr(stored).encode()).hexdigest()


class UserRoleChangeForm(RoleFields, UserChangeForm):
    opened_version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial[VERSION] = user_state(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get(VERSION)
        if opened:  # a post without one (a script) is not checked, as elsewhere
            # The admin runs clean() and the save in one transaction: the lock holds until the user is written.
            with transaction.atomic():
                current = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk).first()
            if current is not None and user_state(current) != opened:
                self.add_error(None, VersionedModelForm.version_error)
        return cleaned_data


class UserRoleAddForm(RoleFields, AdminUserCreationForm):
    pass


ROLE_FIELDSET = (_("Role"), {"fields": ("role", "role_partner", "role_donor")})


@admin.register(User)
class ProfileUserAdmin(ProjectFormFields, UserAdmin):
    form = UserRoleChangeForm
    add_form = UserRoleAddForm
    # The role groups are set by the role above, never ticked by hand (a group without its link gave no access).
    fieldsets = [
        (None, {"fields": ("username", "password", VERSION)}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        ROLE_FIELDSET,
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    ]
    add_fieldsets = [
        (None, {"classes": ("wide",), "fields": ("username", "email", "usable_password", "password1", "password2")}),
        ROLE_FIELDSET,
    ]
    list_display = [*UserAdmin.list_display, "linked_to"]
    list_select_related = ["profile__partner", "profile__donor"]
    actions = ["invite"]

    @admin.display(description=_("linked to"))
    def linked_to(self, user):
        profile = getattr(user, "profile", None)
        if profile is None:
            return ""
        return profile.partner or profile.donor or ""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        user_role_set(
            user=form.instance, role=data["role"], partner=data.get("role_partner"), donor=data.get("role_donor")
        )

    @admin.action(description=_("Invite: e-mail a link to choose a password"))
    def invite(self, request, queryset):
        sent = 0
        for user in queryset:
            try:
                user_invite(user=user, domain=request.get_host(), use_https=request.is_secure())
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d invitation was sent.", "%(count)d invitations were sent.", sent) % {"count": sent},
                messages.SUCCESS,
            )

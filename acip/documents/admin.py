"""Documents in the admin: the same upload form and checks as the pages, with the record chosen from its six keys.

Adding an attachment uploads its first file; on an existing one, a file chosen in "File" becomes its newest version
(the older ones are kept and listed below, read-only). Both go through the services, like the pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from acip.admin import AUDIT_FIELDS, HistoryAdmin
from acip.documents.forms import UPLOAD_FIELDS, UploadField, UploadMixin
from acip.documents.models import PARENTS, Attachment, AttachmentVersion
from acip.documents.services import attachment_create, attachment_delete, attachment_version_add, version_delete
from acip.lib.concurrency import VersionedModelForm


class AttachmentAdminForm(UploadMixin, VersionedModelForm):
    upload = UploadField(required=False)

    class Meta:
        model = Attachment
        fields = [*UPLOAD_FIELDS, *PARENTS]

    def clean(self):
        # Exactly one record: the model's constraint, which the form validates too.
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("upload"):
            self.add_error("upload", _("Choose the document's file."))
        return cleaned


class AttachmentVersionInline(admin.TabularInline):
    model = AttachmentVersion
    fields = ["number", "original_name", "size", "content_type", "uploaded_by", "uploaded_at", "by_delegation"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(HistoryAdmin):
    form = AttachmentAdminForm
    list_display = ["title", "kind", "dated_on", "tier", "created_by", "created_at"]
    list_filter = ["kind", "tier", "dated_on"]
    list_select_related = ["created_by"]
    search_fields = ["title", "versions__original_name"]
    raw_id_fields = PARENTS
    readonly_fields = ["created_by", *AUDIT_FIELDS]
    inlines = [AttachmentVersionInline]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            super().save_model(request, obj, form, change)
            if data.get("upload"):
                attachment_version_add(attachment=obj, data=data, user=request.user)
            return
        parent = next(data[name] for name in PARENTS if data.get(name))
        created = attachment_create(parent=parent, data=data, user=request.user)
        obj.pk, obj.uuid, obj.created_by = created.pk, created.uuid, created.created_by
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_model(self, request, obj):
        attachment_delete(attachment=obj)

    def delete_queryset(self, request, queryset):
        for attachment in queryset:
            attachment_delete(attachment=attachment)

    def save_related(self, request, form, formsets, change):
        # The versions inline is read-only; the attachment has no many-to-many field to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change)


@admin.register(AttachmentVersion)
class AttachmentVersionAdmin(admin.ModelAdmin):
    """The files, read-only: a version is never changed; a newer one is uploaded on its attachment."""

    list_display = [
        "attachment",
        "number",
        "original_name",
        "size",
        "content_type",
        "uploaded_by",
        "uploaded_at",
        "by_delegation",
    ]
    list_filter = ["by_delegation", "content_type", "uploaded_at"]
    list_select_related = ["attachment", "uploaded_by"]
    search_fields = ["original_name", "attachment__title"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_model(self, request, obj):
        version_delete(version=obj)

    def delete_queryset(self, request, queryset):
        for version in queryset:
            version_delete(version=version)

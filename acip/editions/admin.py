"""Editions in the admin: read-only, since an edition is never edited. Only a superuser may delete one; the
deletion is recorded in the edition's history (simple-history, with who deleted it)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from acip.editions.models import Edition, EditionEntry


class EditionEntryInline(admin.TabularInline):
    model = EditionEntry
    fields = ["partner", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "frozen_on", "meeting", "created_by", "created_at"]
    list_filter = ["frozen_on"]
    list_select_related = ["meeting", "created_by"]
    search_fields = ["title"]
    readonly_fields = ["title", "frozen_on", "meeting", "schema_version", "created_by", "created_at", "updated_at"]
    fields = readonly_fields
    inlines = [EditionEntryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

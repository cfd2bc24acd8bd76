from django.contrib import admin

from acip.admin import ProjectFormFields
from acip.reminders.forms import ReminderPreferenceForm
from acip.reminders.models import ReminderLog, ReminderPreference


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(ProjectFormFields, admin.ModelAdmin):
    form = ReminderPreferenceForm
    list_display = ["user", "commitments", "stale_pages", "digest", "digest_weekday", "language"]
    list_filter = ["commitments", "stale_pages", "digest", "digest_weekday", "language"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """The record of what `send_reminders` sent or failed to send: read only, written by the command alone."""

    list_display = ["last_tried_at", "kind", "object_id", "step", "recipient", "status", "attempts", "subject"]
    list_filter = ["kind", "status", "last_tried_at"]
    search_fields = ["recipient", "subject", "error", "step"]
    date_hierarchy = "last_tried_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

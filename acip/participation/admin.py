from django.contrib import admin

from acip.admin import HistoryAdmin
from acip.participation.models import PageConfirmation, Proposal, ValueReport


@admin.register(PageConfirmation)
class PageConfirmationAdmin(HistoryAdmin):
    list_display = ["partner", "confirmed_on", "confirmed_by"]
    list_filter = ["confirmed_on"]
    list_select_related = ["partner", "confirmed_by"]
    search_fields = ["partner__country_name", "comment"]
    raw_id_fields = ["partner", "confirmed_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Proposal)
class ProposalAdmin(HistoryAdmin):
    """Decided in the app's review queue, which writes through the records' services: read only here."""

    list_display = ["created_at", "partner", "kind", "target_label", "field", "state", "decided_by"]
    list_filter = ["state", "kind"]
    list_select_related = ["partner", "decided_by"]
    search_fields = ["partner__country_name", "target_label", "comment", "proposed_value"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ValueReport)
class ValueReportAdmin(HistoryAdmin):
    list_display = ["partner", "indicator", "period", "actual", "state", "submitted_at", "decided_by"]
    list_filter = ["state", "period"]
    list_select_related = ["partner", "indicator", "decided_by"]
    search_fields = ["partner__country_name", "indicator__name", "comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

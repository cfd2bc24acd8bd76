"""Generated PDFs in the admin: a read-only list of what the worker made, for whom and how it went. The files are
not offered here (they are served through the access checks of acip/pdfs/views.py only) nor read for the list:
their size is counted by the database. Old ones go by `manage.py prune_pdfs`, not by hand."""

from django.contrib import admin
from django.db.models.functions import Length
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from acip.pdfs.models import GeneratedPdf


@admin.register(GeneratedPdf)
class GeneratedPdfAdmin(admin.ModelAdmin):
    list_display = ["uuid", "kind", "edition", "donor", "query", "language", "state", "size", "requested_by"]
    list_display += ["created_at", "finished_at"]
    list_filter = ["kind", "state", "language"]
    list_select_related = ["edition", "donor", "requested_by"]
    search_fields = ["uuid", "donor__name", "edition__title", "filename"]
    date_hierarchy = "created_at"
    fields = list_display + ["compared", "data_version", "filename", "error"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content").annotate(content_size=Length("content"))

    @admin.display(description=_("size"), ordering="content_size")
    def size(self, obj):
        return filesizeformat(obj.content_size or 0)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

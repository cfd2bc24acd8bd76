from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Bulk import of survey results and records from spreadsheets. On top of the house: imports partners."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "acip.imports"
    label = "imports"
    verbose_name = _("Imports")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents attached to the programme's records; on top of partners and meetings, whose records they hang off."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "acip.documents"
    label = "documents"
    verbose_name = _("Documents")

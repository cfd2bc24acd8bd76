from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdfsConfig(AppConfig):
    """PDFs made off the request path by the task worker (an edition's, a donor report's), kept for download."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "acip.pdfs"
    label = "pdfs"
    verbose_name = _("Generated PDFs")

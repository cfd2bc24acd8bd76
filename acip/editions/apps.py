from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    """Status editions: the programme's status frozen on a date. On top of partners and meetings, which it composes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "acip.editions"
    label = "editions"
    verbose_name = _("Status editions")

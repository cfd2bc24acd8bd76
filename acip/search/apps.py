from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search box over every kind of record (registry.py), on top of the house: it reads partners and meetings,
    which never import it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "acip.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.backends.signals import connection_created

        from acip.search.text import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="acip.search.fold")

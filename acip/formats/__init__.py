"""How each language writes a date (settings.FORMAT_MODULE_PATH): pages write `date:"DATE_FORMAT"`, never a pattern
of their own, so that English reads "3 Jun 2025" and French "3 juin 2025" (Django's own French "M" gives "Jui" for
both June and July)."""

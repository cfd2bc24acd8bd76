# French abbreviations with their full stops (3 juin 2025, 3 juil. 2025), not Django's "Jui" and "Jul".
DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j N Y H:i"
YEAR_MONTH_FORMAT = "N Y"

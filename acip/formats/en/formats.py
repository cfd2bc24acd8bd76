# Day first, as the WCO writes dates in English: 3 Jun 2025.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
YEAR_MONTH_FORMAT = "M Y"

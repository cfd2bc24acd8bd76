# Spanish dates as the WCO's Spanish texts write them: 3 de junio de 2025, junio de 2025.
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"

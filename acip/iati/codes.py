"""The few IATI codes the programme's file uses, each from the IATI codelist named above it (IATI-Codelists,
https://iatistandard.org/en/iati-standard/203/codelists/). A code is a fact of the standard: look it up there
before adding one."""

#: The version of the IATI Standard the file follows (its schema is in schema/).
IATI_VERSION = "2.03"

# OrganisationRole
ROLE_FUNDING = "1"
ROLE_IMPLEMENTING = "4"

# OrganisationType
ORG_TYPE_GOVERNMENT = "10"
ORG_TYPE_MULTILATERAL = "40"

# ActivityStatus
STATUS_PIPELINE = "1"
STATUS_IMPLEMENTATION = "2"
STATUS_CLOSED = "4"

# ActivityDateType
DATE_PLANNED_START = "1"
DATE_ACTUAL_START = "2"
DATE_PLANNED_END = "3"
DATE_ACTUAL_END = "4"

# ActivityScope
SCOPE_MULTINATIONAL = "3"
SCOPE_NATIONAL = "4"

# RelatedActivityType
RELATED_PARENT = "1"
RELATED_CHILD = "2"

# SectorVocabulary: 1 is the OECD DAC five-digit sector list; 15113 is in it.
SECTOR_VOCABULARY_DAC5 = "1"
SECTOR_ANTI_CORRUPTION = "15113"
SECTOR_ANTI_CORRUPTION_NAME = "Anti-corruption organisations and institutions"

# RegionVocabulary 1 (OECD DAC), Region 998: the parent activity spans many countries, each of them named by its
# own child activity.
REGION_VOCABULARY_DAC = "1"
REGION_DEVELOPING_UNSPECIFIED = "998"

# BudgetType and BudgetStatus: a signed agreement is the original, committed budget.
BUDGET_ORIGINAL = "1"
BUDGET_COMMITTED = "2"

# ResultType
RESULT_OUTCOME = "2"

# IndicatorMeasure
MEASURE_UNIT = "1"
MEASURE_PERCENTAGE = "2"

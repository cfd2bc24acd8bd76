"""The English texts of the reference data, marked for translation: the ten key factors of the Revised Arusha
Declaration and the six WCO regions (DOMAIN.md §2, §3).

The rows stay as entered, in English (migration 0003 loads them); pages, charts and exports show them in the user's
language through `IntegrityFactor.label`, `IntegrityFactor.description_label` and `Region.label`, which look the
English up in the catalogue. A name that is not here (a region renamed in the admin) shows as entered.
"""

from django.utils.translation import gettext, gettext_noop

FACTOR_NAMES = [
    gettext_noop("Leadership and Commitment"),
    gettext_noop("Regulatory Framework"),
    gettext_noop("Transparency"),
    gettext_noop("Automation"),
    gettext_noop("Reform and Modernization"),
    gettext_noop("Audit and Investigation"),
    gettext_noop("Code of Conduct"),
    gettext_noop("Human Resource Management"),
    gettext_noop("Morale and Organizational Culture"),
    gettext_noop("Relationship with the Private Sector"),
]

#: Factor number -> a one-line summary of what the Revised Arusha Declaration asks under that factor.
FACTOR_DESCRIPTIONS = {
    1: gettext_noop(
        "The head of the administration and its senior managers own the integrity programme and lead by example."
    ),
    2: gettext_noop("Customs law, regulations and procedures are harmonised, simplified and leave little discretion."),
    3: gettext_noop("Clients know the rules and decisions, and can ask for a decision to be reviewed."),
    4: gettext_noop("Automated systems reduce face-to-face contact and the room for discretion in processing."),
    5: gettext_noop(
        "Procedures are reformed and modernised to remove the incentives and opportunities for corruption."
    ),
    6: gettext_noop(
        "Internal and external audit, and investigation of suspected misconduct, are in place and effective."
    ),
    7: gettext_noop("A clear, practical code of conduct says what is expected of staff, with consequences."),
    8: gettext_noop("Recruitment, rotation, pay, training and appraisal support integrity."),
    9: gettext_noop("Staff are motivated, treated fairly and proud of an organisation that values integrity."),
    10: gettext_noop("The administration works openly with the private sector, with agreed mutual obligations."),
}

REGION_NAMES = [
    gettext_noop("Americas and Caribbean"),
    gettext_noop("Europe"),
    gettext_noop("Asia/Pacific"),
    gettext_noop("North of Africa, Near and Middle East"),
    gettext_noop("East and Southern Africa"),
    gettext_noop("West and Central Africa"),
]


def translated(text: str) -> str:
    """The text in the active language when the catalogue has it, else as entered (never the catalogue's header)."""
    return gettext(text) if text else ""

# The donor report's world (Norad funds Ghana and Mali in 2024, staff-only markers beside every shared record).
from tests.acip.test_donor_report import world  # noqa: F401 (a fixture)

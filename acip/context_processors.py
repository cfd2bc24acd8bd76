from functools import cache

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from acip.dashboards.mywork import attention_count
from acip.roles import Role, membership_of

# (url name, label, roles that see the item). Staff's and delegates' home is My work; a donor's the donor view. A
# delegate's "Our programme" is the partner list's address, which takes them to their own administration's page.
NAV = [
    ("my_work", _("My work"), {Role.ADMINISTRATOR, Role.STAFF, Role.DELEGATE}),
    ("partners:list", _("Our programme"), {Role.DELEGATE}),
    ("dashboard:home", _("Dashboard"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("partners:list", _("Partners"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("meetings:list", _("Meetings"), {Role.ADMINISTRATOR, Role.STAFF, Role.DELEGATE}),
    ("meetings:commitments", _("Commitments"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("editions:list", _("Editions"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("participation:queue", _("Review queue"), {Role.ADMINISTRATOR, Role.STAFF}),
    # The navigation's own wording (context "navigation"), which a language may shorten to keep the bar on one line.
    ("donors:home", pgettext_lazy("navigation", "Donor view"), {Role.ADMINISTRATOR, Role.STAFF, Role.DONOR}),
    ("results:home", pgettext_lazy("navigation", "Programme results"), {Role.ADMINISTRATOR, Role.STAFF, Role.DONOR}),
    ("admin:index", _("Admin"), {Role.ADMINISTRATOR}),
]
#: The items that fold into one "Reports" menu for a reader who has all of them (staff), so that the bar stays on one
#: line at 1,280 px in every language; a donor viewer, with two of them, keeps them in the bar.
REPORTS = {"editions:list", "donors:home", "results:home"}


def navigation(request):
    if not request.user.is_authenticated:
        return {}
    role = membership_of(request.user).role
    names = [name for name, _label, roles in NAV if role in roles]
    folded = REPORTS <= set(names)
    items = [
        {
            "url": reverse(name),
            "label": label,
            "is_my_work": name == "my_work",
            "in_reports": folded and name in REPORTS,
        }
        for name, label, roles in NAV
        if role in roles
    ]
    # The current page's item is the one with the longest address the path starts with, so that
    # /meetings/commitments/ lights "Commitments" and not "Meetings" as well.
    current = max(
        (item["url"] for item in items if request.path.startswith(item["url"]) and item["url"] != "/"),
        key=len,
        default=None,
    )
    for item in items:
        item["active"] = item["url"] == current or (item["url"] == "/" and request.path == "/")
    reports = [item for item in items if item["in_reports"]]
    if reports:
        reports[0]["reports_menu"] = reports
    user = request.user
    # Called by the navigation bar only (one query, on pages that draw it), however often the template asks.
    return {"nav_items": items, "my_work_count": cache(lambda: attention_count(user, today=timezone.localdate()))}

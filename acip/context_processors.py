from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from acip.roles import Role, membership_of

# (url name, label, roles that see the item). Staff's and donors' home is their dashboard or donor view, so only a
# delegate, whose home is their administration's page, gets a "Home" item.
NAV = [
    ("home", _("Our programme"), {Role.DELEGATE}),
    ("dashboard:home", _("Dashboard"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("partners:list", _("Partners"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("meetings:list", _("Meetings"), {Role.ADMINISTRATOR, Role.STAFF, Role.DELEGATE}),
    ("meetings:commitments", _("Commitments"), {Role.ADMINISTRATOR, Role.STAFF}),
    ("donors:home", _("Donor view"), {Role.ADMINISTRATOR, Role.STAFF, Role.DONOR}),
    ("admin:index", _("Admin"), {Role.ADMINISTRATOR}),
]


def navigation(request):
    if not request.user.is_authenticated:
        return {}
    role = membership_of(request.user).role
    items = [{"url": reverse(name), "label": label} for name, label, roles in NAV if role in roles]
    # The current page's item is the one with the longest address the path starts with, so that
    # /meetings/commitments/ lights "Commitments" and not "Meetings" as well.
    current = max(
        (item["url"] for item in items if request.path.startswith(item["url"]) and item["url"] != "/"),
        key=len,
        default=None,
    )
    for item in items:
        item["active"] = item["url"] == current or (item["url"] == "/" and request.path == "/")
    return {"nav_items": items}

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from acip.roles import Role, membership_of

# (url name, label, roles that see the item). Items whose URL does not exist yet are left out.
NAV = [
    ("home", _("Home"), {Role.ADMINISTRATOR, Role.STAFF, Role.DELEGATE, Role.DONOR}),
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
    items = []
    for name, label, roles in NAV:
        if role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        active = request.path == url if name == "home" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items}

"""Writes of the programme core that touch several rows: a user's role (group and profile in one step) and the
invitation that lets a new user choose their password."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from acip.models import Profile
from acip.roles import GROUP_DELEGATES, GROUP_DONORS, GROUP_STAFF, Role

#: The roles the user admin offers, each with its group; Role.NONE takes every role group away.
ROLE_GROUPS = {Role.STAFF: GROUP_STAFF, Role.DELEGATE: GROUP_DELEGATES, Role.DONOR: GROUP_DONORS}


def role_errors(*, role: str, partner, donor) -> dict[str, str]:
    """What is wrong with a role and its link, by field: a delegate needs an administration and a donor viewer a
    donor, and neither may carry the other's link."""
    errors = {}
    if role == Role.DELEGATE and partner is None:
        errors["role_partner"] = _("A partner delegate belongs to one administration: choose it.")
    if role == Role.DONOR and donor is None:
        errors["role_donor"] = _("A donor viewer reads for one donor: choose it.")
    if partner is not None and role != Role.DELEGATE:
        errors["role_partner"] = _("Only a partner delegate is linked to an administration.")
    if donor is not None and role != Role.DONOR:
        errors["role_donor"] = _("Only a donor viewer is linked to a donor.")
    return errors


def role_of(user) -> tuple[str, object, object]:
    """The role the user's groups give (the first of staff, delegate, donor viewer) and the profile's links, as the
    user admin shows them; with no role group, Role.NONE."""
    if user.pk is None:
        return Role.NONE, None, None
    names = set(user.groups.values_list("name", flat=True))
    profile = Profile.objects.filter(user=user).select_related("partner", "donor").first()
    role = next((role for role, group in ROLE_GROUPS.items() if group in names), Role.NONE)
    return role, profile and profile.partner, profile and profile.donor


@transaction.atomic
def user_role_set(*, user, role: str, partner=None, donor=None) -> None:
    """Give `user` one role and its link in one step: the role's group (and no other role group; other groups stay)
    and the profile pointing at the administration or donor (or at nothing). An inconsistent pair is refused."""
    if errors := role_errors(role=role, partner=partner, donor=donor):
        raise ValidationError(errors)
    user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()))
    if role in ROLE_GROUPS:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.partner, profile.donor = partner, donor
    profile.full_clean()
    profile.save()
    user.__dict__.pop("_acip_membership", None)


def user_invite(*, user, domain: str, use_https: bool) -> None:
    """Mail `user` a link to choose their password: Django's password-reset token (it expires after
    PASSWORD_RESET_TIMEOUT, and once the password is set), sent with the app's mail settings."""
    if not user.is_active:
        raise ValidationError(_("%(user)s is not active: activate the account first.") % {"user": user})
    if not user.email:
        raise ValidationError(_("%(user)s has no e-mail address to send the invitation to.") % {"user": user})
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "link": f"{'https' if use_https else 'http'}://{domain}{path}",
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "login_url": f"{'https' if use_https else 'http'}://{domain}{reverse('login')}",
    }
    subject = "".join(render_to_string("registration/invite_subject.txt", context).splitlines())
    body = render_to_string("registration/invite_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])

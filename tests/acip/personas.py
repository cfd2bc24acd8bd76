"""The people of the permission tests: a delegate of A, a delegate of B, a donor viewer covering A, staff."""

from django.contrib.auth.models import Group

from acip.roles import GROUP_DELEGATES, GROUP_DONORS, GROUP_STAFF
from tests.acip.factories import ProfileFactory, UserFactory


def make_staff(username="staff"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=GROUP_STAFF))
    return user


def make_delegate(partner, username=None):
    user = UserFactory(username=username or f"delegate-{partner.slug}")
    user.groups.add(Group.objects.get(name=GROUP_DELEGATES))
    ProfileFactory(user=user, partner=partner)
    return user


def make_donor_viewer(donor, username=None):
    user = UserFactory(username=username or f"viewer-{donor.slug}")
    user.groups.add(Group.objects.get(name=GROUP_DONORS))
    ProfileFactory(user=user, donor=donor)
    return user

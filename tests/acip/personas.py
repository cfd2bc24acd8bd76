"""The people of the tests, defined once: programme staff, a delegate of an administration, a donor viewer of a
donor, and a client logged in as any of them. The permission tests use them as they are; each app's conftest builds
its fixtures from them.

Usernames are fixed (`staff`, `delegate-<partner slug>`, `viewer-<donor slug>`) and UserFactory gets or creates by
username, so asking twice for the same person gives the same user.
"""

from django.contrib.auth.models import Group
from django.test import Client

from acip.roles import GROUP_DELEGATES, GROUP_DONORS, GROUP_STAFF
from tests.acip.factories import ProfileFactory, UserFactory


def in_group(user, name: str):
    user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_staff(username="staff", **fields):
    return in_group(UserFactory(username=username, **fields), GROUP_STAFF)


def make_delegate(partner, username=None, **fields):
    user = in_group(UserFactory(username=username or f"delegate-{partner.slug}", **fields), GROUP_DELEGATES)
    ProfileFactory(user=user, partner=partner)
    return user


def make_donor_viewer(donor, username=None, **fields):
    user = in_group(UserFactory(username=username or f"viewer-{donor.slug}", **fields), GROUP_DONORS)
    ProfileFactory(user=user, donor=donor)
    return user


def client_for(user) -> Client:
    """A client of its own per persona, so that one test can compare what two personas see."""
    client = Client()
    client.force_login(user)
    return client

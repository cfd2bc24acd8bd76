import datetime

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from acip.models import Donor, FundingAgreement, IntegrityFactor, Phase, Profile, Programme, Region


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = "Anti-Corruption and Integrity Promotion Programme"
    short_name = "A-CIP"
    slug = "a-cip"
    starts_on = datetime.date(2019, 1, 1)


class PhaseFactory(DjangoModelFactory):
    class Meta:
        model = Phase

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda p: f"Phase {p.number}")
    starts_on = datetime.date(2019, 1, 1)


class DonorFactory(DjangoModelFactory):
    class Meta:
        model = Donor

    name = factory.Sequence(lambda n: f"Donor agency {n}")
    short_name = factory.Sequence(lambda n: f"D{n}")
    slug = factory.Sequence(lambda n: f"donor-{n}")


class FundingAgreementFactory(DjangoModelFactory):
    class Meta:
        model = FundingAgreement
        skip_postgeneration_save = True

    donor = factory.SubFactory(DonorFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Agreement {n}")
    signed_on = datetime.date(2018, 11, 16)
    starts_on = datetime.date(2019, 1, 1)
    ends_on = datetime.date(2025, 9, 30)
    amount = 5_000_000

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.add(*extracted)


def factor(number: int) -> IntegrityFactor:
    """The reference rows are loaded by a migration; tests read them rather than make new ones."""
    return IntegrityFactor.objects.get(number=number)


def region(code: str = "WCA") -> Region:
    return Region.objects.get(code=code)


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)

import datetime
from string import ascii_uppercase

import factory
from factory.django import DjangoModelFactory

from acip.devdata.demo.facts import PARTNERS
from acip.models import Region
from partners.models import (
    Activity,
    Assessment,
    AssessmentScore,
    Contact,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    StatusChange,
)
from tests.acip.factories import ProgrammeFactory

#: Two-letter codes for factory-made administrations, none of them a code that the demo data or a test gives an
#: administration by hand (GH, NP...): the sequence runs on across a test session, so it would reach them.
FREE_CODES = [
    code
    for code in (a + b for a in ascii_uppercase for b in ascii_uppercase)
    if code not in {fact.code for fact in PARTNERS} | {"CI", "MW", "UA"}
]


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = PartnerAdministration

    programme = factory.SubFactory(ProgrammeFactory)
    country_code = factory.Sequence(lambda n: FREE_CODES[n % len(FREE_CODES)])
    country_name = factory.Sequence(lambda n: f"Country {n}")
    name = factory.LazyAttribute(lambda p: f"Customs of {p.country_name}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="WCA"))
    cohort = "2019"
    joined_on = datetime.date(2019, 1, 1)
    exited_on = None
    # An exit date goes with an exit reason (the model's rule and a database constraint).
    exit_reason = factory.LazyAttribute(lambda p: "other" if p.exited_on else "")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")


class StatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = StatusChange

    partner = factory.SubFactory(PartnerFactory)
    effective_on = datetime.date(2019, 4, 10)
    stage = "implementation"
    health = "on_track"
    reason = "Illustrative reason."


class CountryPlanFactory(DjangoModelFactory):
    class Meta:
        model = CountryPlan

    partner = factory.SubFactory(PartnerFactory)
    title = "Project Information Document"
    version = factory.Sequence(lambda n: n + 1)
    starts_on = datetime.date(2021, 1, 1)
    ends_on = datetime.date(2024, 12, 31)


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    plan = factory.SubFactory(CountryPlanFactory)
    title = factory.Sequence(lambda n: f"Outcome {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    outcome = factory.SubFactory(OutcomeFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    baseline = 40


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.Sequence(lambda n: 2020 + n % 50)
    target = 50
    actual = 45


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    partner = factory.SubFactory(PartnerFactory)
    kind = "cips"
    title = factory.Sequence(lambda n: f"CIPS round {n}")
    started_on = datetime.date(2020, 1, 15)


class AssessmentScoreFactory(DjangoModelFactory):
    class Meta:
        model = AssessmentScore

    assessment = factory.SubFactory(AssessmentFactory)
    group = "officials"
    score = 55


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    kind = "workshop"
    planned_start_on = datetime.date(2022, 3, 1)

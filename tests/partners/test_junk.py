"""Junk posted to every partners form, and put in every filter of the list, gets a page back, never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="\x00\u202e\U0001f600'\"<>;%", max_size=5),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        ["", "2019-02-30", "99999-01-01", "0", "-1", "100.05", "1e5", "NaN", "sNaN", "-Infinity", "staff", "completed"]
    ),
)
FIELDS = [
    "effective_on", "stage", "health", "reason", "tier", "title", "version", "status", "starts_on", "ends_on",
    "approved_on", "general_outcome", "description", "position", "factors", "code", "name", "level", "unit",
    "direction", "baseline", "baseline_on", "baseline_source", "period", "target", "actual", "source", "comment",
    "kind", "round_number", "started_on", "ended_on", "sample_officials", "sample_private", "provider", "summary",
    "component", "modality", "outcome", "planned_start_on", "planned_end_on", "actual_start_on", "actual_end_on",
    "participants_women", "participants_men", "change_reason", "scores-TOTAL_FORMS", "scores-INITIAL_FORMS",
    "scores-0-officials", "scores-0-private", "scores-9-officials", "scores-12-private",
]  # fmt: skip
FILTERS = ["q", "region", "stage", "health", "cohort", "donor", "page"]
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def urls(partner, records):
    slug = partner.slug
    return [
        reverse("partners:status_create", args=[slug]),
        reverse("partners:plan_create", args=[slug]),
        reverse("partners:plan_update", args=[slug, records["plan"].pk]),
        reverse("partners:outcome_create", args=[slug, records["plan"].pk]),
        reverse("partners:outcome_update", args=[slug, records["outcome"].pk]),
        reverse("partners:indicator_create", args=[slug, records["outcome"].pk]),
        reverse("partners:indicator_update", args=[slug, records["indicator"].pk]),
        reverse("partners:value_create", args=[slug, records["indicator"].pk]),
        reverse("partners:value_update", args=[slug, records["value"].pk]),
        reverse("partners:assessment_create", args=[slug]),
        reverse("partners:assessment_update", args=[slug, records["assessment"].pk]),
        reverse("partners:activity_create", args=[slug]),
        reverse("partners:activity_update", args=[slug, records["activity"].pk]),
    ]


@SETTINGS
@given(data=st.fixed_dictionaries({}, optional={field: junk for field in FIELDS}))
def test_junk_posted_to_any_form_never_errors(staff_client, urls, data):
    for url in urls:
        assert staff_client.post(url, data).status_code in (200, 302), url


@SETTINGS
@given(query=st.fixed_dictionaries({}, optional={name: junk for name in FILTERS}))
def test_junk_in_the_list_filters_never_errors(staff_client, partner, query):
    assert staff_client.get(reverse("partners:list"), query).status_code == 200

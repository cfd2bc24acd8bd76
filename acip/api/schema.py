"""What the OpenAPI schema cannot work out alone: the token scheme, and the type of a filter whose values it cannot
guess (loaded by apps.ApiConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from meetings.filters import MeetingFilter
from partners.filters import ActivityFilter, PartnerFilter


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "acip.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal token from /settings/api-tokens/."}


# Filters by a method, or on what is not a field of the model: their types cannot be told from the model.
extend_schema_field(OpenApiTypes.STR)(ActivityFilter.base_filters["funded_by"])  # a donor's slug
extend_schema_field(OpenApiTypes.INT)(PartnerFilter.base_filters["donor"])  # a donor's id
extend_schema_field(OpenApiTypes.INT)(MeetingFilter.base_filters["year"])

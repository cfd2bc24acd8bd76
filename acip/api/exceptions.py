"""The API's errors as JSON: DRF's own shapes (`{"detail": ...}`, or `{"<parameter>": [messages]}` for bad input),
and a Django ValidationError (a malformed value reaching a lookup) as a 400 rather than a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is not None:
        response["Cache-Control"] = "no-store"
    return response

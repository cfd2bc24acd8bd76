"""Pages of a list: `?page=` and `?page_size=` (at most MAX_PAGE_SIZE). A page that does not exist, or a size that
is not a positive whole number, is a 400 naming the parameter, never an empty 404."""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 200


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("A page size is a whole number from 1 to %(most)d.") % {"most": MAX_PAGE_SIZE}
                    ]
                }
            )
        return min(int(raw), self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = request.query_params.get(self.page_query_param) or 1
        try:
            self.page = paginator.page(number)
        except (InvalidPage, OverflowError):
            raise ValidationError(
                {self.page_query_param: [_("There is no page %(page)s.") % {"page": str(number)[:20]}]}
            ) from None
        self.display_page_controls = paginator.num_pages > 1
        return list(self.page)

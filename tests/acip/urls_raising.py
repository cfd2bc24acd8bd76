"""The project's URLs and error handler, with one view that fails: for the tests of the 500 page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from acip.urls import handler500
from acip.urls import urlpatterns as project_urlpatterns

__all__ = ["handler500", "urlpatterns"]


@login_not_required
def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fail/", fail, name="fail"), *project_urlpatterns]

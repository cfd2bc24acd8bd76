"""Headers for confidential pages, set in one place for every view, export and download, the admin's included; and
a page in the site's layout for a request with the wrong method."""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


class PrivateResponseMiddleware:
    """Nothing a logged-in user receives is kept by the browser or any cache on the way (`Cache-Control: no-store`):
    pages, exports and .ics files hold confidential programme data, and a shared computer's back button or disk
    cache must not show them after logout. Every response also carries the Permissions-Policy, which switches off
    the browser features that the site never uses (camera, microphone, location...), for itself and any frame."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        # request.user is set by AuthenticationMiddleware, above this one; logout has already made it anonymous. An
        # error page is never stored either, and is not asked who the user is: the database may be what failed.
        if response.status_code >= 500 or request.user.is_authenticated:
            add_never_cache_headers(response)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class MethodNotAllowedPageMiddleware:
    """Django answers a request with the wrong method (opening the logout address, say) with an empty 405; a person
    who typed the address gets a page in the site's layout instead, and the Allow header stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(request, "405.html", status=405)
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page

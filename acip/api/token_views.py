"""The settings page where a user makes and revokes their own API tokens."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from acip.api.forms import ApiTokenForm, ApiTokenRevokeForm
from acip.api.models import ApiToken
from acip.api.services import token_create, token_revoke
from acip.lib.forms import run_service


@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request):
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            form, lambda: token_create(user=request.user, name=data["name"], expires_on=data["expires_on"])
        )
        if created:
            # The key is on this answer alone and stored nowhere (no redirect to a page that could show it again).
            new_token = created
            form = ApiTokenForm()
    return render(
        request,
        "api/apitoken_list.html",
        {
            "form": form,
            "new_token": new_token[0] if new_token else None,
            "new_key": new_token[1] if new_token else None,
            "tokens": ApiToken.objects.filter(user=request.user),
            "revoke_form": ApiTokenRevokeForm(user=request.user),
        },
    )


@require_POST
def token_revoke_view(request):
    form = ApiTokenRevokeForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("That token is not one of yours, or no longer exists."))
    elif token_revoke(token=form.cleaned_data["token"]):
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": form.cleaned_data["token"].name})
    else:
        messages.info(request, _("That token was revoked already."))
    return redirect("api_tokens:list")

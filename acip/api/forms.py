import datetime

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acip.api.models import ApiToken
from acip.lib.forms import DateInput


class ApiTokenForm(forms.ModelForm):
    """A new personal token: what it is for and the last day it works (at most API_TOKEN_MAX_DAYS from today)."""

    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        widget=DateInput(),
        help_text=gettext_lazy("The last day the token works."),
    )

    class Meta:
        model = ApiToken
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(
            days=settings.API_TOKEN_DEFAULT_DAYS
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Say what the token is for."))
        return name

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        latest = today + datetime.timedelta(days=settings.API_TOKEN_MAX_DAYS)
        if expires_on < today:
            raise forms.ValidationError(_("Pick today or a later day."))
        if expires_on > latest:
            raise forms.ValidationError(
                _("A token lasts at most %(days)d days: pick %(latest)s or an earlier day.")
                % {"days": settings.API_TOKEN_MAX_DAYS, "latest": formats.date_format(latest, "DATE_FORMAT")}
            )
        return expires_on


class ApiTokenRevokeForm(forms.Form):
    token = forms.ModelChoiceField(queryset=ApiToken.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the user's own tokens: anyone else's id is "not a valid choice", like a missing one.
        self.fields["token"].queryset = ApiToken.objects.filter(user=user)

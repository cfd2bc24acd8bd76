"""The login and password-reset forms: the app's and the admin's login refuse a username longer than the user model
allows, and a reset request is throttled by address and by the visitor's address."""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from acip.lib.throttle import throttle_hit


class UsernameLengthMixin:
    """Django's AuthenticationForm sets the username field's max_length after the field is built, so the field has
    no length validator: any length reached authenticate() and django-axes' varchar(255), a 500 on PostgreSQL."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(UsernameLengthMixin, auth_forms.AuthenticationForm):
    pass


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Asks for a reset link, a few times an hour for one address (PASSWORD_RESET_LIMIT_PER_ADDRESS) and a few more
    from one visitor's address (PASSWORD_RESET_LIMIT_PER_IP). Requests are counted whether or not an account has
    the address, so that the refusal tells nobody which addresses have one."""

    def __init__(self, *args, client_ip: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client_ip = client_ip
        self.is_throttled = False

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        if email is None:
            return cleaned_data
        period = settings.PASSWORD_RESET_LIMIT_PERIOD
        if not throttle_hit(
            "password-reset-ip", self.client_ip or "", limit=settings.PASSWORD_RESET_LIMIT_PER_IP, period=period
        ):
            self.is_throttled = True
            raise ValidationError(
                _("Too many reset links were asked for from your connection. Please wait an hour and try again."),
                code="throttled",
            )
        if not throttle_hit(
            "password-reset-address", email.casefold(), limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, period=period
        ):
            self.is_throttled = True
            self.add_error(
                "email",
                ValidationError(
                    _(
                        "Reset links were asked for this address several times in the last hour. Please use the "
                        "latest e-mail (look in your spam folder too), or wait an hour and ask again."
                    ),
                    code="throttled",
                ),
            )
        return cleaned_data

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from acip.lib.forms import bound_data, run_service
from acip.reminders.forms import ReminderPreferenceForm
from acip.reminders.services import preference_for, preference_save
from acip.roles import membership_of


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    """The user's own reminder settings: which mails they receive, the digest's day, the mails' language."""
    preference = preference_for(request.user)
    form = ReminderPreferenceForm(bound_data(request), instance=preference, for_user=request.user)
    if form.is_bound and form.is_valid():
        if run_service(form, lambda: preference_save(user=request.user, data=form.cleaned_data)):
            messages.success(request, _("Your reminder settings are saved."))
            return redirect("reminders:preferences")
    return render(
        request,
        "reminders/reminderpreference_form.html",
        {"form": form, "role": membership_of(request.user).role, "email": request.user.email},
    )

"""Pages of the meetings app: meetings and their attendance, side meetings with their notes, the status agreed and
the commitments raised, the commitments list, the briefing pack, the month calendar and the calendar file.

Each view: access helper (404 for what the user may not see, 403 for a change they may not make) -> form ->
service -> redirect. Every queryset comes through `visible_to(user)`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acip.access import can_edit, require_staff
from acip.lib.history import history_of
from meetings import briefing, services
from meetings.access import (
    get_commitment_for_user,
    get_commitment_to_close,
    get_meeting_for_user,
    get_side_meeting_for_user,
    may_close,
    sees_staff_only,
)
from meetings.calendar import meeting_ics
from meetings.filters import CalendarFilter, CommitmentFilter, MeetingFilter
from meetings.forms import (
    CommitmentCloseForm,
    CommitmentForm,
    MeetingForm,
    MonthForm,
    NoteForm,
    PartnerPickForm,
    SideMeetingForm,
    StatusChangeForm,
)
from meetings.models import Attendance, Commitment, CommitmentStatus, Meeting, MeetingKind, Note, SideMeeting
from meetings.month import meetings_month
from partners.models import Contact, RespondentGroup, StatusChange

PAGE_SIZE = 25


def _query(params, **changes) -> str:
    """The query string `params` with `changes` made: a value replaces, None takes the parameter away."""
    params = params.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return params.urlencode()


def _add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Meetings


@require_safe
def meeting_list(request):
    meetings = Meeting.objects.visible_to(request.user).with_counts(request.user)
    filterset = MeetingFilter(request.GET or None, queryset=meetings, request=request)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "query_without_page": _query(request.GET, page=None),
            "today": timezone.localdate(),
            "can_edit": can_edit(request.user),
        },
    )


@require_safe
def meeting_calendar(request):
    today = timezone.localdate()
    month_form = MonthForm.for_query(request.GET, today)
    first = month_form.first_day(today)
    meetings = Meeting.objects.visible_to(request.user)
    filterset = CalendarFilter(request.GET or None, queryset=meetings, request=request)
    month = meetings_month(filterset.qs, first=first, today=today)
    months = {"previous": month.previous, "next": month.next, "today": today}
    months |= {"earlier": month.earlier and month.earlier.starts_on, "later": month.later and month.later.starts_on}
    month_query = {key: _query(request.GET, month=f"{day:%Y-%m}") for key, day in months.items() if day}
    return render(
        request,
        "meetings/meeting_calendar.html",
        {
            "month": month,
            "kinds": MeetingKind.choices,
            "month_form": month_form,
            "filter": filterset,
            "month_query": month_query,
            "is_this_month": first == today.replace(day=1),
            "can_edit": can_edit(request.user),
        },
    )


@require_safe
def meeting_detail(request, uuid):
    user = request.user
    meeting = get_meeting_for_user(user, uuid)
    attendances = (
        Attendance.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("partner")
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.visible_to(user)))
    )
    side_meetings = (
        SideMeeting.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("partner")
        .order_by("held_on", "partner__country_name")
    )
    staff = sees_staff_only(user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "attendances": attendances,
            "side_meetings": side_meetings,
            "is_upcoming": meeting.ends_on >= timezone.localdate(),
            "can_edit": can_edit(user),
            "history": history_of(meeting) if staff else None,
        },
    )


def _meeting_form_page(request, meeting: Meeting | None):
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.meeting_save(
                meeting=form.save(commit=False),
                partners=form.cleaned_data["partners"],
                contacts=form.cleaned_data["contacts"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if meeting is None:
                messages.success(request, _("The meeting “%(title)s” was created.") % {"title": saved.title})
            else:
                messages.success(request, _("The meeting “%(title)s” was saved.") % {"title": saved.title})
            return redirect(saved)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request):
    require_staff(request.user)
    return _meeting_form_page(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_update(request, uuid):
    meeting = get_meeting_for_user(request.user, uuid, write=True)
    return _meeting_form_page(request, meeting)


@require_safe
def meeting_ics_view(request, uuid):
    meeting = get_meeting_for_user(request.user, uuid)
    body = meeting_ics(meeting, url=request.build_absolute_uri(meeting.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = slugify(meeting.title)[:60] or "meeting"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@require_safe
def meeting_briefing(request, uuid):
    user = request.user
    meeting = get_meeting_for_user(user, uuid)
    require_staff(user)
    partners = briefing.briefing_partners(meeting, user, today=timezone.localdate())
    partner_slug = request.GET.get("partner", "")
    if partner_slug:
        if not slug_re.match(partner_slug):
            raise Http404
        partners = partners.filter(slug=partner_slug)
    delegations = briefing.delegation_briefings(partners, briefing.factors())
    if partner_slug and not delegations:
        raise Http404
    return render(
        request,
        "meetings/meeting_briefing.html",
        {
            "meeting": meeting,
            "delegations": delegations,
            "single": bool(partner_slug),
            "groups": RespondentGroup.choices,
            "today": timezone.localdate(),
        },
    )


# Side meetings


@require_safe
def side_meeting_detail(request, uuid):
    user = request.user
    today = timezone.localdate()
    side_meeting = get_side_meeting_for_user(user, uuid)
    staff = sees_staff_only(user)
    commitments = Commitment.objects.visible_to(user).with_people().with_is_overdue(today)
    context = {
        "side_meeting": side_meeting,
        "meeting": side_meeting.meeting,
        "participants": side_meeting.partner_participants.visible_to(user),
        "notes": Note.objects.visible_to(user).filter(side_meeting=side_meeting).select_related("author"),
        "commitments": commitments.filter(side_meeting=side_meeting),
        "agenda": commitments.agenda_for(side_meeting).select_related("side_meeting__meeting"),
        "status_change": StatusChange.objects.visible_to(user).filter(side_meeting=side_meeting).first(),
        "can_edit": can_edit(user),
        "sees_staff_only": staff,
        "history": history_of(side_meeting) if staff else None,
        "note_form": NoteForm() if can_edit(user) else None,
    }
    return render(request, "meetings/sidemeeting_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def side_meeting_create(request, uuid):
    meeting = get_meeting_for_user(request.user, uuid, write=True)
    # The delegation comes in the query string; a POST without one is a mistake to show, not a blank chooser.
    bound = bool(request.GET) or request.method == "POST"
    pick = PartnerPickForm(request.GET if bound else None, meeting=meeting)
    if not pick.is_valid():
        has_partners = pick.fields["partner"].queryset.exists()
        return render(
            request, "meetings/sidemeeting_pick.html", {"meeting": meeting, "form": pick, "has_partners": has_partners}
        )
    partner = pick.cleaned_data["partner"]
    return _side_meeting_form_page(request, SideMeeting(meeting=meeting, partner=partner))


@require_http_methods(["GET", "HEAD", "POST"])
def side_meeting_update(request, uuid):
    side_meeting = get_side_meeting_for_user(request.user, uuid, write=True)
    return _side_meeting_form_page(request, side_meeting)


def _side_meeting_form_page(request, side_meeting: SideMeeting):
    is_new = side_meeting.pk is None
    form = SideMeetingForm(
        request.POST or None, instance=side_meeting, meeting=side_meeting.meeting, partner=side_meeting.partner
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.side_meeting_save(
                side_meeting=form.save(commit=False), participants=form.cleaned_data["partner_participants"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The side meeting with %(partner)s was recorded.") % {"partner": saved.partner}
                if is_new
                else _("The side meeting with %(partner)s was saved.") % {"partner": saved.partner},
            )
            return redirect(saved)
    return render(
        request,
        "meetings/sidemeeting_form.html",
        {"form": form, "side_meeting": side_meeting, "meeting": side_meeting.meeting, "is_new": is_new},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def note_create(request, uuid):
    side_meeting = get_side_meeting_for_user(request.user, uuid, write=True)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_create(
                side_meeting=side_meeting,
                author=request.user,
                text=form.cleaned_data["text"],
                tier=form.cleaned_data["tier"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The note was added."))
            return redirect(side_meeting.get_absolute_url() + "#notes")
    return render(request, "meetings/note_form.html", {"form": form, "side_meeting": side_meeting})


@require_http_methods(["GET", "HEAD", "POST"])
def side_meeting_status(request, uuid):
    side_meeting = get_side_meeting_for_user(request.user, uuid, write=True)
    if side_meeting.status_change_id is not None:
        messages.info(request, _("A status change is already recorded for this side meeting."))
        return redirect(side_meeting)
    form = StatusChangeForm(request.POST or None, initial={"effective_on": side_meeting.held_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.side_meeting_record_status(side_meeting=side_meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The new status of %(partner)s was recorded, as agreed at this side meeting.")
                % {"partner": side_meeting.partner},
            )
            return redirect(side_meeting)
    return render(request, "meetings/statuschange_form.html", {"form": form, "side_meeting": side_meeting})


# Commitments


@require_http_methods(["GET", "HEAD", "POST"])
def commitment_create(request, uuid):
    side_meeting = get_side_meeting_for_user(request.user, uuid, write=True)
    commitment = Commitment(side_meeting=side_meeting, partner=side_meeting.partner)
    return _commitment_form_page(request, commitment, is_new=True)


@require_http_methods(["GET", "HEAD", "POST"])
def commitment_update(request, uuid):
    commitment = get_commitment_for_user(request.user, uuid, write=True)
    return _commitment_form_page(request, commitment, is_new=False)


def _commitment_form_page(request, commitment: Commitment, *, is_new: bool):
    form = CommitmentForm(request.POST or None, instance=commitment, partner=commitment.partner)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.commitment_save(commitment=form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The commitment was recorded.") if is_new else _("The commitment was saved."))
            return redirect(saved.side_meeting if is_new and saved.side_meeting else saved)
    return render(request, "meetings/commitment_form.html", {"form": form, "commitment": commitment, "is_new": is_new})


@require_safe
def commitment_list(request):
    user = request.user
    require_staff(user)
    today = timezone.localdate()
    params = request.GET.copy()
    if not any(key != "page" for key in params):
        # With no filter chosen the list opens on what still needs doing.
        params["status"] = "open"
    commitments = (
        Commitment.objects.visible_to(user)
        .with_people()
        .with_is_overdue(today)
        .select_related("side_meeting__meeting")
    )
    filterset = CommitmentFilter(params, queryset=commitments, request=request)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "meetings/commitment_list.html",
        {"filter": filterset, "page_obj": page_obj, "query_without_page": _query(params, page=None), "today": today},
    )


def _commitment_page(request, commitment: Commitment, close_form=None, status=200):
    user = request.user
    is_open = commitment.status == CommitmentStatus.OPEN
    if close_form is None and is_open and may_close(user, commitment):
        close_form = CommitmentCloseForm(may_drop=sees_staff_only(user))
    return render(
        request,
        "meetings/commitment_detail.html",
        {
            "commitment": commitment,
            "close_form": close_form if is_open else None,
            "can_edit": can_edit(user),
            "history": history_of(commitment) if sees_staff_only(user) else None,
        },
        status=status,
    )


@require_safe
def commitment_detail(request, uuid):
    commitment = get_commitment_for_user(request.user, uuid)
    return _commitment_page(request, commitment)


@require_POST
def commitment_close_view(request, uuid):
    user = request.user
    commitment = get_commitment_to_close(user, uuid)
    if commitment.status != CommitmentStatus.OPEN:
        messages.info(request, _("This commitment is already closed."))
        return redirect(commitment)
    form = CommitmentCloseForm(request.POST, may_drop=sees_staff_only(user))
    if form.is_valid():
        try:
            closed = services.commitment_close(
                commitment=commitment,
                user=user,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The commitment was closed as %(status)s.") % {"status": closed.get_status_display()}
            )
            return redirect(closed)
    return _commitment_page(request, commitment, close_form=form)

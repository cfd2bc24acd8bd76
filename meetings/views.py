"""Pages of the meetings app: meetings and their attendance, side meetings with their notes, the status agreed and
the commitments raised, the commitments list, the briefing pack, the month calendar and the calendar file.

Each view: access helper (404 for what the user may not see, 403 for a change they may not make) -> form ->
service -> redirect. Every queryset comes through `visible_to(user)`.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acip.access import can_edit, require_staff
from acip.documents.access import uploads_to
from acip.documents.forms import AttachmentForm
from acip.documents.selectors import meeting_attachments, side_meeting_attachments
from acip.lib.forms import bound_data, run_service
from acip.lib.history import history_of
from meetings import briefing, selectors, services
from meetings.access import (
    get_commitment_for_user,
    get_commitment_to_close,
    get_meeting_for_user,
    get_note_for_user,
    get_side_meeting_for_user,
    may_close,
    sees_staff_only,
)
from meetings.calendar import meeting_ics
from meetings.filters import CalendarFilter
from meetings.forms import (
    BriefingRegionForm,
    CommitmentCloseForm,
    CommitmentForm,
    MeetingForm,
    MonthForm,
    NoteEditForm,
    NoteForm,
    NoteWithdrawForm,
    PartnerPickForm,
    SideMeetingForm,
)
from meetings.models import Attendance, Commitment, CommitmentStatus, Meeting, MeetingKind, Note, SideMeeting
from meetings.month import meetings_month
from meetings.selectors import commitment_rows, meeting_rows
from partners.forms import StatusChangeForm
from partners.indicators import RULE as INDICATOR_RULE
from partners.models import ActivityKind, Contact, RespondentGroup, StatusChange

PAGE_SIZE = 25


# Meetings


@require_safe
def meeting_list(request):
    filterset = meeting_rows(request)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
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
    month = meetings_month(filterset.qs, activities=filterset.activities(), first=first, today=today)
    return render(
        request,
        "meetings/meeting_calendar.html",
        {
            "month": month,
            "kinds": MeetingKind.choices,
            "activity_kinds": ActivityKind.choices,
            "month_form": month_form,
            "filter": filterset,
            "today": today,
            "is_this_month": first == today.replace(day=1),
            "can_edit": can_edit(request.user),
        },
    )


#: A committee session's attending administrations and side meetings are paged (hundreds at WCO scale), each list
#: with its own page number in the query string, so that one can be turned without losing the other's place.
MEETING_SECTION_PAGE_SIZE = 50


def _section_page(request, rows, param: str):
    """One page of a meeting page's list, with the addresses of the pages before and after (the query string kept,
    `param` changed), for `meetings/_section_pagination.html`."""
    page_obj = Paginator(rows, MEETING_SECTION_PAGE_SIZE).get_page(request.GET.get(param))

    def address(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page_obj.previous_url = address(page_obj.previous_page_number()) if page_obj.has_previous() else None
    page_obj.next_url = address(page_obj.next_page_number()) if page_obj.has_next() else None
    return page_obj


@require_safe
def meeting_detail(request, uuid):
    user = request.user
    meeting = get_meeting_for_user(user, uuid)
    attendances = (
        Attendance.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("partner")
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.visible_to(user)))
        .order_by("partner__country_name", "pk")
    )
    side_meetings = (
        SideMeeting.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("partner")
        .order_by("held_on", "partner__country_name", "pk")
    )
    staff = sees_staff_only(user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "attendances": _section_page(request, attendances, "attending"),
            "side_meetings": _section_page(request, side_meetings, "side_meetings"),
            "today": timezone.localdate(),
            "can_edit": can_edit(user),
            "history": history_of(meeting) if staff else None,
            "attachments": meeting_attachments(meeting, user),
            "attachment_form": AttachmentForm(user=user) if staff else None,
        },
    )


def _meeting_form_page(request, meeting: Meeting | None):
    form = MeetingForm(bound_data(request), instance=meeting)
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: services.meeting_save(
                meeting=meeting,
                data=form.cleaned_data,
                partners=form.cleaned_data["partners"],
                contacts=form.cleaned_data["contacts"],
            ),
        )
        if saved:
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
    """A session's pack a page of delegations at a time, for one region or all; or one delegation's full pack."""
    user = request.user
    meeting = get_meeting_for_user(user, uuid)
    require_staff(user)
    today = timezone.localdate()
    partners = briefing.briefing_partners(meeting, user, today=today)
    context = {"meeting": meeting, "groups": RespondentGroup.choices, "today": today}
    partner_slug = request.GET.get("partner", "")
    if partner_slug:
        if not slug_re.match(partner_slug):
            raise Http404
        delegations = briefing.delegation_briefings(partners.filter(slug=partner_slug), briefing.factors())
        if not delegations:
            raise Http404
        briefing.complete_single(delegations[0], user, today=today)
        context |= {"delegations": delegations, "single": True, "indicator_rule": INDICATOR_RULE}
    else:
        regions = briefing.region_links(meeting, user)
        form = BriefingRegionForm(request.GET, regions=[link.region for link in regions])
        region = form.cleaned_data["region"] if form.is_valid() else ""
        if region:
            partners = partners.filter(region__code=region)
        page_obj = Paginator(partners, briefing.DELEGATIONS_PER_PAGE).get_page(request.GET.get("page"))
        context |= {
            "delegations": briefing.delegation_briefings(page_obj.object_list, briefing.factors()),
            "single": False,
            "page_obj": page_obj,
            "form": form,
            "regions": regions,
            "all_delegations": sum(link.delegations for link in regions),
            "region": region,
        }
    return render(request, "meetings/meeting_briefing.html", context)


# Side meetings


@require_safe
def side_meeting_detail(request, uuid):
    user = request.user
    today = timezone.localdate()
    side_meeting = get_side_meeting_for_user(user, uuid)
    staff = sees_staff_only(user)
    uploads = uploads_to(user, "side_meeting")
    commitments = Commitment.objects.visible_to(user).with_people(user).with_is_overdue(today)
    context = {
        "side_meeting": side_meeting,
        "meeting": side_meeting.meeting,
        "participants": side_meeting.partner_participants.visible_to(user),
        "notes": Note.objects.visible_to(user)
        .filter(side_meeting=side_meeting)
        .select_related("author", "withdrawn_by"),
        "commitments": commitments.filter(side_meeting=side_meeting),
        "agenda": commitments.agenda_for(side_meeting).with_related_visible_to(user, "side_meeting__meeting"),
        "status_change": StatusChange.objects.visible_to(user).filter(side_meeting=side_meeting).first(),
        "can_edit": can_edit(user),
        "sees_staff_only": staff,
        "history": history_of(side_meeting) if staff else None,
        "note_form": NoteForm() if can_edit(user) else None,
        "attachments": side_meeting_attachments(side_meeting, user),
        "attachment_form": AttachmentForm(user=user) if uploads else None,
        "can_upload": uploads,
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
    known = selectors.side_meeting_context(side_meeting, request.user)
    form = SideMeetingForm(
        bound_data(request),
        instance=side_meeting,
        meeting=side_meeting.meeting,
        partner=side_meeting.partner,
        # A new side meeting starts with the delegation's attendees at the meeting ticked.
        initial={"partner_participants": known.attendee_ids} if is_new else None,
    )
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: services.side_meeting_save(
                side_meeting=None if is_new else side_meeting,
                meeting=side_meeting.meeting,
                partner=side_meeting.partner,
                data=form.cleaned_data,
                participants=form.cleaned_data["partner_participants"],
            ),
        )
        if saved:
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
        {
            "form": form,
            "side_meeting": side_meeting,
            "meeting": side_meeting.meeting,
            "is_new": is_new,
            "known": known,
            # One closing form per commitment on the agenda, each with its own element ids.
            "agenda": [
                (commitment, CommitmentCloseForm(may_drop=True, auto_id=f"close-{commitment.pk}-%s"))
                for commitment in known.agenda
            ],
            "return_to": request.get_full_path(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def note_create(request, uuid):
    side_meeting = get_side_meeting_for_user(request.user, uuid, write=True)
    form = NoteForm(bound_data(request))
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: services.note_create(
                side_meeting=side_meeting,
                author=request.user,
                text=form.cleaned_data["text"],
                tier=form.cleaned_data["tier"],
            ),
        )
        if saved:
            messages.success(request, _("The note was added."))
            return redirect(side_meeting.get_absolute_url() + "#notes")
    return render(request, "meetings/note_form.html", {"form": form, "side_meeting": side_meeting})


@require_http_methods(["GET", "HEAD", "POST"])
def note_update(request, pk):
    note = get_note_for_user(request.user, pk, write=True)
    if note.is_withdrawn:
        messages.info(request, _("A withdrawn note cannot be edited."))
        return redirect(note.side_meeting.get_absolute_url() + "#notes")
    form = NoteEditForm(bound_data(request), instance=note)
    if form.is_bound and form.is_valid():
        if run_service(form, lambda: services.note_update(note=note, data=form.cleaned_data)):
            messages.success(request, _("The note was saved."))
            return redirect(note.side_meeting.get_absolute_url() + "#notes")
    return render(
        request,
        "meetings/note_edit.html",
        {"form": form, "note": note, "side_meeting": note.side_meeting, "history": history_of(note)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def note_withdraw(request, pk):
    note = get_note_for_user(request.user, pk, write=True)
    if note.is_withdrawn:
        messages.info(request, _("This note is already withdrawn."))
        return redirect(note.side_meeting.get_absolute_url() + "#notes")
    form = NoteWithdrawForm(bound_data(request))
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        if run_service(form, lambda: services.note_withdraw(note=note, user=request.user, reason=reason)):
            messages.success(request, _("The note was withdrawn."))
            return redirect(note.side_meeting.get_absolute_url() + "#notes")
    return render(
        request, "meetings/note_withdraw.html", {"form": form, "note": note, "side_meeting": note.side_meeting}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def side_meeting_status(request, uuid):
    side_meeting = get_side_meeting_for_user(request.user, uuid, write=True)
    if side_meeting.status_change_id is not None:
        messages.info(request, _("A status change is already recorded for this side meeting."))
        return redirect(side_meeting)
    # The status takes effect on the day of the side meeting; one that is still to come cannot record it yet (a
    # status is never dated in the future), so the form then opens on today.
    effective_on = min(side_meeting.held_on, timezone.localdate())
    form = StatusChangeForm(bound_data(request), initial={"effective_on": effective_on})
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: services.side_meeting_record_status(
                side_meeting=side_meeting, user=request.user, **form.cleaned_data
            ),
        )
        if saved:
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
    form = CommitmentForm(bound_data(request), instance=commitment, partner=commitment.partner)
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: services.commitment_save(
                side_meeting=commitment.side_meeting if is_new else None,
                commitment=None if is_new else commitment,
                data=form.cleaned_data,
            ),
        )
        if saved:
            messages.success(request, _("The commitment was recorded.") if is_new else _("The commitment was saved."))
            return redirect(saved.side_meeting if is_new and saved.side_meeting else saved)
    return render(request, "meetings/commitment_form.html", {"form": form, "commitment": commitment, "is_new": is_new})


@require_safe
def commitment_list(request):
    require_staff(request.user)
    filterset = commitment_rows(request)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/commitment_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "today": timezone.localdate(),
        },
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
        closed = run_service(
            form,
            lambda: services.commitment_close(
                commitment=commitment,
                user=user,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
            ),
        )
        if closed:
            messages.success(
                request, _("The commitment was closed as %(status)s.") % {"status": closed.get_status_display()}
            )
            # Closed from a side meeting's form (its agenda): back to that form, on this site only.
            back = request.POST.get("next", "")
            if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                return redirect(back)
            return redirect(closed)
    return _commitment_page(request, commitment, close_form=form)

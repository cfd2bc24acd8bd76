"""A run of the reminders: work out what is due today (`reminders_plan`), then send it and log it (`reminders_send`).

Each kind of reminder is planned in a fixed number of queries, however many rows it covers: the candidates with what
their mails show (select_related), the users' preferences, the coordinators' addresses, the partners' view of their
commitments, and the log of what was already sent. Rendering the mails reads no database.

A partner's mail is built from the rows the access layer gives that partner's tier (`visible_to`), never from the
staff's view: whatever a mail to an administration shows, its delegates could read on the site.
"""

import datetime
import logging
import re
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acip.access import Audience
from acip.lib.concurrency import VERSION
from acip.lib.services import apply_fields, locked, validated_save
from acip.participation.models import Proposal, ValueReport
from acip.reminders.models import DeliveryStatus, ReminderKind, ReminderLog, ReminderPreference
from acip.reminders.rules import (
    DUE_SOON_DAYS,
    Step,
    commitment_step,
    digest_step,
    is_manager_step,
    is_overdue_step,
    stale_page_step,
)
from acip.roles import GROUP_STAFF, Membership, Role
from meetings.models import Commitment, Meeting, Owner
from partners.models import Contact, PartnerAdministration, Position

logger = logging.getLogger(__name__)

#: Meetings in the next this many days go into the weekly digest.
DIGEST_MEETING_DAYS = 30


def partner_reader(partner_id: int) -> Audience:
    """The reader of a mail sent to an administration's address (its A-CIP Coordinator's): the partner delegates'
    tier for that administration, whether or not the address belongs to a user account."""
    return Audience(Membership(Role.DELEGATE, partner_id=partner_id))


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    user_id: int | None = None
    #: why this person is told (shown in the mail): "owner", "focal_point", "manager", "coordinator", "digest"
    role: str = "owner"
    #: why the focal point is told instead of the administration that owns it: "no_address", or "staff_only" (the
    #: commitment is hidden from the administration's tier)
    instead_of_administration: str = ""


@dataclass
class Reminder:
    kind: str
    object_id: int
    step: str
    recipient: Recipient
    template: str
    context: dict
    subject: str = ""
    text: str = ""
    html: str = ""

    @property
    def key(self) -> tuple:
        return (self.kind, self.object_id, self.step, self.recipient.email.lower())


@dataclass
class Plan:
    today: datetime.date
    #: per kind, the reminders to send now (new, or failed before)
    due: dict[str, list[Reminder]] = field(default_factory=dict)
    #: per kind, how many were due but already sent
    already_sent: dict[str, int] = field(default_factory=dict)
    #: per kind, the attempts so far of the reminders that failed before (these are retries)
    retries: dict[str, dict[tuple, int]] = field(default_factory=dict)


@dataclass
class Outcome:
    reminder: Reminder
    ok: bool
    error: str = ""


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _language(code: str | None) -> str:
    """A language that the interface speaks: a Spanish-speaking contact reads English until Spanish comes back."""
    available = {code for code, _name in settings.LANGUAGES}
    return code if code in available else settings.LANGUAGE_CODE


class _Preferences:
    """Every user's preferences in one query; a user without a row has the model's defaults."""

    def __init__(self):
        self.rows = {p.user_id: p for p in ReminderPreference.objects.all()}
        self.default = ReminderPreference()

    def of(self, user_id: int | None) -> ReminderPreference:
        return self.rows.get(user_id, self.default)


def _staff_recipient(user, preferences: _Preferences, role: str, **extra) -> Recipient | None:
    if user is None or not user.is_active or not user.email:
        return None
    return Recipient(
        email=user.email,
        name=user.get_full_name() or user.get_username(),
        language=_language(preferences.of(user.pk).language),
        user_id=user.pk,
        role=role,
        **extra,
    )


PREFERENCE_FIELDS = ["commitments", "stale_pages", "digest", "digest_weekday", "language"]


def preference_for(user) -> ReminderPreference:
    """The user's preferences: their row, or an unsaved one with the defaults."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


@transaction.atomic
def preference_save(*, user, data: dict) -> ReminderPreference:
    """Save the user's choices (the fields `data` names, `user` aside); a row saved since the form was opened on it
    (`data[VERSION]`) is refused with EditConflict."""
    preference, _created = ReminderPreference.objects.get_or_create(user=user)
    preference = locked(preference, version=data.get(VERSION))
    apply_fields(preference, data, PREFERENCE_FIELDS)
    validated_save(preference)
    return preference


# Commitments


def _coordinators(partner_ids: set[int]) -> dict[int, Contact]:
    """Each administration's A-CIP Coordinator with an e-mail address (the first by name if there are several)."""
    rows = (
        Contact.objects.filter(partner_id__in=partner_ids, position=Position.COORDINATOR, is_active=True)
        .exclude(email="")
        .order_by("partner_id", "name", "pk")
    )
    found: dict[int, Contact] = {}
    for contact in rows:
        found.setdefault(contact.partner_id, contact)
    return found


def _as_partners_see_them(commitment_ids: list[int], partner_ids: set[int]) -> dict[int, Commitment]:
    """The commitments as each one's administration may read them, through the access layer: one query, the union
    of `visible_to(<that partner's reader>)` over the administrations. A commitment missing here is hidden from its
    administration (a staff-only one), so no mail about it goes there."""
    if not commitment_ids:
        return {}
    scopes = [Commitment.objects.visible_to(partner_reader(pid)) for pid in sorted(partner_ids)]
    rows = reduce(or_, scopes).filter(pk__in=commitment_ids).select_related("partner")
    return {c.pk: c for c in rows}


def _stage(step: str) -> str:
    """What the mail says: due soon, due today, overdue (to the owner and focal point) or escalated (the manager)."""
    if is_manager_step(step):
        return "manager"
    return {Step.DUE_SOON: "soon", Step.DUE_TODAY: "today"}.get(step, "overdue")


def _commitment_reminders(today: datetime.date, preferences: _Preferences) -> list[Reminder]:
    candidates = list(
        Commitment.objects.open()
        .filter(due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("partner__programme__manager", "partner__focal_point", "owner_user")
        .order_by("due_on", "pk")
    )
    steps = {c.pk: commitment_step(due_on=c.due_on, today=today) for c in candidates}
    candidates = [c for c in candidates if steps[c.pk]]
    to_administration = [c for c in candidates if c.owner == Owner.ADMINISTRATION and not is_manager_step(steps[c.pk])]
    coordinators = _coordinators({c.partner_id for c in to_administration})
    partner_view = _as_partners_see_them(
        [c.pk for c in to_administration if c.partner_id in coordinators], set(coordinators)
    )

    reminders = []
    for commitment in candidates:
        step = steps[commitment.pk]
        focal_point = commitment.partner.focal_point
        told: list[tuple[Recipient | None, Commitment]] = []
        if is_manager_step(step):
            # A programme without a manager set: the focal point, rather than nobody.
            manager = _staff_recipient(commitment.partner.programme.manager, preferences, "manager")
            told.append((manager or _staff_recipient(focal_point, preferences, "focal_point"), commitment))
        else:
            if commitment.owner == Owner.PROGRAMME:
                owner = _staff_recipient(commitment.owner_user, preferences, "owner")
                told.append((owner or _staff_recipient(focal_point, preferences, "focal_point"), commitment))
            else:
                coordinator, shared = coordinators.get(commitment.partner_id), partner_view.get(commitment.pk)
                if coordinator and shared:
                    recipient = Recipient(
                        email=coordinator.email,
                        name=coordinator.name,
                        language=_language(
                            preferences.rows[coordinator.user_id].language
                            if coordinator.user_id in preferences.rows
                            else coordinator.language
                        ),
                        user_id=coordinator.user_id,
                        role="coordinator",
                    )
                    told.append((recipient, shared))
                else:
                    told.append(
                        (
                            _staff_recipient(
                                focal_point,
                                preferences,
                                "focal_point",
                                instead_of_administration="staff_only" if coordinator else "no_address",
                            ),
                            commitment,
                        )
                    )
            if is_overdue_step(step):
                told.append((_staff_recipient(focal_point, preferences, "focal_point"), commitment))
        seen = set()
        for recipient, shown in told:
            if recipient is None or recipient.email.lower() in seen:
                continue
            seen.add(recipient.email.lower())
            if recipient.user_id and not preferences.of(recipient.user_id).commitments:
                continue
            reminders.append(
                Reminder(
                    kind=ReminderKind.COMMITMENT,
                    object_id=commitment.pk,
                    step=step,
                    recipient=recipient,
                    template="commitment",
                    context={
                        "commitment": shown,
                        "partner": shown.partner,
                        "step": step,
                        "stage": _stage(step),
                        "days_overdue": (today - shown.due_on).days,
                        "days_left": (shown.due_on - today).days,
                        "url": site_url(shown.get_absolute_url()),
                        "partner_url": site_url(shown.partner.get_absolute_url()),
                        "to_administration": recipient.role == "coordinator",
                    },
                )
            )
    return reminders


# Stale status pages


def _stale_reminders(today: datetime.date, preferences: _Preferences) -> list[Reminder]:
    days = settings.ACIP_STALE_DAYS
    stale = PartnerAdministration.objects.stale(today=today, days=days).select_related("focal_point")
    reminders = []
    for partner in stale:
        recipient = _staff_recipient(partner.focal_point, preferences, "focal_point")
        if recipient is None or not preferences.of(recipient.user_id).stale_pages:
            continue
        since = (partner.last_event or partner.joined_on) + datetime.timedelta(days=days)
        reminders.append(
            Reminder(
                kind=ReminderKind.STALE_PAGE,
                object_id=partner.pk,
                step=stale_page_step(stale_since=since, today=today, last_event=partner.last_event),
                recipient=recipient,
                template="stale_page",
                context={
                    "partner": partner,
                    "last_event": partner.last_event,
                    "days": days,
                    "url": site_url(partner.get_absolute_url()),
                },
            )
        )
    return reminders


# The weekly digest


def _waiting_for_review(staff_ids: list[int]) -> dict[int, int]:
    """How many proposals and reported values of each focal point's countries wait in the review queue
    (acip.participation): two grouped counts."""
    waiting: dict[int, int] = defaultdict(int)
    for queryset in (Proposal.objects.pending(), ValueReport.objects.submitted()):
        rows = (
            queryset.filter(partner__focal_point_id__in=staff_ids)
            .order_by()
            .values("partner__focal_point_id")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            waiting[row["partner__focal_point_id"]] += row["n"]
    return waiting


def _digest_reminders(today: datetime.date, preferences: _Preferences) -> list[Reminder]:
    weekday = today.weekday()
    staff = [
        user
        for user in get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_STAFF)
        .exclude(email="")
        .order_by("pk")
        if preferences.of(user.pk).digest and preferences.of(user.pk).digest_weekday == weekday
    ]
    if not staff:
        return []
    staff_ids = [user.pk for user in staff]
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    commitments = defaultdict(list)
    for commitment in (
        Commitment.objects.open()
        .filter(due_on__lte=soon, owner_user_id__in=staff_ids)
        .select_related("partner")
        .order_by("due_on", "pk")
    ):
        commitments[commitment.owner_user_id].append(commitment)
    stale = defaultdict(list)
    for partner in PartnerAdministration.objects.stale(today=today, days=settings.ACIP_STALE_DAYS).filter(
        focal_point_id__in=staff_ids
    ):
        stale[partner.focal_point_id].append(partner)
    meetings = list(
        Meeting.objects.filter(
            starts_on__gte=today, starts_on__lte=today + datetime.timedelta(days=DIGEST_MEETING_DAYS)
        ).order_by("starts_on", "pk")
    )
    waiting = _waiting_for_review(staff_ids)
    reminders = []
    for user in staff:
        mine = commitments[user.pk]
        overdue = [c for c in mine if c.due_on < today]
        due_soon = [c for c in mine if c.due_on >= today]
        if not (mine or stale[user.pk] or meetings or waiting[user.pk]):
            continue  # nothing to tell: no empty digest
        reminders.append(
            Reminder(
                kind=ReminderKind.DIGEST,
                object_id=user.pk,
                step=digest_step(today),
                recipient=_staff_recipient(user, preferences, "digest"),
                template="digest",
                context={
                    "overdue": [(c, site_url(c.get_absolute_url())) for c in overdue],
                    "due_soon": [(c, site_url(c.get_absolute_url())) for c in due_soon],
                    "stale": [(p, site_url(p.get_absolute_url())) for p in stale[user.pk]],
                    "meetings": [(m, site_url(m.get_absolute_url())) for m in meetings],
                    "waiting": waiting[user.pk],
                    "queue_url": site_url(reverse("participation:queue")),
                    "stale_days": settings.ACIP_STALE_DAYS,
                    "due_soon_days": DUE_SOON_DAYS,
                    "meeting_days": DIGEST_MEETING_DAYS,
                    "today": today,
                    "url": site_url(reverse("home")),
                },
            )
        )
    return reminders


PLANNERS = {
    ReminderKind.COMMITMENT: _commitment_reminders,
    ReminderKind.STALE_PAGE: _stale_reminders,
    ReminderKind.DIGEST: _digest_reminders,
}


def reminders_plan(*, today: datetime.date) -> Plan:
    """What is due today and not yet sent, per kind (a failed send counts as not sent)."""
    preferences = _Preferences()
    plan = Plan(today=today)
    for kind, planner in PLANNERS.items():
        reminders = planner(today, preferences)
        logged = {
            (row.kind, row.object_id, row.step, row.recipient.lower()): row
            for row in ReminderLog.objects.filter(kind=kind, object_id__in={r.object_id for r in reminders})
        }
        plan.due[kind] = [r for r in reminders if r.key not in logged or logged[r.key].status != DeliveryStatus.SENT]
        plan.already_sent[kind] = len(reminders) - len(plan.due[kind])
        plan.retries[kind] = {r.key: logged[r.key].attempts for r in plan.due[kind] if r.key in logged}
        for reminder in plan.due[kind]:
            reminder_render(reminder)
    return plan


def reminder_render(reminder: Reminder) -> None:
    """Subject, text and HTML from the template trio `reminders/mail/<template>_{subject.txt,body.txt,body.html}`,
    in the recipient's language, with the link to their preferences that every mail carries."""
    context = {
        **reminder.context,
        "recipient": reminder.recipient,
        "preferences_url": site_url(reverse("reminders:preferences")),
        "site_url": settings.SITE_URL,
    }
    base = f"reminders/mail/{reminder.template}"
    with translation.override(reminder.recipient.language):
        # One line; str.split() would also eat the non-breaking spaces of French typography.
        reminder.subject = re.sub(r"[ \t\r\n]+", " ", render_to_string(f"{base}_subject.txt", context)).strip()
        context["subject"] = reminder.subject
        reminder.text = re.sub(r"\n{3,}", "\n\n", render_to_string(f"{base}_body.txt", context)).strip() + "\n"
        reminder.html = render_to_string(f"{base}_body.html", context)


def _message(reminder: Reminder, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=reminder.text,
        to=[reminder.recipient.email],
        connection=connection,
        headers={
            "Content-Language": reminder.recipient.language,
            # RFC 3834: an automatic mail, so that out-of-office replies are not sent back to it.
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{site_url(reverse('reminders:preferences'))}>",
        },
    )
    message.attach_alternative(reminder.html, "text/html")
    return message


def reminders_send(*, plan: Plan) -> list[Outcome]:
    """Send every planned reminder, one message at a time over one connection, and log each: sent, or failed with
    the reason (a refused address, a server that is down) so that the next run tries it again. One failure never
    stops the others. The log is written in one statement per kind, after its mails have gone."""
    outcomes: list[Outcome] = []
    connection = get_connection(fail_silently=False)
    try:
        for kind, reminders in plan.due.items():
            done = []
            for reminder in reminders:
                try:
                    connection.send_messages([_message(reminder, connection)])
                    done.append(Outcome(reminder, ok=True))
                except (smtplib.SMTPException, OSError) as exc:
                    logger.warning("Reminder to %s not sent: %s", reminder.recipient.email, exc)
                    done.append(Outcome(reminder, ok=False, error=f"{type(exc).__name__}: {exc}"))
                    # The server may have dropped us: start afresh for the next message.
                    _close_quietly(connection)
            _log(done, attempts=plan.retries.get(kind, {}))
            outcomes.extend(done)
    finally:
        _close_quietly(connection)
    return outcomes


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass


def _log(outcomes: list[Outcome], *, attempts: dict[tuple, int]) -> None:
    if not outcomes:
        return
    now = timezone.now()
    rows = [
        ReminderLog(
            kind=o.reminder.kind,
            object_id=o.reminder.object_id,
            step=o.reminder.step,
            recipient=o.reminder.recipient.email.lower(),
            subject=o.reminder.subject[:400],
            status=DeliveryStatus.SENT if o.ok else DeliveryStatus.FAILED,
            attempts=attempts.get(o.reminder.key, 0) + 1,
            error=o.error,
            last_tried_at=now,
            sent_at=now if o.ok else None,
        )
        for o in outcomes
    ]
    with transaction.atomic():
        ReminderLog.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "object_id", "step", "recipient"],
            update_fields=["subject", "status", "attempts", "error", "last_tried_at", "sent_at"],
        )

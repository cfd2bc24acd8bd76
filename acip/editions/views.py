"""The editions pages: the list, the freeze form, an edition with what changed since an earlier one, and one
partner's snapshot in an edition.

Thin views: access check -> form -> service or snapshots -> render. The comparison is worked out in changes.py and
the labels in display.py, both from the editions' stored snapshots."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from acip.editions.access import get_edition_entry_for_user, get_edition_for_user, require_edition_reader
from acip.editions.changes import compare
from acip.editions.display import changes_view, snapshot_view
from acip.editions.forms import CompareForm, EditionForm
from acip.editions.models import Edition
from acip.editions.services import edition_freeze
from acip.lib.pdf import render_pdf, unavailable_response
from acip.models import Tier
from acip.pdfs.models import PdfState
from acip.pdfs.services import edition_pdf_request
from acip.pdfs.views import pdf_file_response


@require_safe
def edition_list(request):
    require_edition_reader(request.user)
    editions = Edition.objects.visible_to(request.user).with_counts().select_related("meeting", "created_by")
    return render(request, "editions/edition_list.html", {"editions": editions})


@require_http_methods(["GET", "HEAD", "POST"])
def edition_create(request):
    require_edition_reader(request.user)
    form = EditionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        edition = edition_freeze(
            title=form.cleaned_data["title"],
            frozen_on=form.cleaned_data["frozen_on"],
            meeting=form.cleaned_data["meeting"],
            created_by=request.user,
        )
        count = edition.entries.count()
        messages.success(
            request,
            ngettext(
                "Edition “%(title)s” frozen: %(count)d partner.",
                "Edition “%(title)s” frozen: %(count)d partners.",
                count,
            )
            % {"title": edition.title, "count": count},
        )
        return redirect(edition)
    return render(request, "editions/edition_form.html", {"form": form})


def _snapshots(edition: Edition) -> dict:
    return {entry.partner_id: entry.data for entry in edition.entries.all()}


def _compared(request, edition: Edition):
    """The editions earlier than this one, the compare form, and the one to compare with: the one asked for, or the
    previous one (with a message when the one asked for cannot be compared)."""
    earlier_qs = Edition.objects.visible_to(request.user).filter(
        Q(frozen_on__lt=edition.frozen_on) | Q(frozen_on=edition.frozen_on, pk__lt=edition.pk)
    )
    earlier = list(earlier_qs)
    other = earlier[0] if earlier else None
    form = CompareForm(earlier=earlier_qs, initial={"compare": other})
    if "compare" in request.GET:
        form = CompareForm(request.GET, earlier=earlier_qs)
        if form.is_valid():
            other = form.cleaned_data["compare"]
        else:
            messages.warning(request, _("That edition cannot be compared with this one; see the choice below."))
    return earlier, form, other


#: Items of each list of a partner's changes that the page shows (commitments opened, closed, overdue, values,
#: assessments); the PDF lists them all. At WCO scale a partner's list ran to a hundred commitments between two
#: editions, and an edition of every partner (158 at scale) was 455 KB of HTML; 202 KB with three of each.
CHANGES_SHOWN = 3
CHANGE_LISTS = ("opened", "closed", "overdue", "values_added", "values_changed", "assessments")


def _cut(partner_changes: list[dict]) -> list[dict]:
    """Each list of each partner's changes cut to CHANGES_SHOWN, with how many more there are (`<list>_more`)."""
    for change in partner_changes:
        for name in CHANGE_LISTS:
            change[f"{name}_more"] = max(len(change[name]) - CHANGES_SHOWN, 0)
            change[name] = change[name][:CHANGES_SHOWN]
    return partner_changes


def _detail_context(request, pk, *, complete: bool = False) -> dict:
    """The edition page's context: the edition, what changed since the earlier edition asked for (or the previous
    one) and every partner's snapshot; shared by the page and its PDF (`complete`: every item of every list)."""
    edition = get_edition_for_user(request.user, pk)
    earlier, form, other = _compared(request, edition)
    snapshots = _snapshots(edition)
    changes = None
    if other:
        changes = compare((other.frozen_on, _snapshots(other)), (edition.frozen_on, snapshots))
    context = {
        "edition": edition,
        "other": other,
        "earlier": earlier,
        "form": form,
        "summary": changes.summary if changes else [],
        "partner_changes": (lambda view: view if complete else _cut(view))(changes_view(changes, edition.frozen_on))
        if changes
        else [],
        "entries": [snapshot_view(data, edition.frozen_on) for data in snapshots.values()],
    }
    return context


@require_safe
def edition_detail(request, pk):
    return render(request, "editions/edition_detail.html", _detail_context(request, pk))


@require_safe
def edition_pdf(request, pk):
    """The edition page as a PDF; editions hold every tier's text, so it is for staff alone. Made once by the task
    worker and served from then on; until it is made, its progress page."""
    edition = get_edition_for_user(request.user, pk)
    unavailable = unavailable_response(request, edition.get_absolute_url())
    if unavailable is not None:
        return unavailable
    _earlier, _form, other = _compared(request, edition)
    document = edition_pdf_request(edition=edition, compared=other, language=get_language(), user=request.user)
    if document.state == PdfState.DONE:
        return pdf_file_response(document)
    return redirect(document)


def edition_pdf_document(request, pk) -> tuple[bytes, str]:
    """The PDF of the edition page and its file name (run by acip/pdfs/tasks.py)."""
    context = _detail_context(request, pk, complete=True)
    edition = context["edition"]
    content = render_pdf(request, "editions/edition_detail.html", context, tier_label=Tier.STAFF.label)
    return content, f"edition-{edition.frozen_on:%Y-%m-%d}-{edition.pk}"


@require_safe
def edition_entry(request, pk, partner_id):
    edition, entry = get_edition_entry_for_user(request.user, pk, partner_id)
    context = {"edition": edition, "entry": snapshot_view(entry.data, edition.frozen_on)}
    return render(request, "editions/editionentry_detail.html", context)

"""The import pages: the list of imports with their templates, the upload form (with every wrong cell listed next to
the file field), the preview of what the file would create, update or leave alone, and its confirmation.

Between the preview and the confirmation the file's rows wait in the user's session (server-side, with the file's
hash and the digest of the preview last shown); the confirmation checks them again against the database and refuses
if it would do anything else than that preview showed. Nothing is written before that."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from acip.imports.access import get_import_for_user, require_importer
from acip.imports.forms import UploadForm
from acip.imports.services import ImportChanged, import_apply, import_plan
from acip.imports.specs import CREATE, SPECS, UNCHANGED, UPDATE
from acip.lib.exports import Column, export_response


def _session_key(kind: str) -> str:
    return f"imports:{kind}"


@require_safe
def import_list(request):
    require_importer(request.user)
    return render(request, "imports/import_list.html", {"specs": SPECS.values()})


@require_http_methods(["GET", "HEAD", "POST"])
def import_upload(request, kind):
    spec = get_import_for_user(request.user, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        table = form.cleaned_data["table"]
        plan = import_plan(kind=kind, table=table, user=request.user)
        if plan.errors:
            errors = plan.errors
            form.add_error(
                "file",
                _("The file has %(count)d errors, listed below; nothing was imported.") % {"count": len(errors)},
            )
        else:
            request.session[_session_key(kind)] = {
                "table": table,
                "sha256": form.cleaned_data["sha256"],
                "filename": form.cleaned_data["file"].name[:200],
                "digest": plan.digest,
            }
            return redirect("imports:preview", kind=kind)
    return render(request, "imports/import_upload.html", {"spec": spec, "form": form, "errors": errors})


@require_http_methods(["GET", "HEAD", "POST"])
def import_preview(request, kind):
    spec = get_import_for_user(request.user, kind)
    pending = request.session.get(_session_key(kind))
    if not isinstance(pending, dict):
        messages.info(request, _("Upload a file first."))
        return redirect("imports:upload", kind=kind)
    if request.method == "POST":
        try:
            plan = import_apply(
                kind=kind,
                table=pending["table"],
                user=request.user,
                digest=pending["digest"],
                filename=pending["filename"],
            )
        except ImportChanged:
            messages.warning(
                request, _("The records changed since the preview; nothing was imported. Review it again.")
            )
            return redirect("imports:preview", kind=kind)
        del request.session[_session_key(kind)]
        messages.success(request, _summary(plan))
        return redirect("imports:list")
    plan = import_plan(kind=kind, table=pending["table"], user=request.user)
    if not plan.errors and plan.digest != pending["digest"]:
        # The confirmation must do what this page shows: the records changed since the upload or the last preview.
        request.session[_session_key(kind)] = {**pending, "digest": plan.digest}
    context = {
        "spec": spec,
        "plan": plan,
        "filename": pending["filename"],
        "counts": {action: plan.count(action) for action in (CREATE, UPDATE, UNCHANGED)},
    }
    return render(request, "imports/import_preview.html", context)


def _summary(plan) -> str:
    return _("Imported: %(created)d rows created, %(updated)d updated, %(unchanged)d left alone.") % {
        "created": plan.count(CREATE),
        "updated": plan.count(UPDATE),
        "unchanged": plan.count(UNCHANGED),
    }


@require_safe
def import_template(request, kind):
    """The import's template: its header row and an example row, or with `?fill=records` the records themselves
    (what an import of it would leave alone)."""
    spec = get_import_for_user(request.user, kind)
    filled = request.GET.get("fill") == "records"
    # The records are written in the long layout, whatever the layout asked for.
    layout = "wide" if request.GET.get("layout") == "wide" and kind == "survey" and not filled else ""
    headers = spec.template_columns(layout)
    rows = spec.records(request.user) if filled else [spec.template_example(layout)]
    columns = [Column(header, lambda row, index=index: row[index]) for index, header in enumerate(headers)]
    name = f"{kind.replace('_', '-')}-{'records' if filled else 'template'}"
    return export_response(columns=columns, rows=rows, fmt="xlsx", filename=name)

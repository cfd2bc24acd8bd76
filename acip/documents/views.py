from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from acip.documents.access import get_attachment_for_user, get_record_for_user, get_version_for_user
from acip.documents.forms import AttachmentForm, VersionForm
from acip.documents.models import Attachment, AttachmentVersion
from acip.documents.selectors import latest_number, record_page
from acip.documents.services import attachment_create, attachment_version_add
from acip.documents.uploads import parse_upload
from acip.lib.forms import run_service


# The upload views parse the body themselves (acip/documents/uploads.py), before the CSRF check reads it: Django's
# way for a view that changes how an upload is read is csrf_exempt outside and csrf_protect on the work inside.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def attachment_create_view(request, kind, key):
    record = get_record_for_user(request.user, kind, key, write=True)
    return _attachment_create(request, record, parse_upload(request))


@csrf_protect
def _attachment_create(request, record, name_had_path: bool):
    bound = request.method == "POST"
    form = AttachmentForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        name_had_path=name_had_path,
        user=request.user,
    )
    if bound and form.is_valid():
        attachment = run_service(
            form, lambda: attachment_create(parent=record, data=form.cleaned_data, user=request.user)
        )
        if attachment:
            messages.success(request, _("“%(title)s” is attached.") % {"title": attachment.title})
            return redirect(record_page(record))
    context = {"form": form, "record": record, "cancel_url": record_page(record)}
    return render(request, "documents/attachment_form.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def version_create_view(request, uuid):
    attachment = get_attachment_for_user(request.user, uuid, write=True)
    return _version_create(request, attachment, parse_upload(request))


@csrf_protect
def _version_create(request, attachment: Attachment, name_had_path: bool):
    bound = request.method == "POST"
    form = VersionForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        name_had_path=name_had_path,
        latest=latest_number(attachment),
    )
    if bound and form.is_valid():
        version = run_service(
            form, lambda: attachment_version_add(attachment=attachment, data=form.cleaned_data, user=request.user)
        )
        if version is None and form.has_error("upload", "newer_version"):
            form.show_newer(latest_number(attachment))
        if version:
            messages.success(
                request,
                _("Version %(number)s of “%(title)s” is uploaded; the older ones are kept.")
                % {"number": version.number, "title": attachment.title},
            )
            return redirect(record_page(attachment.record))
    context = {"form": form, "attachment": attachment, "cancel_url": record_page(attachment.record)}
    return render(request, "documents/version_form.html", context)


@require_safe
def attachment_download(request, uuid, number=None):
    """A file, to whoever may see its attachment (its record's rules and its tier), 404 to anyone else."""
    return _serve(get_version_for_user(request.user, uuid, number))


def _serve(version: AttachmentVersion) -> HttpResponse:
    disposition = content_disposition_header(True, version.original_name)
    mode = settings.ACIP_DOCUMENTS_SERVE
    if mode == "redirect":
        # A signed URL that expires soon, made only now that the check has passed; the storage answers with the
        # same file name and type as the view would.
        url = version.file.storage.url(
            version.file.name,
            parameters={"ResponseContentDisposition": disposition, "ResponseContentType": version.content_type},
        )
        response = HttpResponseRedirect(url)
    elif mode == "accel":
        # nginx serves the file from its internal location (README.md, "Documents"), with the headers set here.
        response = HttpResponse(content_type=version.content_type)
        response["X-Accel-Redirect"] = settings.ACIP_DOCUMENTS_ACCEL_PREFIX.rstrip("/") + "/" + version.file.name
        response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            version.file.open("rb"),
            as_attachment=True,
            filename=version.original_name,
            content_type=version.content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    return response

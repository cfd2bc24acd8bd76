from django.http import HttpResponse
from django.views.decorators.http import require_GET

from acip.access import require_staff
from acip.iati.builder import activities_xml


@require_GET
def activities(request):
    """The file that `manage.py iati_export` publishes, for staff to check before they publish it. It holds only
    what donors may read, but it is the programme's publication, not a page: other roles get 403."""
    require_staff(request.user)
    response = HttpResponse(activities_xml(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.xml"'
    return response

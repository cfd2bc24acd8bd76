"""The dashboard (`dashboard:`), the donor view (`donors:`) and the exports (`exports:`), each its own namespace."""

from django.urls import include, path, register_converter

from acip.dashboards import exports, views
from acip.exports import ExportFormatConverter

register_converter(ExportFormatConverter, "export_format")

dashboard_patterns = [
    path("", views.dashboard_home, name="home"),
]

donor_patterns = [
    path("", views.donor_home, name="home"),
    path("<slug:slug>/", views.donor_detail, name="detail"),
]

# /exports/<list>.<csv|xlsx>?<the list's filters>, named after the list: exports:partners, exports:side_meetings...
export_patterns = [
    path(f"{name.replace('_', '-')}.<export_format:fmt>", exports.export, {"dataset": name}, name=name)
    for name in exports.EXPORTS
]

urlpatterns = [
    path("dashboard/", include((dashboard_patterns, "dashboard"))),
    path("donors/", include((donor_patterns, "donors"))),
    path("exports/", include((export_patterns, "exports"))),
]

"""The dashboard (`dashboard:`), the donor view (`donors:`) and the programme results (`results:`), each its own
namespace."""

from django.urls import include, path

from acip.dashboards import views

dashboard_patterns = [
    path("", views.dashboard_home, name="home"),
]

donor_patterns = [
    path("", views.donor_home, name="home"),
    path("<slug:slug>/", views.donor_detail, name="detail"),
    path("<slug:slug>/report/", views.donor_report_page, name="report"),
    path("<slug:slug>/report.xlsx", views.donor_report_xlsx, name="report_xlsx"),
    path("<slug:slug>/report.pdf", views.donor_report_pdf, name="report_pdf"),
]

results_patterns = [
    path("", views.results, name="home"),
]

urlpatterns = [
    path("results/", include((results_patterns, "results"))),
    path("dashboard/", include((dashboard_patterns, "dashboard"))),
    path("donors/", include((donor_patterns, "donors"))),
]

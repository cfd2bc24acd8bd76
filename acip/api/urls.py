"""/api/v1/: the read-only API, its OpenAPI 3 schema and its documentation page (Swagger UI, from our own static
files; its start-up script is served as a file of its own, since the CSP allows no inline script)."""

from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from acip.api import views

app_name = "api"

router = SimpleRouter()
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("status-changes", views.StatusChangeViewSet, basename="status_change")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator_value")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("side-meetings", views.SideMeetingViewSet, basename="side_meeting")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("donors", views.DonorViewSet, basename="donor")
router.register("funding-agreements", views.FundingAgreementViewSet, basename="funding_agreement")
router.register("editions", views.EditionViewSet, basename="edition")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # A page for people: behind the login page like every other page. (DRF exempts its views from the
    # LoginRequiredMiddleware: the API authenticates on its own, and answers 401 in JSON rather than a redirect.)
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
]

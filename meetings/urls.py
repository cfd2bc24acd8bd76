from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("calendar/", views.meeting_calendar, name="calendar"),
    path("new/", views.meeting_create, name="create"),
    path("<uuid:uuid>/", views.meeting_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.meeting_update, name="update"),
    path("<uuid:uuid>/briefing/", views.meeting_briefing, name="briefing"),
    path("<uuid:uuid>/calendar.ics", views.meeting_ics_view, name="ics"),
    path("<uuid:uuid>/side-meetings/new/", views.side_meeting_create, name="side_meeting_create"),
    path("side-meetings/<uuid:uuid>/", views.side_meeting_detail, name="side_meeting"),
    path("side-meetings/<uuid:uuid>/edit/", views.side_meeting_update, name="side_meeting_update"),
    path("side-meetings/<uuid:uuid>/notes/new/", views.note_create, name="note_create"),
    path("notes/<int:pk>/edit/", views.note_update, name="note_update"),
    path("notes/<int:pk>/withdraw/", views.note_withdraw, name="note_withdraw"),
    path("side-meetings/<uuid:uuid>/status/new/", views.side_meeting_status, name="side_meeting_status"),
    path("side-meetings/<uuid:uuid>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/<uuid:uuid>/", views.commitment_detail, name="commitment"),
    path("commitments/<uuid:uuid>/edit/", views.commitment_update, name="commitment_update"),
    path("commitments/<uuid:uuid>/close/", views.commitment_close_view, name="commitment_close"),
]

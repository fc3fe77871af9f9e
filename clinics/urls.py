from django.urls import path

from . import views

app_name = "clinics"

urlpatterns = [
    path("clinics/", views.clinic_list, name="list"),
    path("clinics/calendar.ics", views.public_feed, name="feed"),
    path("clinics/<slug:slug>/", views.clinic_detail, name="detail"),
    path("clinics/<slug:slug>/rsvp/", views.rsvp, name="rsvp"),
    path("clinics/<slug:slug>/cancel/", views.cancel_rsvp, name="cancel"),
    path("clinics/<slug:slug>/feedback/", views.give_feedback, name="feedback"),
    path("clinics/<slug:slug>/calendar.ics", views.clinic_ics, name="ics"),
    path("calendar/<uuid:token>.ics", views.personal_feed, name="personal_feed"),
    path("profile/calendar/", views.reset_personal_feed, name="reset_feed"),
]

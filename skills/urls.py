from django.urls import path

from . import connect_views, views

app_name = "skills"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("skills/demand/", views.demand_map, name="demand"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill"),
    path("profile/skills/", views.my_skills, name="mine"),
    path("people/<str:username>/message/", connect_views.message_participant, name="message"),
    path("people/<str:username>/mentorship/", connect_views.request_mentorship, name="request_mentorship"),
    path("messages/<uuid:token>/report/", connect_views.report_message, name="report_message"),
    path("mentorships/", connect_views.mentorship_list, name="mentorships"),
    path("mentorships/<int:pk>/", connect_views.mentorship_detail, name="mentorship"),
    path(
        "mentorships/<int:pk>/<str:action>/",
        connect_views.mentorship_action,
        name="mentorship_action",
    ),
]

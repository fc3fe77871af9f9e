from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("profile/skills/", views.my_skills, name="mine"),
]

from django.urls import path

from . import views

app_name = "activity"

urlpatterns = [
    path("profile/settings/wiki-activity/", views.settings_page, name="settings"),
]

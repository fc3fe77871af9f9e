"""The impact page and its CSV downloads (under the language prefix)."""

from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.index, name="index"),
    path("impact/<slug:table>.csv", views.download, name="download"),
]

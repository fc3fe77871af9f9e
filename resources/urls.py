from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("resources/", views.resource_list, name="list"),
    path("resources/new/", views.add, name="add"),
    path("resources/<slug:slug>/", views.resource_detail, name="detail"),
    path("resources/<slug:slug>/edit/", views.edit, name="edit"),
    path("resources/<slug:slug>/file/", views.download, name="download"),
    path("resources/<slug:slug>/save/", views.save, name="save"),
    path("profile/resources/", views.saved_list, name="saved"),
]

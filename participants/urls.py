from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("welcome/", views.profile_setup, name="setup"),
    path("profile/edit/", views.profile_edit, name="edit"),
    path("profile/settings/", views.PreferencesView.as_view(), name="preferences"),
    path("profile/my-data.json", views.download_my_data, name="export"),
    path("profile/delete/", views.DeleteAccountView.as_view(), name="delete"),
    path("privacy/", views.PrivacyStatementView.as_view(), name="privacy"),
    path("people/<str:username>/", views.ProfileDetailView.as_view(), name="profile"),
]

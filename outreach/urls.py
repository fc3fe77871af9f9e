from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("join/<slug:code>/", views.join, name="join"),
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

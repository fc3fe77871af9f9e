"""/api/v1/: outside the language prefix (the `Accept-Language` header chooses the language of names)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import capx, me, public
from .views.root import ApiRoot

app_name = "api"

urlpatterns = [
    path("", ApiRoot.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("clinics/", public.ClinicList.as_view(), name="clinics"),
    path("clinics/<slug:slug>/", public.ClinicDetail.as_view(), name="clinic"),
    path("skills/", public.SkillList.as_view(), name="skills"),
    path("skills/<slug:slug>/", public.SkillDetail.as_view(), name="skill"),
    path("participants/", public.ParticipantList.as_view(), name="participants"),
    path("participants/<str:username>/", public.ParticipantDetail.as_view(), name="participant"),
    path("resources/", public.ResourceList.as_view(), name="resources"),
    path("resources/<slug:slug>/", public.ResourceDetail.as_view(), name="resource"),
    path("impact/", public.Impact.as_view(), name="impact"),
    path("me/", me.Me.as_view(), name="me"),
    path("me/skills/", me.MySkills.as_view(), name="my_skills"),
    path("me/rsvps/", me.MyRsvps.as_view(), name="my_rsvps"),
    path("me/rsvps/<slug:slug>/", me.MyRsvp.as_view(), name="my_rsvp"),
    path("capx/enrol/", capx.CapxEnrol.as_view(), name="capx_enrol"),
]

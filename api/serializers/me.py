"""The signed-in person's own profile: the public one, with their own settings."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .participants import PublicProfileSerializer


class OwnProfileSerializer(PublicProfileSerializer):
    email = serializers.EmailField(source="user.email", help_text=_("Your account's address (only you see it)."))

    class Meta(PublicProfileSerializer.Meta):
        fields = [*PublicProfileSerializer.Meta.fields, "email", "email_language", "listed", "show_affiliation"]

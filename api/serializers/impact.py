"""The program's figures, with the small-group rule: a figure built on fewer than 5 people is null and flagged."""

from django.utils.translation import get_language
from rest_framework import serializers


class FigureSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="Null when fewer than 5 people are behind it.")
    fewer_than_5 = serializers.BooleanField()

    def to_representation(self, figure):
        return {"value": None if figure.suppressed else figure.value, "fewer_than_5": figure.suppressed}


class PercentageSerializer(serializers.Serializer):
    percent = serializers.IntegerField(allow_null=True, help_text="Null when fewer than 5 people are behind it.")
    fewer_than_5 = serializers.BooleanField()

    def to_representation(self, share):
        return {"percent": None if share.suppressed else share.percent, "fewer_than_5": share.suppressed}


class QuarterSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    participants = FigureSerializer()
    clinics = FigureSerializer()


class RegionFiguresSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Empty for the people whose region is not known.")
    name = serializers.SerializerMethodField()
    underrepresented = serializers.BooleanField(allow_null=True)
    participants = FigureSerializer()
    shares = FigureSerializer()

    def get_name(self, row) -> str:
        return row.names.get(get_language()) or row.names.get("en") or row.code


class LanguageFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    participants = FigureSerializer(help_text="Participants whose home wiki is this language's Wikipedia.")
    clinics = FigureSerializer()
    shares = FigureSerializer()


class ImpactSerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="Everything up to the end of this day (UTC) is counted.")
    start = serializers.DateField(allow_null=True)
    participants = FigureSerializer()
    registered = FigureSerializer()
    unregistered = FigureSerializer()
    countries = FigureSerializer()
    language_wikipedias = FigureSerializer()
    affiliates_engaged = FigureSerializer()
    affiliates_on_record = FigureSerializer()
    affiliates_share = PercentageSerializer()
    clinics_held = FigureSerializer()
    topics = FigureSerializer()
    clinics_with_staff = PercentageSerializer()
    underrepresented_shares = PercentageSerializer()
    women_sharers = PercentageSerializer()
    retention = PercentageSerializer()
    retention_cohort = FigureSerializer()
    quarters = QuarterSerializer(many=True)
    regions = RegionFiguresSerializer(many=True)
    languages = LanguageFiguresSerializer(many=True)


class PeriodQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="Count up to the end of this day (UTC); default: today.")
    start = serializers.DateField(required=False, help_text="Count only what happened from this day on.")

"""The skills taxonomy: categories and skills, with names in every shipped language and Wikidata items."""

from rest_framework import serializers

from skills.models import Skill, SkillCategory

from .fields import SiteLinkField, TranslationsField


class SkillCategorySerializer(serializers.ModelSerializer):
    names = TranslationsField("name")

    class Meta:
        model = SkillCategory
        fields = ["slug", "name", "names"]


class SkillSerializer(serializers.ModelSerializer):
    names = TranslationsField("name")
    descriptions = TranslationsField("description")
    category = SkillCategorySerializer(read_only=True)
    wikidata_qid = serializers.SerializerMethodField(
        help_text="The skill's Wikidata item (as CapX keys its capacities), or null when none is known."
    )
    url = SiteLinkField("skills:skill")

    class Meta:
        model = Skill
        fields = ["slug", "name", "names", "description", "descriptions", "category", "wikidata_qid", "url"]

    def get_wikidata_qid(self, skill) -> str | None:
        return skill.wikidata_qid or None


class SkillRefSerializer(serializers.ModelSerializer):
    """A skill where something refers to it: enough to name it and find it in the taxonomy."""

    wikidata_qid = serializers.SerializerMethodField()

    class Meta:
        model = Skill
        fields = ["slug", "name", "wikidata_qid"]

    def get_wikidata_qid(self, skill) -> str | None:
        return skill.wikidata_qid or None

"""The directory's result cards as HTML, made here rather than in a template loop: twenty cards of a dozen template
nodes each were the larger part of a results page's rendering time. The markup is the one the template had."""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from letsconnect.lists import format_list
from letsconnect.templatetags.bidi import content_lang


def _text(value):
    # As the template's autoescape: `&<>"'` escaped, the same entities as django.utils.html.escape.
    return escape(str(value))


def card(participant, *, can_share_label):
    place = ""
    if participant.country:
        place = _text(participant.country.name)
        if participant.country.region:
            place += f" · {_text(participant.country.region.name)}"
    parts = [
        '<li class="cdx-card">\n        <div class="cdx-card__text">\n'
        f'          <h3 class="cdx-card__text__title"><a href="{_text(participant.get_absolute_url())}">'
        f"<bdi>{_text(participant.display_name)}</bdi></a></h3>\n"
        f'          <p class="cdx-card__text__description">{place}</p>\n'
        "          "
    ]
    if participant.language_names:
        languages = _text(format_list(participant.language_names))
        parts.append(f'<p class="cdx-card__text__supporting-text">{languages}</p>')
    parts.append("\n          ")
    if participant.shared_skills:
        # A skill named in English on another language's page says so (lang, dir), as everywhere else.
        skills = "".join(
            f"<li{content_lang(skill, 'name')}>{_text(skill.name)}</li>" for skill in participant.shared_skills
        )
        parts.append(f'<ul class="tag-list" aria-label="{can_share_label}">{skills}</ul>')
    parts.append("\n        </div>\n      </li>")
    return "".join(parts)


def cards_html(participants):
    """The cards of `participants` (with `language_names` and `shared_skills`), as the results list's items."""
    can_share_label = _text(pgettext("skill", "Can share"))
    return mark_safe(  # noqa: S308 -- every value above is escaped
        "\n      ".join(card(participant, can_share_label=can_share_label) for participant in participants)
    )

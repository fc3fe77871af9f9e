"""The options of a `<select>`, written in Python: the same HTML as Django's `select_option.html`, without an
`{% include %}` per option. A profile form holds about 2,500 options (countries, time zones, the wikis' languages
twice each); through the template engine they cost about half a second of CPU per page, this way a few
milliseconds. Used by `templates/django/forms/widgets/select.html` (FORM_RENDERER is TemplatesSetting)."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

DJANGO_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attributes(attrs):
    """As `django/forms/widgets/attrs.html`: False leaves the attribute out, True writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _option(option):
    if option["template_name"] != DJANGO_OPTION_TEMPLATE:
        return render_to_string(option["template_name"], {"widget": option})
    value = conditional_escape(str(option["value"]))
    return f'<option value="{value}"{_attributes(option["attrs"])}>{conditional_escape(option["label"])}</option>'


@register.simple_tag
def select_options(widget):
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 -- every value and label above is escaped

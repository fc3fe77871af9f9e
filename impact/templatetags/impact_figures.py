"""`{{ figure|shown }}`: a figure as the reader's language writes it, or "fewer than 5"."""

from django import template

from ..display import shown as shown_figure

register = template.Library()


@register.filter
def shown(figure):
    return shown_figure(figure)

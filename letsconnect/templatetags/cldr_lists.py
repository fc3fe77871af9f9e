"""`{{ names|cldr_list }}`: a list joined as the active language writes it (`letsconnect.lists`)."""

from django import template

from letsconnect import lists

register = template.Library()


@register.filter
def cldr_list(values):
    return lists.format_list(values)

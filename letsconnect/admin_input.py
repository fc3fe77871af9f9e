"""What every ModelAdmin of ours shares: actions run only on well-formed ids, searches have a length limit, and a
date in the address that no calendar holds (or whose next year none does) is a bad request."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

SEARCH_MAX_LENGTH = 200
DATE_MAX_YEAR = 9999  # datetime's last year: the hierarchy's "next year" of it does not exist


class CheckedChangeList(ChangeList):
    """Django turns a date of the date hierarchy that does not exist (`?created_at__year=0`) into "Please correct
    the errors", but a number too large for a date (`?created_at__year=99999999999999999999999`) into a 500."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class CheckedAdminInputMixin:
    """Django's admin passes a tampered selection (`_selected_action` that is not an id, or one past the column's
    range) to the query, which fails with a 500; and it searches every word of a search, so that a pasted page of
    text becomes a query of thousands of ILIKEs. Both are refused here, with a message."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(self._is_well_formed_id(value) for value in selected):
            self.message_user(request, _("The selection was not understood. Choose the items again."), messages.ERROR)
            return None
        return super().response_action(request, queryset)

    def get_changelist_instance(self, request):
        # The date hierarchy's link to the following year fails (a 500) for `?<field>__year=9999` or beyond. Refused
        # here rather than in changelist_view, which would make every changelist's URL one of this module's views.
        if self.date_hierarchy:
            year = request.GET.get(f"{self.date_hierarchy}__year")
            if year is not None and not (year.isascii() and year.isdigit() and 1 <= int(year) < DATE_MAX_YEAR):
                self.message_user(request, _("That year cannot be shown: choose one from the list."), messages.ERROR)
                raise IncorrectLookupParameters  # the admin then shows the list without any filter
        return super().get_changelist_instance(request)

    def get_search_results(self, request, queryset, search_term):
        if len(search_term) > SEARCH_MAX_LENGTH:
            message = _("The search is too long: only its first %(count)s characters are searched.")
            self.message_user(request, message % {"count": SEARCH_MAX_LENGTH}, messages.WARNING)
            search_term = search_term[:SEARCH_MAX_LENGTH]
        return super().get_search_results(request, queryset, search_term)

    def _is_well_formed_id(self, value):
        field = self.model._meta.pk
        try:
            value = field.to_python(value)
        except ValidationError:
            return False
        if isinstance(value, int):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            return low <= value <= high
        return "\x00" not in str(value)

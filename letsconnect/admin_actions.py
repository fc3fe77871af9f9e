"""What every ModelAdmin of ours shares: admin actions run only on a selection of well-formed ids."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _


class CheckedSelectionMixin:
    """A tampered selection (`_selected_action` that is not an id, or one past the column's range) is refused
    with a message; Django's admin would pass it to the query and fail there with a 500."""

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(self._is_well_formed_id(value) for value in selected):
            self.message_user(request, _("The selection was not understood. Choose the items again."), messages.ERROR)
            return None
        return super().response_action(request, queryset)

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

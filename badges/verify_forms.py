"""The verify page's form: a badge image or a pasted credential, and optionally the email it should name."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .ob3 import baking

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_TOKEN_CHARACTERS = 100_000


class VerifyForm(forms.Form):
    image = forms.FileField(
        label=_("Badge image"),
        required=False,
        help_text=_("A PNG or SVG badge downloaded from Let’s Connect. Drop it here or choose it."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/svg+xml,.png,.svg"}),
    )
    credential = forms.CharField(
        label=_("Or paste the credential"),
        required=False,
        max_length=MAX_TOKEN_CHARACTERS,
        strip=True,
        help_text=_("The signed credential (a JWT: three parts separated by dots)."),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("Email address of the holder (optional)"),
        required=False,
        help_text=_("Compared with the hashed address in the credential. It is not stored."),
    )

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(
                _("This file is too large: a badge image is at most %(size)s.")
                % {"size": filesizeformat(MAX_IMAGE_BYTES)},
                code="size",
            )
        return image

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        image, pasted = cleaned.get("image"), "".join((cleaned.get("credential") or "").split())
        if not image and not pasted:
            raise forms.ValidationError(_("Choose a badge image or paste a credential."), code="empty")
        if image:
            try:
                cleaned["token"] = baking.extract(image.read())
            except baking.NoCredential as error:
                reasons = {
                    "format": _("This file is not a PNG or SVG image."),
                    "png": _("This PNG image holds no Open Badges 3.0 credential."),
                    "svg": _("This SVG image holds no Open Badges 3.0 credential."),
                }
                self.add_error("image", forms.ValidationError(reasons[str(error)], code="no-credential"))
        else:
            cleaned["token"] = pasted
        return cleaned

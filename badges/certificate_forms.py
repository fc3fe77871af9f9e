"""The form a participant fills to get a certificate: which kind, in which language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Certificate


class CertificateRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Certificate"), widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        choices=settings.LANGUAGES,
        help_text=_("Clinic titles and topics are printed in this language where they have been translated."),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            Certificate.Kind.PARTICIPATION: _("Certificate of participation: the Learning Clinics you attended"),
            Certificate.Kind.CONTRIBUTION: _("Certificate of contribution: the Learning Clinics where you shared"),
        }
        self.fields["kind"].choices = [(kind.value, labels[kind]) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0].value

"""The public verify page: anyone drops a badge image or pastes a credential and sees whether Let's Connect issued
it, untouched, still valid and not revoked; each check is spelled out in the reader's language."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from letsconnect.dates import format_date

from .ob3 import verification
from .ob3.verification import Check, parse_moment
from .verify_forms import VerifyForm


def _date(value):
    """A date of the credential (ISO 8601) as the reader's language writes it; "" when it has none."""
    if not isinstance(value, str):
        return ""
    try:
        return format_date(parse_moment(value))
    except ValueError:
        return value


def _lines(outcome):
    """(passed, sentence) for each check made, in the order a reader follows them."""
    credential = outcome.credential or {}
    messages = {
        (Check.FORMAT, "not-jwt"): _("This is not a signed credential (a JWT)."),
        (Check.FORMAT, "claims"): _("Its content does not follow Open Badges 3.0: it was not made by Let’s Connect."),
        (Check.ISSUER, "unknown-key"): _("Issuer: it is not signed with a key of Let’s Connect."),
        (Check.ISSUER, "other-issuer"): _("Issuer: it names an issuer other than Let’s Connect."),
        (Check.SIGNATURE, "algorithm"): _("Signature: its algorithm does not match the key it names."),
        (Check.SIGNATURE, "invalid"): _("Signature: invalid. The credential was changed after it was signed."),
        (Check.VALIDITY, "dates"): _("Validity: its dates cannot be read."),
        (Check.VALIDITY, "not-yet"): _("Validity: not valid before %(date)s.")
        % {"date": _date(credential.get("validFrom"))},
        (Check.VALIDITY, "expired"): _("Validity: expired on %(date)s.")
        % {"date": _date(credential.get("validUntil"))},
        (Check.STATUS, "revoked"): _("Status: revoked by Let’s Connect."),
        (Check.STATUS, "no-status"): _("Status: it carries no revocation status."),
        (Check.STATUS, "unknown-list"): _("Status: its revocation list is not one Let’s Connect publishes."),
        (Check.RECIPIENT, "other-email"): _("Holder: it was not issued to this email address."),
    }
    passed = {
        Check.SIGNATURE: _("Signature: valid (%(algorithm)s, key %(key)s).")
        % {"algorithm": outcome.key.algorithm, "key": outcome.key.thumbprint[:12]}
        if outcome.key
        else "",
        Check.FORMAT: _("Content: an Open Badges 3.0 credential."),
        Check.ISSUER: _("Issuer: Let’s Connect."),
        Check.VALIDITY: _("Validity: valid since %(date)s.") % {"date": _date(credential.get("validFrom"))},
        Check.STATUS: _("Status: not revoked."),
        Check.RECIPIENT: _("Holder: issued to this email address."),
    }
    order = [Check.FORMAT, Check.SIGNATURE, Check.ISSUER, Check.VALIDITY, Check.STATUS, Check.RECIPIENT]
    return [
        (outcome.checks[check], passed[check] if outcome.checks[check] else messages[(check, outcome.reasons[check])])
        for check in order
        if check in outcome.checks
    ]


def verify(request):
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    context = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = verification.verify(form.cleaned_data["token"], email=form.cleaned_data["email"])
            subject = (outcome.credential or {}).get("credentialSubject") or {}
            context |= {
                "outcome": outcome,
                "lines": _lines(outcome),
                "achievement": subject.get("achievement") if outcome.checks.get(Check.ISSUER) else None,
                "issued": _date((outcome.credential or {}).get("validFrom")),
            }
        else:
            status = 400
    return render(request, "badges/verify.html", context, status=status)

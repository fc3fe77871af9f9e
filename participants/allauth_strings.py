"""allauth's own Python strings that our account pages can show, listed so that `makemessages` extracts them.

django-allauth ships catalogues for es, fr and ar, but none for pt and sw (only pt_BR and pt_PT, which Django does
not use for `pt`). Its templates are all overridden under templates/account/ and templates/socialaccount/, so their
text is ours; what remains are the labels, placeholders and error messages allauth builds in Python. Each msgid below
is copied exactly from allauth 65.21 (account/fields.py, account/forms.py, account/adapter.py,
socialaccount/adapter.py), so that our catalogue translates it in every language; check the list when upgrading
allauth. Only strings our enabled flows can show are here: no MFA, phone, login codes, passkeys or headless API.
Django's own messages (required field, invalid email, password rules, username taken) come from Django's catalogues.

`gettext_noop` is called by its full name, not an alias: `makemessages` looks for that name. Nothing imports this
module at runtime; it only has to stay importable.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

STRINGS = (
    # account/fields.py: EmailField, on sign-up, password reset and the email page.
    gettext_noop("Email"),
    gettext_noop("Email address"),
    # account/forms.py: LoginForm (login by username or email).
    pgettext_lazy("field label", "Login"),
    gettext_noop("Username or email"),
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    # account/forms.py: SignupForm, and socialaccount's SignupForm after a Wikimedia sign-in.
    gettext_noop("Username"),
    # account/forms.py: ChangePasswordForm, SetPasswordForm, ResetPasswordKeyForm.
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password (again)"),
    gettext_noop("You must type the same password each time."),
    # account/adapter.py: DefaultAccountAdapter.error_messages.
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("This email address is already associated with this account."),
    # Rate limits (ACCOUNT_RATE_LIMITS): too many failed sign-ins, and allauth's general rate-limit message.
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Be patient, you are sending too many requests."),
    # socialaccount/adapter.py: DefaultSocialAccountAdapter.error_messages, when disconnecting a Wikimedia account.
    gettext_noop("Your account has no password set up."),
    gettext_noop("Your account has no verified email address."),
)

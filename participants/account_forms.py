"""allauth's forms, where ours must differ: a sign-up costs the same whether the address has an account or not."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        """With an address that already has an account, allauth creates nothing and emails its owner instead; the
        answer is the same page. Without the password's hashing (PBKDF2, most of a new account's cost) that answer
        came about a second sooner, and the delay told which addresses have accounts. So the password is hashed
        here too, as `set_password()` would, and thrown away. Both paths queue one email through the adapter."""
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)

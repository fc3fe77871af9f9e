"""allauth adapters: where a new account goes next, the language of account emails, Wikimedia usernames."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation

from mail import services as mail_services
from mail.models import Email

from . import services, wikimedia_sign_in
from .models import Participant, User


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # Step 2 of registration until the profile exists; it can be finished later.
        if not Participant.objects.filter(user=request.user).exists():
            return reverse("participants:setup")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return reverse("participants:setup")

    def send_mail(self, template_prefix, email, context):
        """Account emails go out in the recipient's chosen language, or the page's language before they chose.

        Rendered here and written to the outbox (`mail`), which sends them: a mail server that is slow or refuses
        never turns a sign-up or a password reset into an error page, and the send is retried. The row keeps the
        text (it holds a confirmation or reset key) only until it is sent."""
        owner = (
            User.objects.filter(emailaddress__email__iexact=email).select_related("participant").first()
            or User.objects.filter(email__iexact=email).select_related("participant").first()
        )
        participant = getattr(owner, "participant", None) if owner is not None else None
        language = participant.email_language if participant is not None else translation.get_language()
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
        mail_services.write(
            [
                mail_services.email(
                    key=f"account:{uuid.uuid4()}",
                    kind=Email.Kind.ACCOUNT,
                    group=template_prefix[:100],
                    recipient=owner,
                    address=email,
                    language=language,
                    subject=message.subject,
                    body=message.body,
                    html=html,
                )
            ],
            send_now=True,
        )

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The failed sign-ins of one login are counted together whatever the Host header says.

        allauth puts the current site's domain in the key, and without django.contrib.sites that is the request's
        Host header, port included: `example.org:1`, `example.org:2`, `EXAMPLE.org` all pass ALLOWED_HOSTS, and
        each would start a fresh count of five.
        """
        login = credentials.get("email", credentials.get("username", ""))
        return f"login:{login.strip().lower()}"


def wikimedia_account_connected(sender, request, sociallogin, **kwargs):
    """Receiver of allauth's social_account_added: a Wikimedia account connected from the account's settings
    confirms the username as a sign-in does."""
    username = sociallogin.account.extra_data.get("username")
    if sociallogin.account.provider == "mediawiki" and username:
        services.record_wikimedia_username(user=sociallogin.user, username=username)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def generate_state_param(self, state):
        # The callback has no language prefix; the state carries the language the person started in.
        return wikimedia_sign_in.state_param(super().generate_state_param(state))

    def pre_social_login(self, request, sociallogin):
        """Every Wikimedia sign-in confirms the participant's Wikimedia username. A first Wikimedia sign-in of
        someone whose account was made for them with that username already verified (enrolled from CapX, which
        signed them in with Wikimedia itself) joins that account: they find their profile."""
        username = sociallogin.account.extra_data.get("username")
        if sociallogin.account.provider != "mediawiki" or not username:
            return
        if sociallogin.is_existing:
            services.record_wikimedia_username(user=sociallogin.user, username=username)
            return
        user = services.account_awaiting_wikimedia_sign_in(username=username)
        if user is not None:
            sociallogin.connect(request, user)
            # The provider gives only an address Wikimedia confirmed, as verified.
            for address in sociallogin.email_addresses:
                if address.verified:
                    services.confirm_email_from_wikimedia(user=user, email=address.email)

"""Operations that change participants: creating and editing profiles, Wikimedia usernames, export, erasure."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Participant
from .search import normalise
from .signals import participant_email_confirmed, participant_erasing, personal_data_requested, profile_changed

PRIVACY_STATEMENT_VERSION = settings.PRIVACY_STATEMENT_VERSION


def verified_wikimedia_username(user):
    """The username of the Wikimedia account `user` signed in with, if any."""
    from allauth.socialaccount.models import SocialAccount

    account = SocialAccount.objects.filter(user=user, provider="mediawiki").first()
    return (account.extra_data.get("username") or "") if account else ""


def account_awaiting_wikimedia_sign_in(*, username):
    """The active account whose profile has `username` as its verified Wikimedia username but which has never
    signed in with Wikimedia (one made for the person by an enrolment from CapX); None if there is none."""
    from allauth.socialaccount.models import SocialAccount

    participant = (
        Participant.objects.filter(wikimedia_username=username, wikimedia_username_verified=True, user__is_active=True)
        .exclude(user__in=SocialAccount.objects.filter(provider="mediawiki").values("user"))
        .select_related("user")
        .first()
    )
    return participant.user if participant else None


@transaction.atomic
def confirm_email_from_wikimedia(*, user, email):
    """Wikimedia confirmed `email` as the person's: it is verified on their account when it is the account's
    address, or the account has none and no other account holds it."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is not None:
        EmailAddress.objects.filter(pk=address.pk).update(verified=True)
    elif not user.email and not EmailAddress.objects.filter(email__iexact=email).exists():
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        user.email = email
        user.save(update_fields=["email"])


@transaction.atomic
def save_profile(*, profile_form, language_formset, home_wiki_formset, consented=False):
    """Save a profile with its languages and home wikis, all or nothing.

    The forms must be valid. A consent given now records the statement's version and time.
    """
    participant = profile_form.save(commit=False)
    created = participant.pk is None
    if consented:
        participant.privacy_version = PRIVACY_STATEMENT_VERSION
        participant.privacy_consented_at = timezone.now()
    if not participant.wikimedia_username_verified:
        verified = verified_wikimedia_username(participant.user)
        if verified:
            participant.wikimedia_username = verified
            participant.wikimedia_username_verified = True
    participant.save()
    profile_form.save_m2m()
    for formset in (language_formset, home_wiki_formset):
        formset.instance = participant
        formset.save()
    refresh_search_document(participant=participant)
    if created:
        # Addresses confirmed before the profile existed (allauth confirms at sign-up).
        for email in participant.user.emailaddress_set.filter(verified=True).values_list("email", flat=True):
            confirm_email(participant=participant, email=email)
    return participant


def confirm_email(*, participant, email):
    """`email` is the participant's: what was recorded under it before the account existed becomes theirs."""
    participant_email_confirmed.send(sender=Participant, participant=participant, email=email)


def email_confirmed_by_user(sender, request, email_address, **kwargs):
    """Receiver of allauth's email_confirmed: the person proved the address is theirs."""
    participant = Participant.objects.filter(user_id=email_address.user_id).first()
    if participant is not None:
        with transaction.atomic():
            confirm_email(participant=participant, email=email_address.email)


def refresh_search_document(*, participant):
    """Rebuild the text the Skills Directory searches: public fields only, never email, gender or age.

    Call it after any change the directory shows or filters on; the directory's own row follows.
    """
    name = normalise(f"{participant.display_name} {participant.user.username} {participant.wikimedia_username}")
    fields = {"search_name": name, "search_about": normalise(f"{name} {participant.bio}")}
    Participant.objects.filter(pk=participant.pk).update(**fields)
    for field_name, value in fields.items():
        setattr(participant, field_name, value)
    profile_changed.send(sender=Participant, participant=participant)


@transaction.atomic
def save_preferences(*, form):
    """Save the privacy and email preferences (a valid PreferencesForm): listing changes the directory at once."""
    participant = form.save()
    refresh_search_document(participant=participant)
    return participant


@transaction.atomic
def record_wikimedia_username(*, user, username):
    """After a Wikimedia sign-in: the username is verified, and replaces whatever was typed by hand."""
    Participant.objects.filter(user=user).update(wikimedia_username=username, wikimedia_username_verified=True)
    for participant in Participant.objects.filter(user=user).select_related("user"):
        refresh_search_document(participant=participant)


@transaction.atomic
def save_account(*, user):
    """After staff change an account (username, active or not): the directory follows."""
    user.save()
    for participant in Participant.objects.filter(user=user).select_related("user"):
        refresh_search_document(participant=participant)


def export_personal_data(*, participant):
    """Everything Let's Connect holds about `participant`, as JSON-serialisable data."""
    user = participant.user
    data = {
        "account": {
            "username": user.username,
            "email": user.email,
            "emails": list(user.emailaddress_set.values("email", "verified", "primary")),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "wikimedia_accounts": [
                {"provider": account.provider, "uid": account.uid, "username": account.extra_data.get("username")}
                for account in user.socialaccount_set.all()
            ],
        },
        "profile": {
            "display_name": participant.display_name,
            "country": participant.country_id,
            "region": participant.country.region_id if participant.country else None,
            "role": participant.role,
            "wikimedia_username": participant.wikimedia_username,
            "wikimedia_username_verified": participant.wikimedia_username_verified,
            "languages": [{"language": row.language, "level": row.level} for row in participant.languages.all()],
            "home_wikis": [row.code for row in participant.home_wikis.all()],
            "affiliation": participant.affiliation,
            "affiliates": [affiliate.name for affiliate in participant.affiliates.all()],
            "group_name": participant.group_name,
            "areas_of_work": participant.areas_of_work,
            "wiki_experience": participant.wiki_experience,
            "time_zone": participant.time_zone,
            "email_language": participant.email_language,
            "pronouns": participant.pronouns,
            "heard_from": participant.heard_from,
            "bio": participant.bio,
            "gender": participant.gender,
            "gender_self_description": participant.gender_self_description,
            "age_range": participant.age_range,
            "created_at": participant.created_at.isoformat(),
        },
        "privacy": {
            "listed": participant.listed,
            "show_affiliation": participant.show_affiliation,
            "show_time_zone": participant.show_time_zone,
            "show_attendance": participant.show_attendance,
            "reminders_enabled": participant.reminders_enabled,
            "messages_enabled": participant.messages_enabled,
            "announcements_enabled": participant.announcements_enabled,
            "digest_enabled": participant.digest_enabled,
            "refused_email": participant.refused_email,
            "privacy_version": participant.privacy_version,
            "privacy_consented_at": participant.privacy_consented_at.isoformat()
            if participant.privacy_consented_at
            else None,
        },
    }
    for _receiver, (section, section_data) in personal_data_requested.send(sender=Participant, participant=participant):
        data[section] = section_data
    return data


@transaction.atomic
def erase_account(*, user):
    """Delete the account and every personal detail; other apps keep only anonymous counts."""
    participant = Participant.objects.filter(user=user).first()
    if participant is not None:
        participant_erasing.send(sender=Participant, participant=participant)
        participant.delete()
    user.delete()

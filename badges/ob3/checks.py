"""A system check: keys in the environment that cannot sign (wrong type, RSA under 2048 bits, not PEM) are reported
when the site starts, not as an error page when someone first downloads a credential."""

from django.core import checks

from . import keys


def signing_keys_usable(app_configs, **kwargs):
    return [checks.Error(message, id="badges.E001") for message in keys.configuration_errors()]

from django.apps import AppConfig


class LetsConnectConfig(AppConfig):
    """The project itself as an app: site-wide commands (seed_demo) and templates."""

    name = "letsconnect"
    verbose_name = "Let's Connect"

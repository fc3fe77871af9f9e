"""Fill the database with a believable demo program: `manage.py seed_demo` (safe to run again)."""

import random
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create demo participants, clinics and attendance. Running it again adds nothing twice."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=300, help="How many demo participants (default 300).")

    def handle(self, *args, **options):
        # Each app may ship a `demo` module with `seed(rng, options)`; they run in INSTALLED_APPS order,
        # which is the order of their dependencies, so later apps can build on earlier ones' data.
        rng = random.Random(2022)
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name == "letsconnect" or find_spec(module_name) is None:
                continue
            with transaction.atomic():
                summary = import_module(module_name).seed(rng=rng, options=options)
            self.stdout.write(f"{app_config.label}: {summary}")

"""Settings of the load benchmark (bench/load.py): the site's own, with a trivial page added to its URLs."""

from letsconnect.settings import *  # noqa: F403 -- the production settings, unchanged but for the URLs

ROOT_URLCONF = "bench.urls"

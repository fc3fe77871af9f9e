"""The clinic list's kept rendering (letsconnect.fragments): the name of the data it shows, replaced whenever a
clinic, topic or skill changes (receivers in ClinicsConfig.ready), and how long it is kept at most."""

from letsconnect import fragments

DATA = "clinics:list"
KEPT_SECONDS = 15 * 60


def changed(**kwargs):
    fragments.replace_version(DATA)

"""Every shipped language is complete, and no translation carries markup its source does not."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALES = sorted(path for path in (Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.po"))
SHIPPED = sorted(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")


def _entries(po_file):
    """(msgid, [msgstr...]) for every entry but the header; enough of PO syntax for Django's output."""
    entries, current, field = [], None, None
    for line in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            current, field = {"msgid": "", "msgstr": []}, "msgid"
            current["msgid"] = _unquote(line[6:])
        elif line.startswith("msgid_plural "):
            field = "msgid"
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"') and current is not None:
            if field == "msgid":
                current["msgid"] += _unquote(line)
            else:
                current["msgstr"][-1] += _unquote(line)
        elif not line.strip() and current is not None:
            if current["msgid"]:
                entries.append((current["msgid"], current["msgstr"]))
            current = None
    return entries


def _unquote(text):
    return text.strip()[1:-1].replace('\\"', '"')


def test_every_shipped_language_has_a_catalogue():
    assert [path.parts[-3] for path in LOCALES] == SHIPPED


@pytest.mark.parametrize("po_file", LOCALES, ids=lambda path: path.parts[-3])
def test_every_message_is_translated(po_file):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],  # noqa: S607 -- gettext's msgfmt
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.parametrize("po_file", LOCALES, ids=lambda path: path.parts[-3])
def test_translations_carry_the_same_markup_and_placeholders_as_their_source(po_file):
    # {% translate %} output is not escaped, so markup in a translation would reach the page as HTML.
    mismatches = [
        (msgid, msgstr)
        for msgid, msgstrs in _entries(po_file)
        for msgstr in msgstrs
        if msgstr
        and (
            sorted(TAG.findall(msgid)) != sorted(TAG.findall(msgstr))
            or sorted(set(PLACEHOLDER.findall(msgid))) != sorted(set(PLACEHOLDER.findall(msgstr)))
        )
    ]

    assert mismatches == []

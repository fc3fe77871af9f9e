"""`manage.py import_participants`: the program's existing registrations, brought in from a CSV file."""

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from participants.importers import COLUMNS
from participants.models import Affiliate, HomeWiki, Participant, SpokenLanguage, User
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent
HEADER = ",".join(COLUMNS)
AMINA = {
    "email": "amina@example.org",
    "display_name": "Amina Njoroge",
    "wikimedia_username": "Amina N",
    "country": "ke",
    "languages": "sw;en",
    "home_wikis": "sw.wikipedia;wikidata",
    "affiliate": "",
    "role": "affiliate-paid-staff",
    "gender": "woman",
    "registered_at": "2023-04-05",
    "listed": "yes",
}
NOTHING_IMPORTED = (
    "nothing was imported: the file has bad rows (fix them, or use --skip-invalid to import only the valid ones):"
)


def csv_line(**changes):
    cells = AMINA | changes
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([cells[column] for column in COLUMNS])
    return buffer.getvalue()


def write_file(tmp_path, *lines, header=HEADER, encoding="utf-8"):
    path = tmp_path / "registrations.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding=encoding)
    return path


def run_import(path, *options):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_participants", str(path), *options, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def wikimedia_kenya():
    return Affiliate.objects.create(name="Wikimedia Kenya", kind="chapter", country_id="KE")


def test_a_clean_file_creates_each_participant_with_every_column(tmp_path, wikimedia_kenya):
    path = write_file(tmp_path, csv_line(affiliate="wikimedia KENYA"))

    output = run_import(path)

    assert output == ("created 1, updated 0, skipped 0 invalid\n", "")
    participant = Participant.objects.get()
    assert Participant.objects.values(
        "display_name",
        "wikimedia_username",
        "wikimedia_username_verified",
        "country_id",
        "role",
        "gender",
        "affiliation",
        "listed",
        "created_at",
    ).get() == {
        "display_name": "Amina Njoroge",
        "wikimedia_username": "Amina N",
        "wikimedia_username_verified": False,
        "country_id": "KE",
        "role": Participant.Role.AFFILIATE_PAID_STAFF,
        "gender": Participant.Gender.WOMAN,
        "affiliation": Participant.Affiliation.AFFILIATE,
        "listed": True,
        "created_at": datetime(2023, 4, 5, tzinfo=UTC),
    }
    assert list(participant.affiliates.all()) == [wikimedia_kenya]
    assert sorted(participant.languages.values_list("language", "level")) == [("en", "3"), ("sw", "3")]
    assert sorted(participant.home_wikis.values_list("project", "language")) == [
        ("wikidata", ""),
        ("wikipedia", "sw"),
    ]
    assert participant.region.code == "SSA"


def test_a_new_participant_gets_an_account_to_claim_through_password_reset(tmp_path):
    path = write_file(tmp_path, csv_line(email="Amina@Example.org"))

    run_import(path)

    user = User.objects.get()
    assert (user.username, user.email, user.has_usable_password(), user.date_joined) == (
        "amina_n",
        "amina@example.org",
        False,
        datetime(2023, 4, 5, tzinfo=UTC),
    )
    assert list(EmailAddress.objects.values_list("user", "email", "primary", "verified")) == [
        (user.pk, "amina@example.org", True, False)
    ]


def test_the_username_falls_back_to_the_email_when_the_wikimedia_username_gives_none(tmp_path):
    path = write_file(
        tmp_path,
        csv_line(email="amina@example.org", wikimedia_username=""),
        csv_line(email="layla@example.org", wikimedia_username="ليلى"),
    )

    run_import(path)

    assert sorted(User.objects.values_list("username", flat=True)) == ["amina", "layla"]


def test_two_people_with_the_same_wikimedia_username_get_different_usernames(tmp_path):
    UserFactory(username="amina_n", email="someone@example.org")
    path = write_file(tmp_path, csv_line(email="amina@example.org"), csv_line(email="amina2@example.org"))

    run_import(path)

    assert len(set(User.objects.values_list("username", flat=True))) == 3


def test_empty_optional_columns_leave_the_profile_blank_and_unlisted(tmp_path):
    row = csv_line(wikimedia_username="", languages="", home_wikis="", role="", gender="", registered_at="", listed="")
    path = write_file(tmp_path, row)
    before = timezone.now()

    run_import(path)

    participant = Participant.objects.get()
    assert (participant.wikimedia_username, participant.role, participant.gender, participant.listed) == (
        "",
        "",
        "",
        False,
    )
    assert (participant.affiliation, list(participant.affiliates.all())) == ("", [])
    assert (participant.languages.count(), participant.home_wikis.count()) == (0, 0)
    assert before <= participant.created_at <= timezone.now()


def test_individual_is_an_affiliation_without_an_affiliate(tmp_path):
    path = write_file(tmp_path, csv_line(affiliate="Individual"))

    run_import(path)

    participant = Participant.objects.get()
    assert (participant.affiliation, list(participant.affiliates.all())) == (Participant.Affiliation.INDIVIDUAL, [])


def test_running_the_same_file_again_updates_and_never_duplicates(tmp_path, wikimedia_kenya):
    run_import(write_file(tmp_path, csv_line(affiliate="Wikimedia Kenya")))
    path = write_file(
        tmp_path,
        csv_line(email="AMINA@example.org", display_name="Amina W. Njoroge", affiliate="individual", listed="no"),
    )

    output = run_import(path)

    assert output == ("created 0, updated 1, skipped 0 invalid\n", "")
    assert (User.objects.count(), EmailAddress.objects.count(), Participant.objects.count()) == (1, 1, 1)
    participant = Participant.objects.get()
    assert (participant.display_name, participant.affiliation, participant.listed) == (
        "Amina W. Njoroge",
        Participant.Affiliation.INDIVIDUAL,
        False,
    )
    assert list(participant.affiliates.all()) == []


def test_a_re_import_replaces_languages_and_home_wikis_but_keeps_known_language_levels(tmp_path):
    run_import(write_file(tmp_path, csv_line(languages="sw;en", home_wikis="sw.wikipedia;wikidata")))
    SpokenLanguage.objects.filter(language="sw").update(level=SpokenLanguage.Level.NATIVE)

    run_import(write_file(tmp_path, csv_line(languages="sw;fr", home_wikis="fr.wiktionary;wikidata")))

    assert sorted(SpokenLanguage.objects.values_list("language", "level")) == [("fr", "3"), ("sw", "N")]
    assert sorted(HomeWiki.objects.values_list("project", "language")) == [("wikidata", ""), ("wiktionary", "fr")]


def test_a_re_import_without_a_date_keeps_the_registration_date(tmp_path):
    run_import(write_file(tmp_path, csv_line(registered_at="2023-04-05")))

    run_import(write_file(tmp_path, csv_line(registered_at="")))

    assert Participant.objects.get().created_at == datetime(2023, 4, 5, tzinfo=UTC)


def test_a_person_who_already_signed_up_is_matched_by_email_whatever_its_case(tmp_path):
    user = UserFactory(username="amina", email="amina@example.org")
    EmailAddress.objects.create(user=user, email="amina@example.org", primary=True, verified=True)
    ParticipantFactory(user=user, display_name="Amina")
    path = write_file(tmp_path, csv_line(email="AMINA@Example.org", display_name="Amina Njoroge"))

    output = run_import(path)

    assert output == (
        "line 2: the participant chose their own display_name, role; the file's values were left alone\n"
        "created 0, updated 1, skipped 0 invalid\n",
        "",
    )
    assert list(User.objects.values_list("username", "email")) == [("amina", "amina@example.org")]
    assert list(EmailAddress.objects.values_list("email", "verified")) == [("amina@example.org", True)]
    assert Participant.objects.get().display_name == "Amina"


def test_an_account_without_a_profile_gets_one(tmp_path):
    UserFactory(username="amina", email="amina@example.org")

    output = run_import(write_file(tmp_path, csv_line()))

    assert output == ("created 1, updated 0, skipped 0 invalid\n", "")
    assert list(Participant.objects.values_list("user__username", flat=True)) == ["amina"]


def test_a_verified_wikimedia_username_is_not_overwritten(tmp_path):
    user = UserFactory(username="amina", email="amina@example.org")
    ParticipantFactory(user=user, wikimedia_username="Amina (WMKE)", wikimedia_username_verified=True)

    run_import(write_file(tmp_path, csv_line(wikimedia_username="Amina N")))

    participant = Participant.objects.get()
    assert (participant.wikimedia_username, participant.wikimedia_username_verified) == ("Amina (WMKE)", True)


def test_one_bad_row_blocks_the_whole_file(tmp_path):
    path = write_file(
        tmp_path,
        csv_line(email="amina@example.org"),
        csv_line(email="baraka@example.org", country="XX"),
        csv_line(email="chidi@example.org"),
    )

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f'{NOTHING_IMPORTED}\nline 3: country "XX" is not an ISO 3166 country code'
    assert (User.objects.count(), EmailAddress.objects.count(), Participant.objects.count()) == (0, 0, 0)


def test_skip_invalid_imports_the_good_rows_and_reports_the_bad_ones(tmp_path):
    path = write_file(
        tmp_path,
        csv_line(email="amina@example.org"),
        csv_line(email="baraka@example.org", country="XX"),
        csv_line(email="chidi@example.org"),
    )

    output = run_import(path, "--skip-invalid")

    assert output == (
        "created 2, updated 0, skipped 1 invalid\n",
        'line 3: country "XX" is not an ISO 3166 country code\n',
    )
    assert sorted(User.objects.values_list("email", flat=True)) == ["amina@example.org", "chidi@example.org"]


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(tmp_path):
    ParticipantFactory(user=UserFactory(username="amina", email="amina@example.org"), display_name="Amina")
    path = write_file(
        tmp_path,
        csv_line(email="amina@example.org", display_name="Amina Njoroge"),
        csv_line(email="baraka@example.org", wikimedia_username="Baraka"),
        csv_line(email="chidi@example.org", country="XX"),
    )

    output = run_import(path, "--dry-run", "--skip-invalid")

    assert output == (
        "line 2: the participant chose their own display_name, role; the file's values were left alone\n"
        "dry run, nothing written: 1 new, 1 updated, 1 invalid\n",
        'line 4: country "XX" is not an ISO 3166 country code\n',
    )
    assert list(Participant.objects.values_list("display_name", flat=True)) == ["Amina"]
    assert (User.objects.count(), EmailAddress.objects.count(), SpokenLanguage.objects.count()) == (1, 0, 0)


def test_a_dry_run_of_a_file_with_bad_rows_fails_as_the_real_run_would(tmp_path):
    path = write_file(tmp_path, csv_line(email="amina@example.org"), csv_line(email="baraka@example.org", role="x"))
    stdout, stderr = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_participants", str(path), "--dry-run", stdout=stdout, stderr=stderr)

    assert str(error.value) == "the file has bad rows: without --skip-invalid, a real run would import nothing"
    assert stdout.getvalue() == "dry run, nothing written: 1 new, 0 updated, 1 invalid\n"
    assert stderr.getvalue() == (
        'line 3: role "x" is not one of: affiliate-paid-staff, affiliate-volunteer-staff, independent-organiser, '
        "executive-director, board-member, individual-editor\n"
    )
    assert Participant.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({"email": ""}, "email is empty", id="no-email"),
        pytest.param(
            {"email": "amina.example.org"}, 'email "amina.example.org" is not a valid email address', id="email"
        ),
        pytest.param({"display_name": ""}, "display_name is empty", id="no-display-name"),
        pytest.param(
            {"display_name": "A" * 101},
            "display_name is 101 characters long; at most 100 are allowed",
            id="long-display-name",
        ),
        pytest.param({"country": ""}, "country is empty", id="no-country"),
        pytest.param({"country": "XX"}, 'country "XX" is not an ISO 3166 country code', id="country"),
        pytest.param({"languages": "sw;xx"}, 'language "xx" is not an ISO 639 language code', id="language"),
        pytest.param(
            {"home_wikis": "sw.wikipedea"},
            'home wiki "sw.wikipedea": "wikipedea" is not a Wikimedia project',
            id="home-wiki-project",
        ),
        pytest.param(
            {"home_wikis": "wikipedia"},
            'home wiki "wikipedia" needs a language edition, e.g. "sw.wikipedia"',
            id="home-wiki-without-language",
        ),
        pytest.param(
            {"home_wikis": "en.wikidata"},
            'home wiki "en.wikidata": wikidata has no language editions; write "wikidata"',
            id="multilingual-home-wiki-with-language",
        ),
        pytest.param(
            {"home_wikis": "xx.wikipedia"},
            'home wiki "xx.wikipedia": "xx" is not an ISO 639 language code',
            id="home-wiki-language",
        ),
        pytest.param(
            {"affiliate": "Wikimedia Narnia"},
            'unknown affiliate "Wikimedia Narnia": add it in the admin first',
            id="affiliate",
        ),
        pytest.param(
            {"role": "organiser"},
            'role "organiser" is not one of: affiliate-paid-staff, affiliate-volunteer-staff, '
            "independent-organiser, executive-director, board-member, individual-editor",
            id="role",
        ),
        pytest.param(
            {"registered_at": "05/04/2023"},
            'registered_at "05/04/2023" is not a date written YYYY-MM-DD',
            id="date-format",
        ),
        pytest.param(
            {"registered_at": "2023-02-30"},
            'registered_at "2023-02-30" is not a date written YYYY-MM-DD',
            id="impossible-date",
        ),
        pytest.param({"registered_at": "2999-01-01"}, 'registered_at "2999-01-01" is in the future', id="future"),
        pytest.param({"listed": "maybe"}, 'listed "maybe" is neither yes nor no', id="listed"),
    ],
)
def test_a_bad_value_is_reported_with_its_reason_and_nothing_is_imported(tmp_path, wikimedia_kenya, changes, reason):
    path = write_file(tmp_path, csv_line(**changes))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f"{NOTHING_IMPORTED}\nline 2: {reason}"
    assert Participant.objects.count() == 0


def test_a_bad_gender_is_reported_without_repeating_the_answer(tmp_path):
    path = write_file(tmp_path, csv_line(gender="femme"))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == (
        f"{NOTHING_IMPORTED}\nline 2: gender is not one of: woman, man, non-binary, agender, not-listed, prefer-not"
    )


def test_bad_rows_are_reported_by_their_line_in_the_file_counting_the_header_and_blank_lines(tmp_path):
    path = write_file(
        tmp_path,
        csv_line(email="amina@example.org"),
        "",
        csv_line(email="baraka@example.org", country="XX", languages="xx"),
        "chidi@example.org,Chidi,,ng",
    )

    _stdout, stderr = run_import(path, "--skip-invalid")

    assert stderr == (
        'line 4: country "XX" is not an ISO 3166 country code\n'
        'line 4: language "xx" is not an ISO 639 language code\n'
        "line 5: 4 values, but the header names 11 columns\n"
    )


def test_an_email_twice_in_one_file_is_a_bad_row(tmp_path):
    path = write_file(
        tmp_path,
        csv_line(email="amina@example.org"),
        csv_line(email="baraka@example.org"),
        csv_line(email="AMINA@example.org", display_name="Someone else"),
    )

    output = run_import(path, "--skip-invalid")

    assert output == (
        "created 2, updated 0, skipped 1 invalid\n",
        'line 4: email "AMINA@example.org" already appears on line 2\n',
    )
    assert Participant.objects.get(user__email="amina@example.org").display_name == "Amina Njoroge"


def test_a_missing_column_imports_nothing(tmp_path):
    header = ",".join(column for column in COLUMNS if column != "gender")
    path = write_file(tmp_path, "amina@example.org,Amina,,ke,,,,,,,no", header=header)

    with pytest.raises(CommandError) as error:
        run_import(path, "--skip-invalid")

    assert str(error.value) == (
        f"{path}: the header lacks the column(s) gender; the columns are: email, display_name, wikimedia_username, "
        "country, languages, home_wikis, affiliate, role, gender, registered_at, listed; nothing was imported"
    )
    assert Participant.objects.count() == 0


def test_a_file_separated_by_semicolons_is_refused_with_a_hint(tmp_path):
    path = write_file(tmp_path, csv_line().replace(",", ";"), header=HEADER.replace(",", ";"))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == (
        f"{path}: the columns are separated by semicolons; export the file with commas; nothing was imported"
    )


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = write_file(tmp_path, csv_line(), encoding="utf-8-sig")

    output = run_import(path)

    assert output == ("created 1, updated 0, skipped 0 invalid\n", "")
    assert Participant.objects.get().display_name == "Amina Njoroge"


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(tmp_path):
    path = write_file(tmp_path, csv_line(display_name="Amélie"), encoding="latin-1")
    position = path.read_bytes().index(b"\xe9")

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == (
        f"{path}: the file is not UTF-8 text (byte 0xe9 at position {position}); "
        "save it as “CSV UTF-8” and try again; nothing was imported"
    )
    assert Participant.objects.count() == 0


def test_a_file_that_cannot_be_read_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "missing.csv"

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f"cannot read {path}: No such file or directory"


def test_from_the_shell_a_refused_file_exits_with_1_and_no_traceback(tmp_path):
    path = write_file(tmp_path, csv_line(display_name="Amélie"), encoding="latin-1")
    position = path.read_bytes().index(b"\xe9")

    result = subprocess.run(
        [sys.executable, "manage.py", "import_participants", str(path)],
        cwd=BASE_DIR,
        env=os.environ,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"CommandError: {path}: the file is not UTF-8 text (byte 0xe9 at position {position}); "
        "save it as “CSV UTF-8” and try again; nothing was imported\n",
    )


def test_imported_participants_can_be_found_in_the_directory(tmp_path, client):
    path = tmp_path / "people.csv"
    path.write_text(
        "email,display_name,wikimedia_username,country,languages,home_wikis,affiliate,role,gender,registered_at,listed\n"
        "zawadi@example.org,Zawadi Kamau,,KE,sw,,,,,2023-05-01,yes\n",
        encoding="utf-8",
    )
    call_command("import_participants", str(path))

    response = client.get("/en/people/", {"q": "zawadi"})

    assert [participant.display_name for participant in response.context["participants"]] == ["Zawadi Kamau"]


def signed_up(*, username="amina", email="amina@example.org", **profile):
    """Someone who registered on the site themselves, with the profile they filled in."""
    user = UserFactory(username=username, email=email)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return ParticipantFactory(user=user, **profile)


def test_a_re_import_leaves_alone_what_a_person_chose_themselves_and_says_so(tmp_path, client):
    participant = signed_up(display_name="Amina", listed=False, gender="not-listed", age_range="25-34", role="")
    SpokenLanguage.objects.create(participant=participant, language="fr")
    path = write_file(tmp_path, csv_line(display_name="Amina Njoroge", listed="yes", gender="woman", languages="sw"))

    output = run_import(path)

    assert output == (
        "line 2: the participant chose their own display_name, gender, listed, languages; "
        "the file's values were left alone\ncreated 0, updated 1, skipped 0 invalid\n",
        "",
    )
    participant.refresh_from_db()
    assert (participant.display_name, participant.listed, participant.gender, participant.age_range) == (
        "Amina",
        False,
        "not-listed",
        "25-34",
    )
    assert list(participant.languages.values_list("language", flat=True)) == ["fr"]
    assert client.get(participant.get_absolute_url()).status_code == 404
    # What was empty is filled: the role, the home wikis.
    assert participant.role == "affiliate-paid-staff"
    assert sorted(participant.home_wikis.values_list("project", "language")) == [("wikidata", ""), ("wikipedia", "sw")]


def test_a_person_who_signed_in_with_wikimedia_keeps_their_choices_too(tmp_path):
    participant = signed_up(display_name="Amina", listed=True, role="affiliate-paid-staff")
    participant.user.set_unusable_password()
    participant.user.last_login = timezone.now()
    participant.user.save()

    output = run_import(write_file(tmp_path, csv_line(display_name="Amina Njoroge", listed="no")))

    assert output[0].startswith("line 2: the participant chose their own display_name, listed;")
    participant.refresh_from_db()
    assert (participant.display_name, participant.listed) == ("Amina", True)


def test_the_report_of_what_was_left_alone_is_translated(tmp_path):
    signed_up(display_name="Amina")

    with translation.override("fr"):
        output = run_import(write_file(tmp_path, csv_line(display_name="Amina Njoroge")))

    assert output[0].startswith("ligne 2 : ")


def test_a_nul_byte_is_a_bad_row_reported_by_its_line_not_a_traceback(tmp_path):
    path = write_file(tmp_path, csv_line(display_name="Amina\x00Njoroge"))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value) == f"{NOTHING_IMPORTED}\nline 2: display_name contains a NUL character"
    assert Participant.objects.count() == 0

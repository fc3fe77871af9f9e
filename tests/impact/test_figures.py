"""Each figure of the impact page, on data whose every figure is known by construction."""

from datetime import date

import pytest

from clinics.models import Attendance, Clinic
from impact.report import Figure, Percentage
from participants.models import Affiliate, HomeWiki
from participants.services import erase_account
from tests.factories import (
    AffiliateFactory,
    AttendanceFactory,
    ClinicFactory,
    ClinicSharerFactory,
    ParticipantFactory,
    TopicFactory,
)

from .conftest import at

pytestmark = pytest.mark.django_db

HELD = Clinic.Status.HELD


def unregistered(clinic, **fields):
    return AttendanceFactory(clinic=clinic, participant=None, **fields)


def test_participants_are_the_registered_plus_each_unregistered_attendee_once(figures):
    ParticipantFactory.create_batch(6, created_at=at(2025, 1, 10))
    ParticipantFactory(created_at=at(2026, 7, 1, 0, 0))  # registered after the day
    first, second = ClinicFactory(status=HELD, start=at(2026, 1, 5)), ClinicFactory(status=HELD, start=at(2026, 2, 5))
    unregistered(first, name="Ana", email="Ana@Example.org ")
    unregistered(second, name="Ana M.", email="ana@example.org")  # the same email: the same person
    unregistered(first, name="Foo", wikimedia_username="Foo_Bar")
    unregistered(second, name="F.", wikimedia_username=" foo_bar")  # the same username
    unregistered(first, name="Kofi")
    unregistered(second, name="kofi ")  # the same name, and neither email nor username
    unregistered(second, name="Kofi", email="kofi@example.net")  # an email: someone else
    unregistered(ClinicFactory(status=Clinic.Status.CANCELLED, start=at(2026, 3, 1)), name="Cancelled")
    unregistered(ClinicFactory(status=HELD, start=at(2026, 7, 1, 9)), name="After the day")
    AttendanceFactory(clinic=first, participant=None, anonymous=True)

    report = figures()

    assert (report.participants, report.registered, report.unregistered) == (people(10), people(6), people(4))


def people(value):
    return Figure(value=value, people=value)


def test_clinics_held_count_held_clinics_and_past_scheduled_ones_never_cancelled_or_drafts(figures):
    grants, wikidata, photos = TopicFactory(), TopicFactory(), TopicFactory()
    ClinicFactory(status=HELD, start=at(2026, 6, 30, 23, 59), topic=grants)  # held, late on the day
    ClinicFactory(status=Clinic.Status.SCHEDULED, start=at(2026, 6, 29, 18), topic=wikidata)  # not marked held yet
    ClinicFactory(status=Clinic.Status.SCHEDULED, start=at(2026, 6, 30, 9), topic=photos)  # on the day: not yet
    ClinicFactory(status=Clinic.Status.CANCELLED, start=at(2026, 5, 1), topic=photos)
    ClinicFactory(status=Clinic.Status.DRAFT, start=at(2026, 5, 2), topic=photos)
    ClinicFactory(status=HELD, start=at(2026, 7, 1, 0, 0), topic=photos)  # after the day
    staffed = ClinicFactory(status=HELD, start=at(2026, 1, 8), topic=grants)
    ClinicSharerFactory(clinic=staffed, participant=None, name="Guest", foundation_staff=True)
    ClinicFactory(status=HELD, start=at(2025, 11, 8), topic=wikidata)
    ClinicFactory(status=HELD, start=at(2025, 10, 8), topic=wikidata)

    report = figures()

    assert (report.clinics_held, report.topics, report.clinics_with_staff) == (
        Figure(value=5),
        Figure(value=2),
        Percentage(part=1, whole=5),
    )
    assert report.clinics_with_staff.percent == 20


def test_shares_from_underrepresented_regions_count_appearances_whose_region_is_known(figures):
    clinics = [ClinicFactory(status=HELD, start=at(2026, month, 3)) for month in (1, 2, 3, 4)]
    kenyan, american, stateless = (ParticipantFactory(country_id=code) for code in ("KE", "US", None))
    for clinic in clinics[:3]:
        ClinicSharerFactory(clinic=clinic, participant=kenyan)  # 3 appearances from Sub-Saharan Africa
    ClinicSharerFactory(clinic=clinics[3], participant=american)  # North America is not underrepresented
    ClinicSharerFactory(clinic=clinics[3], participant=stateless)  # region not known
    ClinicSharerFactory(clinic=clinics[0], participant=None, name="Guest")  # a guest: region not known
    ClinicSharerFactory(clinic=clinics[1], participant=None, name="Lucía", email="lucia@example.org")
    # ... unless their attendance as a sharer of that clinic gives their country (Brazil: Latin America).
    unregistered(clinics[1], name="Lucía", email="LUCIA@example.org", role="sharer", country_id="BR")
    ClinicSharerFactory(clinic=ClinicFactory(status=Clinic.Status.CANCELLED, start=at(2026, 5, 3)), participant=kenyan)

    report = figures()

    assert report.underrepresented_shares == Percentage(part=4, whole=5)
    assert report.underrepresented_shares.percent == 80
    assert {row.code: row.shares.value for row in report.regions if row.shares.value} == {
        "SSA": 3,
        "NA": 1,
        "LAC": 1,
        "": 2,
    }


def test_women_sharers_are_a_share_of_the_distinct_sharers_who_answered_the_gender_question(figures):
    clinics = [ClinicFactory(status=HELD, start=at(2026, month, 3)) for month in (1, 2)]
    genders = ["woman", "woman", "woman", "man", "man", "prefer-not", "", "non-binary"]
    sharers = [ParticipantFactory(gender=gender) for gender in genders]
    for sharer in sharers:
        ClinicSharerFactory(clinic=clinics[0], participant=sharer)
    ClinicSharerFactory(clinic=clinics[1], participant=sharers[0])  # a woman sharing twice counts once
    ParticipantFactory(gender="woman")  # not a sharer

    report = figures()

    assert report.women_sharers == Percentage(part=3, whole=6)
    assert report.women_sharers.percent == 50


def test_retention_counts_participants_registered_more_than_2_years_before_active_in_the_3_months_before(
    figures,
):
    def registered(when):
        return ParticipantFactory(created_at=when)

    in_window, just_before_window = (
        ClinicFactory(status=HELD, start=at(2026, 3, 30, 0, 0)),  # exactly 3 months before: counts
        ClinicFactory(status=HELD, start=at(2026, 3, 29, 23, 59)),
    )
    cancelled = ClinicFactory(status=Clinic.Status.CANCELLED, start=at(2026, 5, 1))
    on_the_day = ClinicFactory(status=HELD, start=at(2026, 6, 30, 20))
    attended = registered(at(2024, 6, 29, 23, 59))  # the last minute of "more than 2 years before"
    AttendanceFactory(clinic=in_window, participant=attended)
    too_early = registered(at(2023, 1, 1))
    AttendanceFactory(clinic=just_before_window, participant=too_early)
    shared = registered(at(2022, 5, 1))
    ClinicSharerFactory(clinic=on_the_day, participant=shared)
    AttendanceFactory(clinic=cancelled, participant=registered(at(2022, 5, 2)))
    registered(at(2022, 5, 3))  # never came
    exactly_2_years = registered(at(2024, 6, 30, 0, 0))  # not more than 2 years: outside the cohort
    AttendanceFactory(clinic=in_window, participant=exactly_2_years)

    report = figures()

    assert (report.retention, report.retention_cohort) == (Percentage(part=2, whole=5), people(5))
    assert report.retention.percent == 40


def test_a_participant_who_deleted_their_account_leaves_the_participants_but_not_the_clinic_figures(figures):
    clinic = ClinicFactory(status=HELD, start=at(2026, 2, 3))
    stays = ParticipantFactory.create_batch(5, created_at=at(2025, 1, 1), country_id="NG")
    leaves = ParticipantFactory(created_at=at(2025, 1, 1), country_id="NG")
    for participant in [*stays, leaves]:
        AttendanceFactory(clinic=clinic, participant=participant)
        ClinicSharerFactory(clinic=clinic, participant=participant)
    before = figures()

    erase_account(user=leaves.user)
    after = figures()

    assert (before.registered, before.clinics_held, before.underrepresented_shares) == (
        people(6),
        Figure(value=1),
        Percentage(part=6, whole=6),
    )
    # Their share still counts as an appearance, of a region no longer known.
    assert (after.registered, after.clinics_held, after.underrepresented_shares) == (
        people(5),
        Figure(value=1),
        Percentage(part=5, whole=5),
    )
    assert [(row.code, row.shares.value) for row in after.regions if row.shares.value] == [("SSA", 5), ("", 1)]
    assert Attendance.objects.filter(anonymous=True).count() == 1


def test_countries_include_those_of_unregistered_attendees_where_known(figures):
    for code in ("KE", "KE", "BR", "FR"):
        ParticipantFactory(country_id=code, created_at=at(2025, 1, 1))
    ParticipantFactory(country_id=None, created_at=at(2025, 1, 1))
    clinic = ClinicFactory(status=HELD, start=at(2026, 2, 3))
    unregistered(clinic, name="A", country_id="IN")
    unregistered(clinic, name="B", country_id="KE")
    unregistered(clinic, name="C")

    report = figures()

    assert report.countries == Figure(value=4, people=6)  # KE, BR, FR, IN; 6 people with a known country
    assert {row.code: row.participants.value for row in report.regions if row.participants.value} == {
        "SSA": 3,
        "LAC": 1,
        "NWE": 1,
        "SA": 1,
        "": 2,
    }


def test_language_wikipedias_are_the_distinct_wikipedia_editions_of_participants_home_wikis(figures):
    editors = ParticipantFactory.create_batch(5, created_at=at(2025, 1, 1))
    for participant, (project, language) in zip(
        editors,
        [("wikipedia", "sw"), ("wikipedia", "sw"), ("wikipedia", "en"), ("wiktionary", "fr"), ("wikidata", "")],
        strict=True,
    ):
        HomeWiki.objects.create(participant=participant, project=project, language=language)
    HomeWiki.objects.create(participant=editors[3], project="wikipedia", language="yo")
    late = ParticipantFactory(created_at=at(2026, 7, 2))
    HomeWiki.objects.create(participant=late, project="wikipedia", language="ha")

    report = figures()

    # sw, en, yo: built on 4 editors, fewer than 5.
    assert report.language_wikipedias == Figure(value=3, people=4)
    assert report.language_wikipedias.suppressed is True
    assert [(row.code, row.participants.value) for row in report.languages] == [("sw", 2), ("en", 1), ("yo", 1)]


def test_affiliates_engaged_are_a_share_of_all_affiliates_on_record(figures):
    Affiliate.objects.all().delete()
    affiliates = AffiliateFactory.create_batch(8)
    for index, affiliate in enumerate(affiliates[:3]):
        for participant in ParticipantFactory.create_batch(2, created_at=at(2025, 1, index + 1)):
            participant.affiliates.add(affiliate)
    ParticipantFactory(created_at=at(2026, 8, 1)).affiliates.add(affiliates[3])  # registered after the day

    report = figures()

    assert (report.affiliates_engaged, report.affiliates_on_record, report.affiliates_share) == (
        Figure(value=3, people=6),
        Figure(value=8),
        Percentage(part=3, whole=8, people=6),
    )
    assert report.affiliates_share.percent == 38  # 37.5 rounds up


def test_a_start_date_counts_only_what_happened_from_that_day(figures):
    ParticipantFactory.create_batch(3, created_at=at(2025, 12, 31, 23, 59))
    ParticipantFactory.create_batch(5, created_at=at(2026, 1, 1, 0, 0))
    ClinicFactory(status=HELD, start=at(2025, 12, 20))
    ClinicFactory(status=HELD, start=at(2026, 1, 20))

    report = figures(start=date(2026, 1, 1))

    assert (report.registered, report.clinics_held) == (people(5), Figure(value=1))
    assert [(row.year, row.quarter, row.participants.value, row.clinics.value) for row in report.quarters] == [
        (2026, 1, 5, 1),
        (2026, 2, 0, 0),
    ]


def test_growth_counts_new_participants_per_quarter_an_unregistered_attendee_in_their_first_quarter(figures):
    ParticipantFactory.create_batch(5, created_at=at(2025, 11, 1))
    ParticipantFactory.create_batch(2, created_at=at(2026, 2, 1))
    autumn, spring = ClinicFactory(status=HELD, start=at(2025, 12, 1)), ClinicFactory(status=HELD, start=at(2026, 4, 1))
    unregistered(spring, name="Esi", email="esi@example.org")
    unregistered(autumn, name="Esi", email="esi@example.org")

    report = figures()

    assert [(row.year, row.quarter, row.participants.value, row.clinics.value) for row in report.quarters] == [
        (2025, 4, 6, 1),
        (2026, 1, 2, 0),
        (2026, 2, 0, 1),
    ]
    assert [row.participants.suppressed for row in report.quarters] == [False, True, False]  # 0 is shown as 0


@pytest.mark.parametrize(
    ("part", "whole", "percent"), [(1, 3, 33), (2, 3, 67), (1, 8, 13), (129, 200, 65), (0, 7, 0), (7, 7, 100)]
)
def test_percentages_round_to_the_nearest_whole_percent_halves_up(part, whole, percent):
    assert Percentage(part=part, whole=whole).percent == percent


def test_a_percentage_of_fewer_than_5_is_hidden_whatever_its_value():
    assert [Percentage(part=2, whole=4).suppressed, Percentage(part=0, whole=5).suppressed] == [True, False]


def test_the_program_day_arithmetic_keeps_the_day_of_the_month_or_the_months_last():
    from impact.queries import months_before

    assert [
        months_before(date(2026, 5, 31), 3),
        months_before(date(2026, 6, 30), 24),
        months_before(date(2028, 2, 29), 24),
        months_before(date(2026, 1, 15), 3),
    ] == [date(2026, 2, 28), date(2024, 6, 30), date(2026, 2, 28), date(2025, 10, 15)]


def test_nothing_counts_before_the_participants_and_clinics_exist(figures):
    ParticipantFactory(created_at=at(2022, 4, 1))
    ClinicFactory(status=HELD, start=at(2022, 4, 21))

    report = figures(as_of=date(2021, 12, 31))

    assert (report.participants, report.clinics_held, report.retention_cohort) == (
        people(0),
        Figure(value=0),
        people(0),
    )

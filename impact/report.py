"""The figures of the impact page, computed from the grouped rows of `queries.read_rows`, with the small-group
rule applied: whatever is built on 1 to 4 people is shown as "fewer than 5", never as a number (0 is shown as 0);
`disclosure.protect` then hides whatever else would let such a figure be worked out from the totals."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from participants.models import Participant

from . import disclosure

MINIMUM_GROUP = 5
UNKNOWN_REGION = ""


@dataclass(frozen=True)
class Figure:
    """A count; `people` is how many people it is built on (None: it counts no people, e.g. clinics).
    `withheld`: not shown although built on 5 people or more, so that a small figure cannot be worked out."""

    value: int
    people: int | None = None
    withheld: bool = False

    @property
    def small(self):
        return self.people is not None and 0 < self.people < MINIMUM_GROUP

    @property
    def suppressed(self):
        return self.small or self.withheld


def people(value):
    """A count of people: built on as many people as it counts."""
    return Figure(value=value, people=value)


@dataclass(frozen=True)
class Percentage:
    """`part` of `whole`, to the nearest whole percent; hidden when the whole, or the people behind the
    figure, number fewer than 5."""

    part: int
    whole: int
    people: int | None = None
    withheld: bool = False

    @property
    def empty(self):
        """Nothing to take a share of (no clinics, nobody answered): no percentage at all."""
        return self.whole == 0

    @property
    def small(self):
        base = self.whole if self.people is None else min(self.whole, self.people)
        return 0 < base < MINIMUM_GROUP

    @property
    def suppressed(self):
        return self.small or self.withheld

    @property
    def percent(self):
        # Half rounds up (64.5% is 65%), unlike Python's round().
        return (200 * self.part + self.whole) // (2 * self.whole) if self.whole else 0


@dataclass(frozen=True)
class QuarterRow:
    year: int
    quarter: int
    participants: Figure
    clinics: Figure
    edits: Figure = Figure(value=0, people=0)  # on any wiki, by the participants who share their activity


@dataclass(frozen=True)
class RegionRow:
    code: str  # UNKNOWN_REGION for people whose region is not known
    names: dict  # {language: name}
    underrepresented: bool | None
    participants: Figure
    shares: Figure


@dataclass(frozen=True)
class LanguageRow:
    code: str
    participants: Figure
    clinics: Figure
    shares: Figure
    active_editors: Figure = Figure(value=0, people=0)  # edited this Wikipedia in the period (shared activity)


@dataclass(frozen=True)
class Report:
    as_of: object
    start: object
    participants: Figure
    registered: Figure
    unregistered: Figure
    countries: Figure
    language_wikipedias: Figure
    affiliates_engaged: Figure
    affiliates_on_record: Figure
    affiliates_share: Percentage
    clinics_held: Figure
    topics: Figure
    clinics_with_staff: Percentage
    underrepresented_shares: Percentage
    women_sharers: Percentage
    retention: Percentage
    retention_cohort: Figure
    active_after_first_clinic: Percentage
    activity_cohort: Figure
    sharing_activity: Figure
    quarters: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    languages: list = field(default_factory=list)


def build(*, period, rows, protected=True):
    """The Report for `period` from `rows` (see queries.read_rows); `protected`: with complementary suppression
    (the tests of how each figure is counted look at the figures before it)."""
    regions = {code: (underrepresented, names) for code, underrepresented, names in rows["regions"]}
    registered = sum(row[-1] for row in rows["registered"])
    unregistered = sum(row[-1] for row in rows["unregistered"])
    everyone = rows["registered"] + rows["unregistered"]
    countries = {row[2] for row in everyone if row[2]}
    with_country = sum(row[-1] for row in everyone if row[2])

    clinics = rows["clinics"]
    clinics_held = sum(row[-1] for row in clinics)
    with_staff = sum(row[-1] for row in clinics if row[4])
    topics = {row[3] for row in clinics}

    shares_by_region = Counter()
    shares_by_language = Counter()
    for language, region, appearances in rows["shares"]:
        shares_by_region[region or UNKNOWN_REGION] += appearances
        shares_by_language[language] += appearances
    known = sum(count for region, count in shares_by_region.items() if region != UNKNOWN_REGION)
    underrepresented = sum(
        count for region, count in shares_by_region.items() if region in regions and regions[region][0]
    )

    activity = rows["activity"]
    genders = rows["sharer_genders"]
    answered = sum(count for gender, count in genders.items() if gender not in ("", Participant.Gender.PREFER_NOT))
    affiliates = rows["affiliates"]
    retention = rows["retention"]

    report = Report(
        as_of=period.as_of,
        start=period.start,
        participants=people(registered + unregistered),
        registered=people(registered),
        unregistered=people(unregistered),
        countries=Figure(value=len(countries), people=with_country),
        language_wikipedias=Figure(value=len(rows["wikipedias"]), people=rows["wikipedia_editors"]),
        affiliates_engaged=Figure(value=affiliates["engaged"], people=affiliates["people"]),
        affiliates_on_record=Figure(value=affiliates["on_record"]),
        affiliates_share=Percentage(
            part=affiliates["engaged"], whole=affiliates["on_record"], people=affiliates["people"]
        ),
        clinics_held=Figure(value=clinics_held),
        topics=Figure(value=len(topics)),
        clinics_with_staff=Percentage(part=with_staff, whole=clinics_held),
        underrepresented_shares=Percentage(part=underrepresented, whole=known),
        women_sharers=Percentage(part=genders.get(Participant.Gender.WOMAN, 0), whole=answered),
        retention=Percentage(part=retention["active"], whole=retention["cohort"]),
        retention_cohort=people(retention["cohort"]),
        active_after_first_clinic=Percentage(
            part=activity["after_first_clinic"]["active"], whole=activity["after_first_clinic"]["cohort"]
        ),
        activity_cohort=people(activity["after_first_clinic"]["cohort"]),
        sharing_activity=people(activity["sharing"]),
        quarters=_quarters(period, everyone, clinics, activity["quarters"]),
        regions=_regions(regions, everyone, shares_by_region),
        languages=_languages(rows["wikipedias"], clinics, shares_by_language, activity["wikipedias"]),
    )
    if not protected:
        return report
    return disclosure.protect(report, underrepresented={code for code, (under, _names) in regions.items() if under})


def _quarters(period, everyone, clinics, edits):
    """From the first quarter with anything in it (or the start date's) to the "as of" date's."""
    new_people, held = Counter(), Counter()
    for year, quarter, *_rest, count in everyone:
        new_people[(year, quarter)] += count
    for year, quarter, *_rest, count in clinics:
        held[(year, quarter)] += count
    edited = {(year, quarter): (count, editors) for year, quarter, count, editors in edits}
    last = (period.as_of.year, (period.as_of.month - 1) // 3 + 1)
    first = (period.start.year, (period.start.month - 1) // 3 + 1) if period.start else min([*new_people, *held, last])
    quarters = []
    year, quarter = first
    while (year, quarter) <= last:
        quarters.append(
            QuarterRow(
                year=year,
                quarter=quarter,
                participants=people(new_people[(year, quarter)]),
                clinics=Figure(value=held[(year, quarter)]),
                edits=Figure(*edited.get((year, quarter), (0, 0))),
            )
        )
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def _regions(regions, everyone, shares_by_region):
    participants = Counter()
    for _year, _quarter, _country, region, count in everyone:
        participants[region or UNKNOWN_REGION] += count
    rows = [
        RegionRow(
            code=code,
            names=names,
            underrepresented=underrepresented,
            participants=people(participants[code]),
            shares=people(shares_by_region[code]),
        )
        for code, (underrepresented, names) in regions.items()
    ]
    rows.append(
        RegionRow(
            code=UNKNOWN_REGION,
            names={},
            underrepresented=None,
            participants=people(participants[UNKNOWN_REGION]),
            shares=people(shares_by_region[UNKNOWN_REGION]),
        )
    )
    return rows


def _languages(wikipedias, clinics, shares_by_language, active_editors):
    participants = dict(wikipedias)
    active = dict(active_editors)
    held = defaultdict(int)
    for _year, _quarter, language, _topic, _staff, count in clinics:
        held[language] += count
    codes = set(participants) | set(held) | set(shares_by_language) | set(active)
    rows = [
        LanguageRow(
            code=code,
            participants=people(participants.get(code, 0)),
            clinics=Figure(value=held[code]),
            shares=people(shares_by_language[code]),
            active_editors=people(active.get(code, 0)),
        )
        for code in codes
    ]
    rows.sort(key=lambda row: (-row.participants.value, -row.clinics.value, row.code))
    return rows

"""Complementary (secondary) suppression: no figure shown as "fewer than 5" can be worked out from the others.

A small figure hidden alone is given away by its totals: Q1 = 817 - 814 = 3. So more figures are withheld until,
for every small figure, the figures shown allow each of 1, 2, 3 and 4. The relations a reader can use:

- participants = registered + unregistered = the sum of the quarters' new participants = the sum of the regions'
  participants (the total is shown: each of these three sums is checked on its own). The registered are at least
  the retention cohort and the participants sharing their activity: a lower bound on a withheld "registered".
- shares: the regions' shares (region not known included) and the languages' shares add up to the same total,
  and the percentage of shares from underrepresented regions ties the regions' shares together. We assume,
  stricter than the rounded percentage allows, that a reader knows the shares of the underrepresented regions
  and those of the other known regions exactly; when that cannot be made safe, the percentage is withheld too.
A withheld figure is at least 5 (a reader knows it is not small): the figures chosen are the smallest that leave
each small figure all its range. When nothing is left to withhold, every figure of the relation is withheld.
The figures of on-wiki activity are not tied by any sum shown (no total of edits; a person edits several
Wikipedias), so the small-count rule alone protects them.
"""

from dataclasses import replace

SMALL = (1, 4)
HUGE = 10**12


class _Cell:
    def __init__(self, figure, lowest=5):
        self.figure = figure
        self.value = figure.value
        self.small = figure.small
        self.withheld = figure.withheld
        self.lowest = lowest  # what a reader knows a withheld figure is at least

    @property
    def hidden(self):
        return self.small or self.withheld

    def bounds(self):
        return SMALL if self.small else (self.lowest, HUGE)


def _range(equation, target):
    """The values of `target` that the equation sum of coefficient * cell = (known) leaves possible, given the bounds
    of the other hidden cells (exact for one equation of box-bounded integers)."""
    hidden = [(cell, coefficient) for cell, coefficient in equation if cell.hidden]
    known = sum(coefficient * cell.value for cell, coefficient in hidden)
    low = high = 0
    for cell, coefficient in hidden:
        if cell is target:
            sign = coefficient
            continue
        lowest, highest = cell.bounds()
        low += coefficient * (lowest if coefficient > 0 else highest)
        high += coefficient * (highest if coefficient > 0 else lowest)
    if sign > 0:
        return known - high, known - low
    return low - known, high - known


def _safe(equation):
    for cell, _coefficient in equation:
        if cell.small:
            low, high = _range(equation, cell)
            if low > SMALL[0] or high < SMALL[1]:
                return False
    return True


def _protect(equation):
    """Withhold the fewest, smallest figures that make the equation safe; False when it cannot be."""
    while not _safe(equation):
        candidates = sorted(
            (cell for cell, _coefficient in equation if not cell.hidden and cell.value > 0), key=lambda c: c.value
        )
        if not candidates:
            return False
        for cell in candidates:
            cell.withheld = True
            if _safe(equation):
                break
            cell.withheld = False
        else:
            candidates[-1].withheld = True
    return True


def _withhold_all(cells):
    """The last resort, when even withholding every other figure leaves a small one open (a handful of people in
    all): the whole breakdown is withheld, zeros too, so that not even which figures are 0 is told."""
    for cell in cells:
        if not cell.small:
            cell.withheld = True


def protect(report, *, underrepresented):
    """The report with the figures withheld that complementary suppression requires."""
    total = report.participants
    registered_at_least = max(5, *(f.value for f in (report.retention_cohort, report.sharing_activity) if not f.small))
    registered = _Cell(report.registered, lowest=registered_at_least)
    unregistered = _Cell(report.unregistered)
    quarters = [_Cell(row.participants) for row in report.quarters]
    region_people = [_Cell(row.participants) for row in report.regions]
    group = [registered, unregistered, *quarters, *region_people]
    everything_withheld = False
    if total.small:
        _withhold_all(group)
    elif not all(
        _protect([(cell, 1) for cell in cells])
        for cells in ([registered, unregistered], quarters, region_people)
        if any(cell.small for cell in cells)
    ):
        _withhold_all(group)
        everything_withheld = True

    region_shares = [_Cell(row.shares) for row in report.regions]
    language_shares = [_Cell(row.shares) for row in report.languages]
    percentage = report.underrepresented_shares
    if not (percentage.suppressed or percentage.empty):
        under = [cell for cell, row in zip(region_shares, report.regions, strict=True) if row.code in underrepresented]
        unknown = [cell for cell, row in zip(region_shares, report.regions, strict=True) if not row.code]
        others = [cell for cell in region_shares if cell not in under and cell not in unknown]
        equations = [
            [(cell, 1) for cell in under],
            [(cell, 1) for cell in others],
            [(cell, 1) for cell in unknown] + [(cell, -1) for cell in language_shares],
        ]
        if not all(_protect(equation) for equation in equations):
            for cell in region_shares + language_shares:
                cell.withheld = cell.figure.withheld
            percentage = replace(percentage, withheld=True)
    if (percentage.suppressed or percentage.empty) and not _protect(
        [(cell, 1) for cell in region_shares] + [(cell, -1) for cell in language_shares]
    ):
        _withhold_all(region_shares + language_shares)

    def figure(cell):
        return replace(cell.figure, withheld=cell.withheld) if cell.withheld != cell.figure.withheld else cell.figure

    return replace(
        report,
        participants=replace(total, withheld=True) if everything_withheld else total,
        registered=figure(registered),
        unregistered=figure(unregistered),
        underrepresented_shares=percentage,
        quarters=[replace(row, participants=figure(cell)) for row, cell in zip(report.quarters, quarters, strict=True)],
        regions=[
            replace(row, participants=figure(people), shares=figure(shares))
            for row, people, shares in zip(report.regions, region_people, region_shares, strict=True)
        ],
        languages=_sorted_languages(
            [replace(row, shares=figure(cell)) for row, cell in zip(report.languages, language_shares, strict=True)]
        ),
    )


def _order(figure):
    """Shown figures by size, then the hidden ones (their order must not hint at their size), then zeros."""
    if figure.suppressed:
        return (1, 0)
    return (0 if figure.value else 2, -figure.value)


def _sorted_languages(rows):
    return sorted(rows, key=lambda row: (*_order(row.participants), -row.clinics.value, row.code))

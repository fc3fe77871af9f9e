"""The Skills Directory's facet index: one compressed bitmap of participant ids per facet value, kept in memory.

Counting facets in SQL meant aggregating over every person who matches the words and all chosen facets but one:
tens of thousands of rows per search at 100,000 participants. Here each facet value (a skill on either side, a
country, a language, a role, an affiliate) is a `pyroaring.BitMap` of the directory entries that have it; "matches
everything but this facet" is an intersection of a few bitmaps, and a count is the size of one more intersection.
The words are matched against the entries' normalised text held beside the bitmaps (a plain substring test, as
the SQL's `LIKE '%word%'`), and the page of results is ordered by the same keys as the SQL: words found in the
name first, then most recently seen, then id.

It is built from `DirectoryEntry` (PostgreSQL only) and kept in step through a change log in the cache (Redis):
every change to the directory's rows appends the participant ids it touched under the next number of a counter.
Before each search a process reads the counter; when it moved, it reads the entries it has not applied, re-reads
those participants' rows and patches its bitmaps (a full rebuild for "everyone" or for a gap in the log, by one
process at a time: the others search in SQL meanwhile). A snapshot of the whole index is kept in the cache too, so
a new process loads it and applies the log since, instead of reading 100,000 rows; under gunicorn the master loads
it before forking (`preload`). When the cache cannot be reached, `current()` is None and the directory searches
the database (`skills.directory_index`).
"""

import logging
import pickle
import threading
import time
import uuid
from array import array
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, connections, transaction
from pyroaring import BitMap
from redis import RedisError

from letsconnect.cache import breaker

logger = logging.getLogger(__name__)

SEQUENCE_KEY = "skills:directory-index:{database}:sequence"
# Replaced when the cache loses the counter (flushed, evicted): every process then loads its index again.
EPOCH_KEY = "skills:directory-index:{database}:epoch"
CHANGE_KEY = "skills:directory-index:{database}:change:{number}"
SNAPSHOT_KEY = "skills:directory-index:{database}:snapshot"
# Held by the one process building the index from the database; the others search in SQL meanwhile.
BUILD_LOCK_KEY = "skills:directory-index:{database}:building"
BUILD_LOCK_SECONDS = 120
CHANGE_SECONDS = 24 * 60 * 60  # a process idle for longer than this rebuilds its index
SNAPSHOT_SECONDS = 24 * 60 * 60
# Changes naming more people than this are applied by rebuilding the whole index (a few seconds of one process).
MAX_PATCHED = 5_000
# An entry of the log missing this far behind the counter is lost (expired, or its writer died between the two
# writes), not on its way: the index is rebuilt.
LOST_AFTER = 20
# A snapshot is written again once this many changes were applied since the one a process loaded.
SNAPSHOT_EVERY = 500
# Up to this many people are ordered by sorting them; more are ordered day by day (`_top`).
SORTED_DIRECTLY = 3_000
# Beyond this many entries found one by one in the joined text, every entry is tested instead.
FOUND_ONE_BY_ONE = 6_000
SEPARATOR = "\x00"
# The entries matching the words searched most recently are kept (an inverted index built as words are asked for),
# and patched with the rows that change; a patch of more rows than this forgets them instead.
MATCHES_KEPT = 2_000
# The joined texts are joined again once this many entries changed since (until then those are tested one by one).
STALE_TEXTS = 1_000
MATCHES_PATCHED = 200
MICROSECONDS_PER_DAY = 86_400_000_000
EVERYONE = "*"
FORMAT = 1  # of the snapshot: a snapshot of another format is ignored

ROWS_SQL = """
    SELECT participant_id, country, role, (extract(epoch FROM last_seen) * 1000000)::bigint,
           search_name, search_about, languages, shares, learns, affiliates
    FROM skills_directoryentry {where}
"""


@dataclass
class Found:
    total: int
    page_number: int
    ids: list
    counts: dict


def _ordered(bitmaps):
    return BitMap.union(*bitmaps) if bitmaps else BitMap()


class Index:
    """The bitmaps, the text and the order of every directory entry, as of the change numbered `sequence`."""

    def __init__(self, *, sequence, epoch=None):
        self.sequence = sequence
        self.epoch = epoch
        self.everyone = BitMap()
        # (facet, value): BitMap. Facets: "share" and "learn" (value: skill id), "country", "role", "language",
        # "affiliate" (value: affiliate id).
        self.bitmaps = {}
        self.last_seen = {}  # participant id: microseconds since the epoch
        self.days = {}  # day number: BitMap of the entries last seen that day, for ordering (`_top`)
        self.text = {}  # participant id: (search_name, search_about)
        self.region_of = {}  # country code: region code
        self._derived = {}
        self._texts = None  # the texts joined for scanning (`_scan`), as they were when joined
        self._stale = BitMap()  # entries whose text changed (or that came or went) since they were joined
        self._matches = OrderedDict()  # (word, part): BitMap, the most recently used last

    # Building and patching

    def add_rows(self, rows):
        lists = {}
        for pk, country, role, seen, name, about, languages, shares, learns, affiliates in rows:
            self.last_seen[pk] = seen
            self.text[pk] = (name, about)
            keys = [("country", country), ("role", role), ("day", seen // MICROSECONDS_PER_DAY)]
            keys += [("language", code) for code in languages]
            keys += [("share", skill) for skill in shares]
            keys += [("learn", skill) for skill in learns]
            keys += [("affiliate", affiliate) for affiliate in affiliates]
            for key in keys:
                lists.setdefault(key, []).append(pk)
        for (facet, value), ids in lists.items():
            target = self.days if facet == "day" else self.bitmaps
            key = value if facet == "day" else (facet, value)
            if key in target:
                target[key].update(ids)
            else:
                target[key] = BitMap(ids)
        self.everyone.update(pk for pk, *_rest in rows)
        if len(rows) > MATCHES_PATCHED:
            self._matches.clear()
        for (word, part), found in self._matches.items():
            found.update(row[0] for row in rows if word in row[4 + part])
        self._changed()

    def remove(self, ids):
        gone = BitMap(ids)
        for bitmap in [*self.bitmaps.values(), *self.days.values(), self.everyone]:
            bitmap.difference_update(gone)
        for found in self._matches.values():
            found.difference_update(gone)
        for pk in ids:
            self.last_seen.pop(pk, None)
            self.text.pop(pk, None)
        self._changed()

    def _changed(self):
        self._derived = {}

    def read_regions(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT code, region_id FROM participants_country WHERE region_id IS NOT NULL")
            self.region_of = dict(cursor.fetchall())

    @classmethod
    def build(cls, *, sequence, epoch):
        """From the database. A change committed while it reads is logged again after `sequence` (on commit)."""
        index = cls(sequence=sequence, epoch=epoch)
        with connection.cursor() as cursor:
            cursor.execute(ROWS_SQL.format(where=""))
            index.add_rows(cursor.fetchall())
        index.read_regions()
        return index

    def patch(self, ids):
        ids = sorted(set(ids))
        with connection.cursor() as cursor:
            cursor.execute(ROWS_SQL.format(where="WHERE participant_id = ANY(%s)"), [ids])
            rows = cursor.fetchall()
        self.remove(ids)
        self.add_rows(rows)
        if self._texts is not None:  # a sign-in changes no text: nothing to test one by one
            as_joined = self._texts[4]
            self._stale.update(pk for pk in ids if self.text.get(pk) != as_joined.get(pk))

    # Snapshots

    def dumps(self):
        days = sorted(self.days)
        return pickle.dumps(
            {
                "format": FORMAT,
                "sequence": self.sequence,
                "epoch": self.epoch,
                "keys": list(self.bitmaps),
                "bitmaps": [bitmap.serialize() for bitmap in self.bitmaps.values()],
                "days": array("q", days).tobytes(),
                "day_bitmaps": [self.days[day].serialize() for day in days],
                "ids": array("q", self.last_seen).tobytes(),
                "last_seen": array("q", self.last_seen.values()).tobytes(),
                "text": [self.text[pk] for pk in self.last_seen],
                "region_of": self.region_of,
            },
            protocol=pickle.HIGHEST_PROTOCOL,
        )

    @classmethod
    def loads(cls, data):
        state = pickle.loads(data)  # noqa: S301 -- written by this module into our own cache, never from a request
        if state.get("format") != FORMAT:
            return None
        index = cls(sequence=state["sequence"], epoch=state["epoch"])
        index.bitmaps = {
            tuple(key): BitMap.deserialize(blob) for key, blob in zip(state["keys"], state["bitmaps"], strict=True)
        }
        days = array("q")
        days.frombytes(state["days"])
        index.days = {day: BitMap.deserialize(blob) for day, blob in zip(days, state["day_bitmaps"], strict=True)}
        ids, seen = array("q"), array("q")
        ids.frombytes(state["ids"])
        seen.frombytes(state["last_seen"])
        index.last_seen = dict(zip(ids, seen, strict=True))
        index.text = dict(zip(ids, state["text"], strict=True))
        index.everyone = BitMap(index.last_seen)
        index.region_of = state["region_of"]
        return index

    # Reading

    def _bitmap(self, facet, value):
        return self.bitmaps.get((facet, value)) or BitMap()

    def _cached(self, key, compute):
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def side(self, mode, skills):
        """Entries with one of `skills` on the `mode` side ("share", "learn", either when None)."""
        sides = ["share", "learn"] if mode is None else [mode]
        if len(sides) * len(skills) == 1:
            return self._bitmap(sides[0], skills[0])
        return self._cached(
            ("side", mode, tuple(skills)),
            lambda: _ordered(
                [self.bitmaps[(side, skill)] for side in sides for skill in skills if (side, skill) in self.bitmaps]
            ),
        )

    def any_side(self, mode):
        """Entries with at least one skill on the `mode` side."""
        return self._cached(("any", mode), lambda: _ordered([b for (f, _v), b in self.bitmaps.items() if f == mode]))

    def region(self, code):
        return self._cached(
            ("region", code),
            lambda: _ordered([self._bitmap("country", c) for c, region in self.region_of.items() if region == code]),
        )

    def values_of(self, facet):
        return [(value, bitmap) for (name, value), bitmap in self.bitmaps.items() if name == facet]

    def containing(self, word, *, part, among=None):
        """Entries whose name (`part` 0) or whole text (`part` 1) contains `word` (a substring, as `LIKE '%w%'`)."""
        if among is not None and len(among) < SORTED_DIRECTLY * 4:
            return BitMap(pk for pk in among if word in self.text[pk][part])
        key = (word, part)
        if key in self._matches:
            self._matches.move_to_end(key)
            return self._matches[key]
        found = self._scan(word, part)
        self._matches[key] = found
        if len(self._matches) > MATCHES_KEPT:
            self._matches.popitem(last=False)
        return found

    def _scan(self, word, part):
        if self._texts is None or len(self._stale) > STALE_TEXTS:
            self._join_texts()
        ids, texts, joined, starts, _as_joined = self._texts
        if SEPARATOR in word:
            return BitMap()
        text, offsets, found = joined[part], starts[part], []
        position = text.find(word)
        while position >= 0:
            number = bisect_right(offsets, position) - 1
            found.append(ids[number])
            if len(found) > FOUND_ONE_BY_ONE:  # a common word: testing each entry is faster
                found = [pk for pk, entry in zip(ids, texts[part], strict=True) if word in entry]
                break
            position = text.find(word, offsets[number + 1]) if number + 1 < len(offsets) else -1
        found = BitMap(found)
        if self._stale:
            # Entries changed since the texts were joined: tested one by one on their current text.
            found -= self._stale
            found.update(pk for pk in self._stale if pk in self.text and word in self.text[pk][part])
        return found

    def _join_texts(self):
        ids = list(self.text)
        texts = [[self.text[pk][0] for pk in ids], [self.text[pk][1] for pk in ids]]
        # Each part of every entry in one string, the entries apart by a character no normalised text has:
        # `str.find` scans it in C, and a rare word (most of them) costs one scan.
        joined = [SEPARATOR.join(part_texts) + SEPARATOR for part_texts in texts]
        starts = []
        for part_texts in texts:
            offsets, offset = array("q"), 0
            for text in part_texts:
                offsets.append(offset)
                offset += len(text) + 1
            starts.append(offsets)
        self._texts = (ids, texts, joined, starts, dict(self.text))
        self._stale = BitMap()

    def order_key(self, pk):
        return (-self.last_seen[pk], pk)

    def top(self, people, count):
        """The first `count` of `people` (a BitMap) by last seen (most recent first), then id."""
        if len(people) <= SORTED_DIRECTLY or count >= len(people):
            return sorted(people, key=self.order_key)[:count]
        taken, found = [], 0
        for day in sorted(self.days, reverse=True):
            that_day = people & self.days[day]
            if that_day:
                taken.append(that_day)
                found += len(that_day)
                if found >= count:
                    break
        return sorted(_ordered(taken), key=self.order_key)[:count]


class _Search:
    """One search over an index, with the semantics of `skills.directory_index` (and `skills.queries`)."""

    def __init__(self, index, query, taxonomy):
        self.index = index
        self.values = query.values
        self.mode = self.values.get("mode") or None
        self.taxonomy = taxonomy
        skill, category = self.values.get("skill"), self.values.get("category")
        self.chosen_skills = None
        if skill or category:
            self.chosen_skills = [
                pk
                for pk, row in taxonomy.items()
                if (not skill or row.slug == skill) and (not category or row.category == category)
            ]
        self.words = list(query.skills_by_word.items())
        self.text = [index.containing(word, part=1) for word, _skills in self.words]
        self._words = {}

    def words_piece(self, mode):
        """Every word is in the name or bio, or in the name of a skill shared or wanted (on the `mode` side)."""
        if mode not in self._words:
            result = self.index.everyone
            for (_word, skills), text in zip(self.words, self.text, strict=True):
                result = result & (text | self.index.side(mode, skills) if skills else text)
            self._words[mode] = result
        return self._words[mode]

    def simple(self, facet):
        value = self.values.get(facet)
        if facet == "region":
            return self.index.region(value)
        if facet == "affiliate":
            return self.index._bitmap("affiliate", int(value))
        return self.index._bitmap(facet, value)

    def flag(self, ignore):
        """The entries matching the words and every chosen facet but those in `ignore`."""
        mode = None if "mode" in ignore else self.mode
        skills = None if "skill" in ignore else self.chosen_skills
        result = self.words_piece(mode)
        if skills is not None:
            result = result & self.index.side(mode, skills)
        elif mode is not None:
            result = result & self.index.any_side(mode)
        for facet in ("region", "country", "language", "role", "affiliate"):
            if self.values.get(facet) and facet not in ignore:
                result = result & self.simple(facet)
        return result

    def counts(self):
        index, counts = self.index, {}
        by_skill = self.flag(("skill", "category"))
        skills = sorted({skill for side, skill in index.bitmaps if side in ("share", "learn")})
        counts["skill"] = self._per_value(by_skill, [(skill, index.side(self.mode, [skill])) for skill in skills])
        categories = {}
        for pk, row in self.taxonomy.items():
            categories.setdefault(row.category, []).append(pk)
        counts["category"] = {}
        for category in sorted(categories):
            number = by_skill.intersection_cardinality(index.side(self.mode, categories[category]))
            if number:
                counts["category"][category] = number
        by_mode = self.flag(("mode",))
        counts["mode"] = {}
        for kind in ("share", "learn"):
            chosen = index.any_side(kind) if self.chosen_skills is None else index.side(kind, self.chosen_skills)
            number = by_mode.intersection_cardinality(chosen)
            if number:
                counts["mode"][kind] = number
        by_country = self.flag(("country",))
        counts["country"] = self._per_value(by_country, index.values_of("country"), skip="")
        by_region = self.flag(("region",))
        counts["region"] = {}
        for code in sorted(set(index.region_of.values())):
            number = by_region.intersection_cardinality(index.region(code))
            if number:
                counts["region"][code] = number
        counts["role"] = self._per_value(self.flag(("role",)), index.values_of("role"), skip="")
        counts["language"] = self._per_value(self.flag(("language",)), index.values_of("language"))
        counts["affiliate"] = self._affiliates(self._per_value(self.flag(("affiliate",)), index.values_of("affiliate")))
        return counts

    @staticmethod
    def _per_value(people, bitmaps, *, skip=None):
        counts = {}
        for value, bitmap in bitmaps:
            if value != skip:
                number = people.intersection_cardinality(bitmap)
                if number:
                    counts[value] = number
        return counts

    @staticmethod
    def _affiliates(numbers):
        """The 50 affiliates with the most people, then by name (in the database's collation, as before)."""
        if not numbers:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, name FROM participants_affiliate WHERE id = ANY(%s) ORDER BY name", [list(numbers)]
            )
            names = cursor.fetchall()
        names.sort(key=lambda row: -numbers[row[0]])  # stable: equal numbers stay in name order
        return {pk: (name, numbers[pk]) for pk, name in names[:50]}

    def page(self, everything, *, page_number, page_size):
        """(page number, ids): the page (the last one if past it) ordered by words in the name, last seen, id."""
        total = len(everything)
        page_number = min(max(page_number, 1), max(-(-total // page_size), 1))
        # at_least[r]: the people with at least r words in their name.
        at_least = [everything]
        for word, _skills in self.words:
            in_name = self.index.containing(word, part=0, among=everything)
            at_least = [at_least[0]] + [
                (at_least[r] if r < len(at_least) else BitMap()) | (at_least[r - 1] & in_name)
                for r in range(1, len(at_least) + 1)
            ]
        skip, ids = (page_number - 1) * page_size, []
        for rank in range(len(at_least) - 1, -1, -1):
            group = at_least[rank] - at_least[rank + 1] if rank + 1 < len(at_least) else at_least[rank]
            if skip >= len(group):
                skip -= len(group)
                continue
            ids += self.index.top(group, skip + page_size - len(ids))[skip:]
            skip = 0
            if len(ids) >= page_size:
                break
        return page_number, ids[:page_size]


def search_current(query, *, taxonomy, page_number, page_size):
    """`search` on this process's index brought up to date; None when the cache (the change log) is unreachable."""
    with _lock:  # a search never reads bitmaps another thread of the process is patching
        index = current()
        if index is None:
            return None
        return search(index, query, taxonomy=taxonomy, page_number=page_number, page_size=page_size)


def search(index, query, *, taxonomy, page_number, page_size):
    """The page `page_number` (the last one if past it) of `query`'s results, their number and the facet counts."""
    found = _Search(index, query, taxonomy)
    everything = found.flag(())
    number, ids = found.page(everything, page_number=page_number, page_size=page_size)
    return Found(total=len(everything), page_number=number, ids=ids, counts=found.counts())


# Keeping the index in step


def key(template, **values):
    """A cache key of the index of this database: benchmarks and tests may share a cache between databases."""
    database = connection.settings_dict
    return template.format(database=f"{database['HOST']}:{database['PORT']}/{database['NAME']}", **values)


def record_change(participant_ids=None):
    """The directory rows of `participant_ids` (everyone's when None) changed: log it, now and after the commit.

    Now, so that this request's own later reads see it; again after the commit, so that a process that applied the
    first entry before the commit (reading the rows from before) applies it again."""
    ids = EVERYONE if participant_ids is None else sorted(set(participant_ids))
    _log(ids)
    transaction.on_commit(lambda: _log(ids))


def _log(ids):
    try:
        _position()  # the counter and its epoch exist
        sequence = cache.incr(key(SEQUENCE_KEY))
        cache.set(key(CHANGE_KEY, number=sequence), ids, CHANGE_SECONDS)
    except (RedisError, ValueError):
        logger.warning("The Skills Directory's change log is unavailable", exc_info=True)


_lock = threading.RLock()
_state = {"index": None, "saved_at": 0}


def current():
    """This process's index, brought up to date with the change log; None when the cache cannot be reached."""
    if breaker.is_open:
        return None
    try:
        with _lock:
            index = _current()
    except (RedisError, ValueError):
        logger.warning("The Skills Directory's change log is unavailable", exc_info=True)
        return None
    return None if breaker.is_open else index  # the cache failed meanwhile: its answers were the fallback's


def _position():
    """(epoch, latest change number) of the change log, created when missing."""
    epoch_key, sequence_key = key(EPOCH_KEY), key(SEQUENCE_KEY)
    found = cache.get_many([epoch_key, sequence_key])
    if len(found) < 2:
        # A new epoch first: a counter started again from 0 must not be taken for the old one.
        cache.add(epoch_key, uuid.uuid4().hex, None)
        cache.add(sequence_key, 0, None)
        found = cache.get_many([epoch_key, sequence_key])
    return found[epoch_key], int(found[sequence_key])


def _current():
    epoch, latest = _position()
    index = _state["index"]
    if index is not None and index.epoch == epoch and index.sequence <= latest:
        index = _catch_up(index, latest)
    else:
        index = None
    if index is None:
        index = _load(epoch, latest)
    _state["index"] = index
    return index


def _load(epoch, latest):
    """The snapshot from the cache brought up to date, or a new index built from the database (and kept as the
    snapshot) by one process at a time: None while another builds it (the database answers meanwhile)."""
    data = cache.get(key(SNAPSHOT_KEY))
    index = Index.loads(data) if data is not None else None
    if index is not None and index.epoch == epoch and index.sequence <= latest:
        _state["saved_at"] = index.sequence
        index = _catch_up(index, latest)
        if index is not None:
            return index
    if not cache.add(key(BUILD_LOCK_KEY), True, BUILD_LOCK_SECONDS):
        return None
    try:
        started = time.perf_counter()
        index = Index.build(sequence=latest, epoch=epoch)
        logger.info(
            "Skills Directory index built: %s entries in %.2f s", len(index.everyone), time.perf_counter() - started
        )
        _save(index)
    finally:
        cache.delete(key(BUILD_LOCK_KEY))
    return index


def _save(index):
    cache.set(key(SNAPSHOT_KEY), index.dumps(), SNAPSHOT_SECONDS)
    _state["saved_at"] = index.sequence


def _catch_up(index, latest):
    """`index` with the changes up to `latest` applied; None when it must be built again."""
    numbers = range(index.sequence + 1, latest + 1)
    if not numbers:
        return index
    if len(numbers) > MAX_PATCHED:
        return None
    changes = cache.get_many([key(CHANGE_KEY, number=number) for number in numbers])
    ids, applied = set(), index.sequence
    for number in numbers:
        change = changes.get(key(CHANGE_KEY, number=number))
        if change is None:
            if latest - number >= LOST_AFTER:
                return None
            break  # being written: the next search applies it
        if change == EVERYONE or len(ids) + len(change) > MAX_PATCHED:
            return None
        ids.update(change)
        applied = number
    if ids:
        index.patch(ids)
    index.sequence = applied
    if applied - _state["saved_at"] >= SNAPSHOT_EVERY:
        _save(index)
    return index


def preload():
    """Load (or build) the index before serving: under gunicorn's preload_app this runs once in the master, and every
    worker it forks, or forks again to replace a recycled one, starts with it and only applies the log since.
    A database or cache that cannot be reached is not a reason not to start: the first searches load it then."""
    if connection.vendor != "postgresql":
        return
    try:
        index = current()
        if index is not None and index._texts is None:
            index._join_texts()  # else each worker would join them on its first search with words
    except Exception:  # best effort: whatever failed here fails again per request, and is handled there
        logger.warning("The Skills Directory's index could not be loaded before serving", exc_info=True)
    finally:
        connections.close_all()  # a connection opened here must not be shared by the forked workers


def forget():
    """This process's index (tests: each test starts from its own database)."""
    with _lock:
        _state["index"] = None

"""The Skills Directory's search on PostgreSQL: one statement over `DirectoryEntry` finds a page and every count.

The people matching the words are read once (GIN indexes: trigrams for the text, arrays for skills), into a
materialised set that carries one flag per facet: "matches everything but this facet". Every count is an
aggregate over that set, so a facet's counts ignore its own selection (disjunctive facets) without searching
again, and the page of results is the top of the same set.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from redis import RedisError

from letsconnect import fragments

logger = logging.getLogger(__name__)

# Every answer is kept (in Redis) until the directory changes: any row rebuilt, any sign-in (the order).
CACHE_VERSION = "skills-directory"  # the name of its data version (letsconnect.fragments)
CACHE_SECONDS = 15 * 60
# Enough for the whole directory's matching set at 100,000 participants (about 13 MB).
WORK_MEM = "32MB"
SIDES = {"share": "shares", "learn": "learns", None: "skills"}
# Facets that filter one column or array of the entry; the skill facets (skill, category, mode) go together.
SIMPLE_FACETS = {
    "region": "e.country IN (SELECT code FROM participants_country WHERE region_id = %(region)s)",
    "country": "e.country = %(country)s",
    "language": "e.languages @> ARRAY[%(language)s]::varchar[]",
    "role": "e.role = %(role)s",
    "affiliate": "e.affiliates @> ARRAY[%(affiliate)s]::int[]",
}
# Counted over these flags: each names the facets whose selection it ignores.
COUNTED = {
    "all": (),
    "skill": ("skill", "category"),
    "mode": ("mode",),
    **{facet: (facet,) for facet in SIMPLE_FACETS},
}


@dataclass
class Found:
    total: int
    page_number: int
    ids: list
    counts: dict


def _like(word):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _Statement:
    """The SQL and its parameters for one search, built from a `DirectoryQuery` and the skills taxonomy.

    Each condition on an entry (a "piece": a word in the text, an array overlap, a facet) is computed once
    per person read; the flags ("counts in this facet") are then ANDs and ORs of pieces.
    """

    def __init__(self, query, taxonomy):
        self.values = query.values
        self.mode = self.values.get("mode") or None
        self.taxonomy = taxonomy
        self.params = {}
        self.pieces = {}  # column name: SQL condition on the entry `e`
        skill, category = self.values.get("skill"), self.values.get("category")
        self.chosen_skills = None
        if skill or category:
            self.chosen_skills = [
                pk
                for pk, row in taxonomy.items()
                if (not skill or row.slug == skill) and (not category or row.category == category)
            ]
        self.words = [
            (self._param(f"word{number}", _like(word)), self._param(f"word{number}_skills", ids) if ids else None)
            for number, (word, ids) in enumerate(query.skills_by_word.items())
        ]
        self.categories = sorted({row.category for row in taxonomy.values()})

    def _param(self, name, value):
        self.params[name] = value
        return f"%({name})s"

    def _piece(self, name, condition):
        self.pieces[name] = condition
        return name

    def words_piece(self, mode):
        """Every word is in the name or bio, or in the name of a skill shared or wanted (on the `mode` side)."""
        conditions = []
        for number, (like, ids) in enumerate(self.words):
            text = self._piece(f"p_text{number}", f"e.search_about LIKE {like}")
            if ids:
                side = SIDES[mode]
                conditions.append(f"({text} OR {self._piece(f'p_word{number}_{side}', f'e.{side} && {ids}::int[]')})")
            else:
                conditions.append(text)
        return " AND ".join(conditions) or None

    def words_on_entry(self):
        """The words on any side, on the entry itself: what the indexes find."""
        conditions = [
            f"(e.search_about LIKE {like} OR e.skills && {ids}::int[])" if ids else f"e.search_about LIKE {like}"
            for like, ids in self.words
        ]
        return " AND ".join(conditions) or "TRUE"

    def link_piece(self, *, skills, mode):
        """A link to one of `skills` (any skill when None) on the `mode` side (either when None)."""
        if skills is None:
            return None if mode is None else self._piece(f"p_any_{mode}", f"cardinality(e.{SIDES[mode]}) > 0")
        chosen = self._param("chosen_skills", skills)
        return self._piece(f"p_chosen_{SIDES[mode]}", f"e.{SIDES[mode]} && {chosen}::int[]")

    def flag(self, ignore):
        """(word condition, [other pieces]) for counting in a facet that ignores the facets in `ignore`."""
        mode = None if "mode" in ignore else self.mode
        skills = None if "skill" in ignore else self.chosen_skills
        others = [self.link_piece(skills=skills, mode=mode)]
        for facet, condition in SIMPLE_FACETS.items():
            if self.values.get(facet) and facet not in ignore:
                self.params[facet] = self.values[facet]
                others.append(self._piece(f"p_{facet}", condition))
        return self.words_piece(mode), [piece for piece in others if piece]

    def chosen(self, name):
        if name == "skill":
            return self.chosen_skills is not None
        if name == "mode":
            return self.mode is not None
        return bool(self.values.get(name))

    def sql(self, *, page_number, page_size):
        flags = {name: self.flag(ignore) for name, ignore in COUNTED.items()}
        flag_sql = {
            name: " AND ".join(filter(None, [words, *others])) or "TRUE" for name, (words, others) in flags.items()
        }
        # Read only the people who count somewhere: those matching the words and every chosen facet but one.
        chosen = [name for name in COUNTED if name != "all" and self.chosen(name)] or ["all"]
        facets_on_entry = " OR ".join(
            "(" + (" AND ".join(self.pieces[piece] for piece in flags[name][1]) or "TRUE") + ")" for name in chosen
        )
        self.params |= {
            "page": page_number,
            "size": page_size,
            "categories": [f"category:{slug}" for slug in self.categories],
        }
        chosen_on = {
            mode: f"{SIDES[mode]} && %(chosen_skills)s::int[]"
            if self.chosen_skills is not None
            else f"cardinality({SIDES[mode]}) > 0"
            for mode in ("share", "learn")
        }
        rank = " + ".join(f"(search_name LIKE {like})::int" for like, _ids in self.words) or "0"
        piece_columns = "".join(
            f",\n                   ({condition}) AS {name}" for name, condition in self.pieces.items()
        )
        flag_columns = "".join(f",\n               {condition} AS ok_{name}" for name, condition in flag_sql.items())
        category_counts = [
            f"count(*) FILTER (WHERE side_skills && {self._param(f'category{number}', skill_ids)}::int[])"
            for number, skill_ids in enumerate(
                [pk for pk, row in self.taxonomy.items() if row.category == category] for category in self.categories
            )
        ]
        scalar_counts = ", ".join(
            [
                "count(*) FILTER (WHERE ok_all)",
                "count(*) FILTER (WHERE shares_chosen)",
                "count(*) FILTER (WHERE learns_chosen)",
                *category_counts,
            ]
        )
        return f"""
WITH m AS MATERIALIZED (
    SELECT id, country, role, last_seen,
           CASE WHEN ok_all THEN {rank} END AS rank,
           ok_mode AND {chosen_on["share"]} AS shares_chosen,
           ok_mode AND {chosen_on["learn"]} AS learns_chosen,
           CASE WHEN ok_language THEN languages END AS languages,
           CASE WHEN ok_affiliate AND cardinality(affiliates) > 0 THEN affiliates END AS affiliates,
           CASE WHEN ok_skill THEN side_skills END AS side_skills,
           ok_all, ok_skill, ok_mode, ok_region, ok_country, ok_language, ok_role, ok_affiliate
    FROM (
        SELECT *{flag_columns}
        FROM (
            SELECT e.participant_id AS id, e.country, e.role, e.languages, e.affiliates, e.last_seen,
                   e.search_name, e.shares, e.learns, e.{SIDES[self.mode]} AS side_skills{piece_columns}
            FROM skills_directoryentry e
            WHERE ({self.words_on_entry()}) AND ({facets_on_entry})
            OFFSET 0
        ) AS pieces
        OFFSET 0
    ) AS flagged
    WHERE {" OR ".join(f"ok_{name}" for name in chosen)}
),
by_country AS (
    SELECT country, count(*) FILTER (WHERE ok_country) AS n, count(*) FILTER (WHERE ok_region) AS in_region
    FROM m WHERE country <> '' AND (ok_country OR ok_region) GROUP BY country
),
total AS (SELECT count(*) AS n FROM m WHERE ok_all)
SELECT 'scalar', unnest(ARRAY['total', 'share', 'learn'] || %(categories)s::text[]), NULL,
       unnest(ARRAY[{scalar_counts}])
FROM m
UNION ALL
SELECT 'skill', skill::text, NULL, count(*) FROM (SELECT unnest(side_skills) AS skill FROM m) AS s GROUP BY skill
UNION ALL
SELECT 'country', country, NULL, n FROM by_country WHERE n > 0
UNION ALL
SELECT 'region', c.region_id, NULL, sum(b.in_region)::bigint FROM by_country b
JOIN participants_country c ON c.code = b.country WHERE c.region_id IS NOT NULL GROUP BY c.region_id
HAVING sum(b.in_region) > 0
UNION ALL
SELECT 'role', role, NULL, count(*) FROM m WHERE ok_role AND role <> '' GROUP BY role
UNION ALL
SELECT 'language', language, NULL, count(*) FROM (SELECT unnest(languages) AS language FROM m) AS l GROUP BY language
UNION ALL
(SELECT 'affiliate', a.id::text, a.name, x.n
 FROM (SELECT affiliate, count(*) AS n FROM (SELECT unnest(affiliates) AS affiliate FROM m) AS u
       GROUP BY affiliate) AS x
 JOIN participants_affiliate a ON a.id = x.affiliate
 ORDER BY x.n DESC, a.name LIMIT 50)
UNION ALL
SELECT 'page', id::text, NULL, row_number() OVER () FROM (
    SELECT id FROM m WHERE ok_all ORDER BY rank DESC, last_seen DESC, id
    LIMIT %(size)s
    OFFSET (SELECT (least(%(page)s, greatest(ceil(n::numeric / %(size)s), 1)) - 1) * %(size)s FROM total)
) AS page
"""  # noqa: S608 -- only the statement's shape is built here; every value a person typed is a parameter


def statement(query, *, taxonomy, page_number, page_size):
    """(SQL, parameters) of the search; `search` runs it, tests read its plan."""
    built = _Statement(query, taxonomy)
    return built.sql(page_number=page_number, page_size=page_size), built.params


def _cache(method, *args):
    """The cache is a shortcut: when Redis fails, the directory searches the database."""
    try:
        return method(*args)
    except RedisError:
        logger.warning("The Skills Directory's cache is unavailable", exc_info=True)
        return None


def forget_cached_searches():
    """The directory changed: no answer computed before is used again (now, and again after the commit)."""
    fragments.replace_version(CACHE_VERSION)


def cache_version():
    """The directory's version: replaced whenever the directory changes. None when Redis fails."""
    return fragments.data_version(CACHE_VERSION)


def _run(sql, params, *, keep):
    """The rows of the statement, from the cache if they were kept; `keep(rows)` says whether to keep them."""
    version = cache_version() or uuid.uuid4().hex
    key = "skills:directory:" + hashlib.sha256(repr((version, sql, sorted(params.items()))).encode()).hexdigest()
    rows = _cache(cache.get, key)
    if rows is None:
        with transaction.atomic(), connection.cursor() as cursor:
            # The matching set is held in memory while every facet is counted from it; beyond work_mem (4 MB
            # by default) PostgreSQL writes it to disk and reads it back once per facet. This statement only.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if keep(rows):
            _cache(cache.set, key, rows, CACHE_SECONDS)
    return rows


def search(query, *, taxonomy, page_number, page_size):
    """The page `page_number` (the last one if past it) of `query`'s results, their number and the facet counts."""
    sql, params = statement(query, taxonomy=taxonomy, page_number=page_number, page_size=page_size)
    # A page number past the last gets the last page, and is not kept: each such number would be an entry.
    rows = _run(sql, params, keep=lambda rows: page_number <= _last_page(_total(rows), page_size))
    counts = {facet: {} for facet in ("skill", "category", "mode", "region", "country", "language", "role")}
    counts["affiliate"] = {}
    scalars, ids = {}, []
    for facet, value, label, number in rows:
        if facet == "scalar":
            scalars[value] = number
        elif facet == "page":
            ids.append(int(value))
        elif facet == "skill":
            counts["skill"][int(value)] = number
        elif facet == "affiliate":
            counts["affiliate"][int(value)] = (label, number)
        else:
            counts[facet][value] = number
    counts["mode"] = {kind: scalars[kind] for kind in ("share", "learn") if scalars[kind]}
    counts["category"] = {
        name.removeprefix("category:"): number
        for name, number in scalars.items()
        if name.startswith("category:") and number
    }
    total = scalars["total"]
    last_page = _last_page(total, page_size)
    return Found(total=total, page_number=min(max(page_number, 1), last_page), ids=ids, counts=counts)


def _total(rows):
    return next(number for facet, value, _label, number in rows if (facet, value) == ("scalar", "total"))


def _last_page(total, page_size):
    return max(-(-total // page_size), 1)

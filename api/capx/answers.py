"""CapX's answers are free text: the known ones become our registration's options, the rest stays text."""

import re
import unicodedata

from participants.models import Participant

ROLE_WORDS = [
    (("paid staff",), Participant.Role.AFFILIATE_PAID_STAFF),
    (("volunteer staff",), Participant.Role.AFFILIATE_VOLUNTEER_STAFF),
    (("outside user group", "volunteer organiser", "volunteer organizer"), Participant.Role.INDEPENDENT_ORGANISER),
    (("executive director",), Participant.Role.EXECUTIVE_DIRECTOR),
    (("board member", "board of"), Participant.Role.BOARD_MEMBER),
    (("individual volunteer editor", "volunteer editor", "individual editor"), Participant.Role.INDIVIDUAL_EDITOR),
]
AREA_WORDS = [
    (("climate", "sustainab"), Participant.AreaOfWork.CLIMATE),
    (("public policy",), Participant.AreaOfWork.PUBLIC_POLICY),
    (("education",), Participant.AreaOfWork.EDUCATION),
    (("open technology", "open tech"), Participant.AreaOfWork.OPEN_TECHNOLOGY),
    (("diversity",), Participant.AreaOfWork.DIVERSITY),
    (("glam", "culture", "heritage"), Participant.AreaOfWork.GLAM),
    (("governance",), Participant.AreaOfWork.GOVERNANCE),
    (("human rights",), Participant.AreaOfWork.HUMAN_RIGHTS),
    (("advocacy",), Participant.AreaOfWork.ADVOCACY),
]
GENDER_WORDS = {
    "woman": Participant.Gender.WOMAN,
    "female": Participant.Gender.WOMAN,
    "man": Participant.Gender.MAN,
    "male": Participant.Gender.MAN,
    "non binary": Participant.Gender.NON_BINARY,
    "nonbinary": Participant.Gender.NON_BINARY,
    "agender": Participant.Gender.AGENDER,
    "prefer not to say": Participant.Gender.PREFER_NOT,
    "prefer not to answer": Participant.Gender.PREFER_NOT,
}
AGE_RANGES = [
    (25, Participant.AgeRange.UNDER_25),
    (35, Participant.AgeRange.FROM_25),
    (45, Participant.AgeRange.FROM_35),
    (55, Participant.AgeRange.FROM_45),
    (65, Participant.AgeRange.FROM_55),
    (75, Participant.AgeRange.FROM_65),
    (85, Participant.AgeRange.FROM_75),
]
YOUNGEST, OLDEST = 10, 120


def _plain(text):
    """Lower case, accents and punctuation away, single spaces: how answers are compared."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9+]+", " ", text.lower()).split())


def _match(text, table):
    plain = _plain(text)
    for words, value in table:
        if plain == _plain(value) or plain == _plain(value.label) or any(word in plain for word in words):
            return value
    return None


def role(text):
    """(role code or "", the text when it matched no role)."""
    if not str(text or "").strip():
        return "", ""
    found = _match(text, ROLE_WORDS)
    return (found, "") if found else ("", str(text).strip())


def areas(text):
    """(area codes, the parts that matched none). CapX joins the areas chosen with commas."""
    codes, unknown = [], []
    for part in re.split(r"[,;\n]", str(text or "")):
        if not part.strip():
            continue
        found = _match(part, AREA_WORDS)
        if found and found not in codes:
            codes.append(found)
        elif not found:
            unknown.append(part.strip())
    return [str(code) for code in codes], ", ".join(unknown)


def gender(text):
    """(gender code, own words): an answer that is none of the options is "not listed", in the person's words."""
    plain = _plain(text or "")
    if not plain:
        return "", ""
    if plain in GENDER_WORDS:
        return GENDER_WORDS[plain], ""
    return Participant.Gender.NOT_LISTED, str(text).strip()[:100]


def age_range(value):
    """The age range of an age (CapX may send an integer, or text) or of a range written out; "" when unknown."""
    if isinstance(value, bool) or value is None:
        return ""
    plain = _plain(value)
    if re.fullmatch(r"\d{1,3}", plain):
        age = int(plain)
        if not YOUNGEST <= age <= OLDEST:
            return ""
        return next((code for limit, code in AGE_RANGES if age < limit), Participant.AgeRange.FROM_85)
    for code, label in Participant.AgeRange.choices:
        if plain in (_plain(code), _plain(label)):
            return code
    if plain in ("85+", "85 plus", "over 85"):
        return Participant.AgeRange.FROM_85
    return ""

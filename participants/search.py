"""Text normalisation shared by the directory's stored search text and the words people type."""

import unicodedata


def normalise(text):
    """Lower-case, without accents or Arabic diacritics, single-spaced: `Recaudación` → `recaudacion`."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())

"""How a full-text query is read: text folded (case, accents, ligatures) into words, and a query into terms."""

import re
import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, no accents, no ligatures: how documents are stored and queries are read."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def terms(q: str) -> list[list[str]]:
    """The query as terms, each a list of words (one word, or a quoted phrase); [] when it has no word."""
    found = []
    for phrase, bare in TERM.findall(q):
        words = WORD.findall(fold(phrase or bare))
        if phrase:
            found.append(words) if words else None
        else:
            found.extend([word] for word in words)
    return found

"""Name matching shared by lookups: normalisation and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def normalise(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("-", " ").split())


def suggest(wanted: str, candidates: Iterable[str], *, limit: int = 5) -> list[str]:
    """Close matches to ``wanted`` among ``candidates`` (compared normalised), best first."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(normalise(candidate), candidate)
    key = normalise(wanted)
    close = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.6)
    prefixed = [k for k in by_key if key and k.startswith(key) and k not in close]
    return [by_key[k] for k in [*close, *sorted(prefixed)][:limit]]

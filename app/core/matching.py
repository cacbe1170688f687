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


def keyed(candidates: Iterable[str]) -> dict[str, str]:
    """Candidates by their normalised form (the first of equal forms kept), for ``suggest``."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(normalise(candidate), candidate)
    return by_key


def suggest(
    wanted: str, candidates: Iterable[str] | dict[str, str], *, limit: int = 5
) -> list[str]:
    """Close matches to ``wanted`` among ``candidates`` (compared normalised; pass ``keyed``
    candidates to normalise them once for many questions), best first."""
    by_key = candidates if isinstance(candidates, dict) else keyed(candidates)
    key = normalise(wanted)
    close = difflib.get_close_matches(key, by_key, n=limit, cutoff=0.6)
    prefixed = [k for k in by_key if key and k.startswith(key) and k not in close]
    return [by_key[k] for k in [*close, *sorted(prefixed)][:limit]]

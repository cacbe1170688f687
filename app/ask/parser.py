"""Turn an English question about alliances into a structured query, by rules alone."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from app.core.matching import keyed, normalise, suggest
from app.temporal import FuzzyDate, InvalidDate, InvalidPeriod, Span

__all__ = ["Change", "Intent", "Interpretation", "Unparsed", "parse"]

Intent = Literal[
    "members", "membership_check", "join_leave_date", "state_memberships", "changes_between"
]
Change = Literal["joined", "left"]
Kind = Literal["organization", "state"]


@dataclass(frozen=True)
class Interpretation:
    intent: Intent
    organization: str | None = None  # slug, e.g. "csto"
    state: str | None = None  # ISO alpha-3, e.g. "GEO"
    at: str | None = None  # a reduced ISO date: "1995", "2000-01", "2000-01-01"
    during: str | None = None  # an inclusive ISO interval "1999/2004", or one reduced date
    change: Change | None = None  # for join_leave_date and changes_between; None = both
    corrections: tuple[str, ...] = ()  # misspelled names read as the names they are close to


class Unparsed(ValueError):
    """A question the rules cannot read, with names or example questions to try instead."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions


EXAMPLES = [
    "Who were the members of NATO in 1995?",
    "Was Georgia a member of the CIS in 2010?",
    "When did Uzbekistan leave the CSTO?",
    "Which organisations was Belarus in on 1 January 2000?",
    "Who joined NATO between 1999 and 2004?",
]

# -- dates ---------------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?|(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_MONTH}(?:\s+of)?,?\s+\d{{4}}|\d{{4}})"
)
_PREP = r"(?:(?:on|in|at|during|throughout|by|as\s+(?:of|at)|in\s+the\s+year)\s+)?"
_TIME = re.compile(
    rf"""(?<![\w-])(?:
      {_PREP}(?:the\s+period\s+)?between\s+(?P<a>{_DATE})\s+and\s+(?P<b>{_DATE})
    | {_PREP}(?:the\s+period\s+)?(?:from\s+)?(?P<c>{_DATE})\s+(?:to|until|till|through)\s+
      (?P<d>{_DATE})
    | {_PREP}(?P<e>\d{{4}})\s*[-–—]\s*(?P<f>\d{{4}})
    | {_PREP}(?:the\s+)?(?P<decade>\d{{3}}0)s
    | (?P<open>(?:since|after|before|until|till|prior\s+to)\s+{_DATE})
    | {_PREP}(?P<g>{_DATE})
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
_FULL_MONTHS = {"january", "february", "april", "june", "july", "august", "september"}
_FULL_MONTHS |= {"october", "november", "december"}  # "may" and "march" are also plain words


@dataclass(frozen=True)
class _When:
    at: str | None = None
    during: str | None = None


def _read_date(written: str) -> str:
    """The reduced ISO form of one date as written, e.g. "Jan 1st, 2000" -> "2000-01-01"."""
    text = written.casefold()
    numbers: list[str] = re.findall(r"\d+", text)
    if re.fullmatch(r"[\d-]+", text):
        year, month, day = int(numbers[0]), int(numbers[1]) if numbers[1:] else None, numbers[2:]
    else:
        year = int(next(n for n in numbers if len(n) == 4))
        day = [n for n in numbers if len(n) <= 2]
        words = re.findall(r"[a-z]+", text)
        month = next((_MONTHS.index(w[:3]) + 1 for w in words if w[:3] in _MONTHS), None)
    try:
        return str(FuzzyDate(year, month, int(day[0]) if day else None))
    except InvalidDate as error:
        raise Unparsed(f"{written.strip()!r} is not a real date: {error}.", []) from error


def _interval(first: str, last: str) -> str:
    start, end = _read_date(first), _read_date(last)
    try:
        Span.of(FuzzyDate.parse(start), FuzzyDate.parse(end))
    except InvalidPeriod as error:
        raise Unparsed(f"The range {first}–{last} ends before it starts.", []) from error
    return f"{start}/{end}"


def _time_of(match: re.Match[str]) -> _When:
    g = match.groupdict()
    if g["open"]:
        raise Unparsed(
            f"Open-ended times such as {g['open']!r} are not supported; "
            "ask about a date ('in 2004') or a range ('between 1999 and 2004').",
            [],
        )
    if g["decade"]:
        return _When(during=f"{g['decade']}/{int(g['decade']) + 9}")
    for first, last in (("a", "b"), ("c", "d"), ("e", "f")):
        if g[first]:
            return _When(during=_interval(g[first], g[last]))
    return _When(at=_read_date(g["g"]))


def _take_time(text: str) -> tuple[_When, str]:
    """The question's one time expression (if any), and the text without it."""
    matches = list(_TIME.finditer(text))
    if len(matches) > 1:
        times = ", ".join(repr(m.group(0).strip()) for m in matches)
        raise Unparsed(f"The question gives more than one time ({times}); give one.", [])
    if not matches:
        return _When(), text
    match = matches[0]
    return _time_of(match), text[: match.start()] + " " + text[match.end() :]


# -- names ---------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_JOIN = _words("join joins joined joining accede acceded accedes accession admitted admission")
_JOIN |= _words("enter entered entry become became new rejoin rejoins rejoined rejoining")
_JOIN |= _words("readmitted readmission return returned returns")
_LEAVE = _words("leave leaves left leaving quit quits quitted quitting withdraw withdraws")
_LEAVE |= _words("withdrew withdrawn withdrawal exit exited expel expelled expulsion ceased")
_LEAVE |= _words("stopped dropped pulled depart departed departure secede seceded secession")
_CHANGE = _words("change changes changed changing")
_WHEN = _words("when year date")
_BELONG = _words("member members membership memberships belong belongs belonged belonging part")
_MEMBER_CUES = _BELONG | _words("who whom countries country states nations list participants")
_MEMBER_CUES |= _words("composition include included includes")
_STATE_CUES = _BELONG | _words("alliance alliances organisation organisations organization")
_STATE_CUES |= _words("organizations bloc blocs pacts treaties igos groups")
_FILLER = _words("a an the of s")
_GRAMMAR = _JOIN | _LEAVE | _CHANGE | _WHEN | _MEMBER_CUES | _STATE_CUES | _FILLER
_GRAMMAR |= _words("in on at to from for by and or with was were is are be been did does do has")
_GRAMMAR |= _words("have had which what where how show tell give me us name all ever still")
_GRAMMAR |= _words("currently now today it its that there out both")
# Codes that spell everyday words ("IN" India, "ARE" UAE) count only when written in capitals.
_GUARDED = _GRAMMAR | _words("as can so no not my he we if up go per arm fin sun man lie jam")
_GUARDED |= _words("am id hi oh ad ago pan gin ton nor ok")

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # "U.S.A." -> "USA"


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]
    kind: Kind
    value: str
    label: str
    guarded: bool


def _tokens(text: str) -> list[tuple[str, str]]:
    """Whole words as (normalised, as written), without possessives or abbreviation dots."""
    text = _POSSESSIVE.sub("", _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text))
    return [
        (part, word) for word in re.findall(r"[^\W_]+", text) for part in normalise(word).split()
    ]


def _index(organizations: Mapping[str, str], states: Mapping[str, str]) -> dict[str, list[_Name]]:
    """Every name by its first word, longest first (organisations before states on ties)."""
    index: dict[str, list[_Name]] = {}
    sources: tuple[tuple[Kind, Mapping[str, str]], ...] = (
        ("organization", organizations),
        ("state", states),
    )
    for kind, names in sources:
        for label, value in names.items():
            words = tuple(n for n, _ in _tokens(unicodedata.normalize("NFC", label)))
            if words:
                guarded = label.isupper() and len(words) == 1 and words[0] in _GUARDED
                index.setdefault(words[0], []).append(_Name(words, kind, value, label, guarded))
    for candidates in index.values():
        candidates.sort(key=lambda name: -len(name.words))
    return index


def _fits(name: _Name, tokens: list[tuple[str, str]], i: int, shouting: bool) -> bool:
    window = tokens[i : i + len(name.words)]
    if tuple(n for n, _ in window) != name.words:
        return False
    return not name.guarded or (not shouting and window[0][1].isupper())


def _match(
    tokens: list[tuple[str, str]], index: dict[str, list[_Name]], shouting: bool
) -> tuple[list[_Name], list[str]]:
    """Leftmost-longest names, and the other words ("" where a name was)."""
    found: list[_Name] = []
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        candidates = index.get(tokens[i][0], [])
        name = next((n for n in candidates if _fits(n, tokens, i, shouting)), None)
        if name is None:
            rest.append(tokens[i][0])
            i += 1
        else:
            found.append(name)
            rest.append("")
            i += len(name.words)
    return found, rest


def _only(found: list[_Name], kind: Kind) -> _Name | None:
    names = {n.value: n for n in found if n.kind == kind}
    if len(names) > 1:
        labels = ", ".join(n.label for n in names.values())
        noun = "organisation" if kind == "organization" else "state"
        raise Unparsed(f"The question names more than one {noun} ({labels}); ask about one.", [])
    return next(iter(names.values()), None)


def _close_names(rest: list[str], candidates: dict[str, str]) -> list[str]:
    """Known names close to the unexplained words, e.g. "ctso" -> "CSTO": each distinct span
    and word looked up once, at most ``_LOOKUPS`` of them (a question's length never multiplies
    the work)."""
    segments: list[list[str]] = [[]]
    for word in rest:
        if word:
            segments[-1].append(word)
        else:  # a recognised name separates segments
            segments.append([])
    wanted: list[str] = []
    for words in segments:
        keep = [i for i, word in enumerate(words) if word not in _GRAMMAR]
        if keep:  # the span from the first to the last unexplained word, then each of them
            wanted += [" ".join(words[keep[0] : keep[-1] + 1]), *(words[i] for i in keep)]
    close = [hit for w in list(dict.fromkeys(wanted))[:_LOOKUPS] for hit in suggest(w, candidates)]
    return list(dict.fromkeys(close))[:5]


_LOOKUPS = 8


# -- questions -----------------------------------------------------------------------------------


def _change(words: set[str]) -> Change | None:
    joined, left = bool(words & _JOIN), bool(words & _LEAVE)
    if joined == left:
        return None
    return "joined" if joined else "left"


def _intent(words: set[str], org: _Name | None, state: _Name | None) -> Intent | None:
    changes = bool(words & (_JOIN | _LEAVE | _CHANGE))
    asks_when = "when" in words or bool(words & {"year", "date"} and words & {"what", "which"})
    if org and state:
        return _intent_of_both(changes, asks_when)
    if org:
        return _intent_of_organization(words, changes, asks_when)
    if state:
        return _intent_of_state(words, changes, asks_when)
    return None


def _only_names(words: set[str]) -> bool:
    return not words - _FILLER


def _intent_of_both(changes: bool, asks_when: bool) -> Intent:
    """An organisation and a state: when it joined or left, its changes, or was it a member."""
    if asks_when:
        return "join_leave_date"
    return "changes_between" if changes else "membership_check"


def _intent_of_organization(words: set[str], changes: bool, asks_when: bool) -> Intent | None:
    """An organisation alone: its changes, or its members (it cannot say when it was)."""
    if changes:
        return "changes_between"
    if asks_when:
        return None
    return "members" if words & _MEMBER_CUES or _only_names(words) else None


def _intent_of_state(words: set[str], changes: bool, asks_when: bool) -> Intent | None:
    """A state alone: the organisations it belonged to."""
    if changes or asks_when:
        return None
    return "state_memberships" if words & _STATE_CUES or _only_names(words) else None


def _reject_stray_dates(rest: list[str], question: str) -> None:
    if any(re.fullmatch(r"\d+(?:s|st|nd|rd|th)?", w) or w in _FULL_MONTHS for w in rest):
        raise Unparsed(
            f"I could not read the date in {question!r}; "
            "write it like 1995, March 1999, 1 January 2000 or 2000-01-01.",
            [],
        )


@dataclass(frozen=True)
class Names:
    """Every name a question may use, indexed once (per release, not per question).

    ``organizations`` maps every name, alias and abbreviation (any language, as stored) to a
    slug; ``states`` every state name and code (alpha-2, alpha-3, other names) to an alpha-3
    code."""

    organizations: Mapping[str, str]
    states: Mapping[str, str]
    index: dict[str, list[_Name]]  # every name by its first word, longest first
    # one-word names by their normalised form, for reading a misspelling ("CTSO" -> "CSTO")
    organization_words: dict[str, str]
    state_words: dict[str, str]
    suggestible: dict[str, str]  # names offered when a question is not understood (``keyed``)

    @classmethod
    def of(cls, organizations: Mapping[str, str], states: Mapping[str, str]) -> Names:
        return cls(
            organizations,
            states,
            _index(organizations, states),
            _one_word(organizations),
            _one_word(_names_only(states)),
            keyed(n for n in (*organizations, *states) if not (len(n) <= 3 and n.isupper())),
        )


def parse(question: str, names: Names) -> Interpretation:
    """What ``question`` asks, read with ``names``; ``Unparsed`` (with suggestions) if unclear."""
    text = unicodedata.normalize("NFC", question).strip()
    if not text:
        raise Unparsed("The question is empty.", list(EXAMPLES))
    when, text = _take_time(text)
    found, rest = _match(_tokens(text), names.index, question.isupper())
    _reject_stray_dates(rest, question)
    org, state = _only(found, "organization"), _only(found, "state")
    corrections: list[str] = []
    if org is None:
        org = _corrected(
            rest, names.organizations, names.organization_words, "organization", 0.75, corrections
        )
    if state is None:
        state = _corrected(rest, names.states, names.state_words, "state", 0.8, corrections)
    words = set(rest) - {""}
    intent = _intent(words, org, state)
    if intent is None:
        raise _not_understood(question, org, state, rest, names.suggestible)
    at, during = when.at, when.during
    if intent == "changes_between" and at is not None:
        at, during = None, at  # a change happens during a time, not at a reduced date's instant
    changing = intent in ("join_leave_date", "changes_between")
    return Interpretation(
        intent,
        organization=org.value if org else None,
        state=state.value if state else None,
        at=at,
        during=during,
        change=_change(words) if changing else None,
        corrections=tuple(corrections),
    )


def _names_only(states: Mapping[str, str]) -> dict[str, str]:
    """State names, without the codes (``TO``, ``CO``) a misspelling could land on."""
    return {k: v for k, v in states.items() if not (len(k) <= 3 and k.isupper())}


def _one_word(names: Mapping[str, str]) -> dict[str, str]:
    """The one-word names by their normalised form, each as written ("CSTO", not a slug)."""
    by_key: dict[str, str] = {}
    for label in names:
        key = normalise(label)
        one_word = " " not in key  # one word against one word: "treaty" is not "Rio Treaty"
        if one_word and (key not in by_key or (by_key[key].islower() and not label.islower())):
            by_key[key] = label  # as written ("CSTO"), not as a slug ("csto")
    return by_key


def _corrected(
    rest: list[str],
    names: Mapping[str, str],
    by_key: dict[str, str],
    kind: Kind,
    cutoff: float,
    notes: list[str],
) -> _Name | None:
    """The one known name a misspelled word is close to ("Uzbekstan" -> Uzbekistan, "CTSO" ->
    CSTO), taken out of ``rest`` and noted; None if no word is, if it could be several, or if
    other unknown words remain (then the question is refused with suggestions)."""
    content = [w for w in rest if w and w not in _GRAMMAR]
    if len(content) != 1:  # only a lone unknown word is read as a name, never one of several
        return None
    for i, word in enumerate(rest):
        if len(word) < 4 or word in _GRAMMAR:
            continue
        close = difflib.get_close_matches(word, by_key, n=2, cutoff=cutoff)
        # a word built on a name is another word ("Georgian" is not a misspelled "Georgia")
        close = [k for k in close if not (word.startswith(k) or k.startswith(word))]
        values = {names[by_key[k]] for k in close}
        if len(values) == 1:
            label = by_key[close[0]]
            notes.append(f"read {word!r} as {label!r}")
            rest[i] = ""
            return _Name((close[0],), kind, names[label], label, False)
    return None


def _not_understood(
    question: str, org: _Name | None, state: _Name | None, rest: list[str], names: dict[str, str]
) -> Unparsed:
    close = _close_names(rest, names)
    did_you_mean = f" Did you mean {' or '.join(close)}?" if close else ""
    known = " and ".join(n.label for n in (org, state) if n is not None)
    if known:
        message = f"I found {known} in {question!r} but could not tell what it asks."
    else:
        message = f"I found no organisation or state I know in {question!r}."
    return Unparsed(message + did_you_mean, [*close, *EXAMPLES])

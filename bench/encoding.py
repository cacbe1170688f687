"""``python3 -m bench.encoding``: what encoding one answer as JSON costs, per encoder.

A question asked again costs the echo of the question and the encoding of its kept answer
(``app/memberships/store.py``); a new one costs building the answer and the same encoding. This
measures the encoding alone, on real answers built by the app's own code from the shipped data
(seeded into a temporary SQLite file by ``python3 -m app.cli seed``, or at ``--database-url``):

- ``csto``: the members of the CSTO on 1995-06-01 (nine), the ``fixed`` question of the shipped
  data (``store.members_answer``);
- ``state page``: a page of 100 state memberships. No shipped state has 100, so the page pools
  the entries of the states with the most (each state's answer built by ``holdings.answer``,
  during 1900/2026: every membership, each with its certainty) into one ``StateMemberships``
  (``model_construct``): real entries, as many as a full page at 10^6.

Each encoder is timed with ``timeit`` (best of ``--repeat`` runs, each of ``--number`` calls or as
many as last 0.2 s) and its JSON is compared with pydantic's (``json.loads`` equal). orjson and
msgspec are not dependencies of the project: an encoder whose package is missing is skipped, with a
line saying so.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
import tempfile
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlmodel import Session

from app.core.db import build_engine
from app.core.timequery import today
from app.memberships import holdings, store
from app.memberships.compiled import compile_organizations
from app.memberships.schemas import CertaintyFilter, RoleFilter, StateMembership, StateMemberships
from app.organizations.service import resolve_organization
from app.temporal import TimeQuery
from bench import coldstart

ORGANIZATION, DAY = "csto", "1995-06-01"
PAGE = 100
SPAN = "1900/2026"
REFERENCE = "pydantic to_json"

Make = Callable[[BaseModel], Callable[[], bytes | str]]


@dataclass(frozen=True)
class Answer:
    """A response model to encode, and what it is."""

    name: str
    model: BaseModel
    description: str


@dataclass(frozen=True)
class Encoder:
    """``make(model)`` returns the call that is timed; ``package`` must be importable."""

    name: str
    make: Make
    note: str
    package: str | None = None
    json: bool = True  # False: produces no JSON (a step timed for reference)
    models: bool = True  # encodes the response models as they are (no second schema)


@dataclass(frozen=True)
class Timing:
    answer: str
    encoder: str
    seconds: float  # per answer, best run
    size: int | None  # bytes of JSON
    same: bool | None  # JSON equal to the reference's (None: no JSON)


# --- the answers -------------------------------------------------------------------------------


def build_answers(url: str) -> list[Answer]:
    """The CSTO's members on 1995-06-01 and a 100-entry state page, from the data at ``url``."""
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            org = resolve_organization(session, slug=ORGANIZATION)
            members = store.members_answer(
                session,
                org=org,
                query=TimeQuery.at(DAY),
                role=RoleFilter.MEMBER,
                certainty=CertaintyFilter.POSSIBLE,
            )
            held = holdings.Holdings.of(compile_organizations(session.connection()).values())
    finally:
        engine.dispose()
    query, day = TimeQuery.during(SPAN), today()
    pages = [holdings.answer(held, state, query, day=day).answer for state in held.by_state]
    pages.sort(key=lambda page: len(page.memberships), reverse=True)
    pooled: list[StateMembership] = [m for page in pages for m in page.memberships][:PAGE]
    page = StateMemberships.model_construct(
        state=pages[0].state, query=pages[0].query, memberships=pooled, next_cursor=None
    )
    states = len({m.organization.slug for m in pooled})
    return [
        Answer(
            ORGANIZATION,
            members,
            f"GET /v1/organizations/{ORGANIZATION}/members?at={DAY}: {members.count} members",
        ),
        Answer(
            "state page",
            page,
            f"{len(pooled)} memberships (in {states} organisations) pooled from the pages "
            f"during={SPAN} of the states with the most; the largest shipped page "
            f"({pages[0].state.code}) holds {len(pages[0].memberships)}",
        ),
    ]


# --- the encoders ------------------------------------------------------------------------------


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _pydantic(model: BaseModel) -> Callable[[], bytes]:
    return partial(type(model).__pydantic_serializer__.to_json, model)


def _dumped(encode: Callable[[Any], bytes | str]) -> Make:
    """``encode(model.model_dump(mode="json"))``, the dump timed with the encoding."""
    return lambda model: lambda: encode(model.model_dump(mode="json"))


def _stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def mirror(value: Any, made: dict[type[BaseModel], Any]) -> Any:
    """``value`` with every model turned into a msgspec Struct of the same fields, in order
    (each model class's Struct made once, in ``made``)."""
    if isinstance(value, BaseModel):
        cls = type(value)
        struct = made.get(cls)
        if struct is None:
            struct = made[cls] = _module("msgspec").defstruct(cls.__name__, list(cls.model_fields))
        return struct(*(mirror(getattr(value, name), made) for name in cls.model_fields))
    if isinstance(value, list):
        return [mirror(item, made) for item in value]
    return value


def _mirrored(model: BaseModel) -> Callable[[], bytes]:
    """msgspec encoding a Struct mirror of ``model``, converted once, outside the timing."""
    return partial(_module("msgspec").json.encode, mirror(model, {}))


ENCODERS = (
    Encoder(REFERENCE, _pydantic, "what the app does (respond, app/exports/formats.py)"),
    Encoder("pydantic model_dump_json", lambda m: m.model_dump_json, "the same serializer"),
    Encoder(
        "orjson(model_dump)",
        _dumped(lambda d: _module("orjson").dumps(d)),
        "model_dump(mode='json'), then orjson.dumps",
        "orjson",
    ),
    Encoder(
        "msgspec(model_dump)",
        _dumped(lambda d: _module("msgspec").json.encode(d)),
        "model_dump(mode='json'), then msgspec.json.encode",
        "msgspec",
    ),
    Encoder("json(model_dump)", _dumped(_stdlib), "model_dump(mode='json'), then json.dumps"),
    Encoder(
        "model_dump only",
        lambda m: lambda: m.model_dump(mode="json"),  # type: ignore[return-value,arg-type]
        "the dict the three above encode; no JSON",
        json=False,
        models=False,
    ),
    Encoder(
        "msgspec Struct mirror",
        _mirrored,
        "Structs of the models' fields, built outside the timing: a second schema to keep in "
        "step with the models (measured, not an option)",
        "msgspec",
        models=False,
    ),
)


def available(encoders: Sequence[Encoder]) -> tuple[list[Encoder], list[Encoder]]:
    """The encoders whose package is installed, and those skipped."""
    found = [e for e in encoders if e.package is None or importlib.util.find_spec(e.package)]
    return found, [e for e in encoders if e not in found]


# --- timing ------------------------------------------------------------------------------------


def per_call(call: Callable[[], object], *, repeat: int, number: int | None) -> float:
    """Seconds per call: the best of ``repeat`` runs of ``number`` calls (default: as many as
    last 0.2 s)."""
    timer = timeit.Timer(call)
    if number is None:
        number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def measure(
    answers: Sequence[Answer], encoders: Sequence[Encoder], *, repeat: int, number: int | None
) -> list[Timing]:
    """Every encoder on every answer, its JSON compared with the reference's."""
    found = []
    for answer in answers:
        reference = json.loads(_pydantic(answer.model)())
        for encoder in encoders:
            call = encoder.make(answer.model)
            out = call()
            size, same = None, None
            if encoder.json:
                assert isinstance(out, bytes | str)
                size = len(out.encode() if isinstance(out, str) else out)
                same = json.loads(out) == reference
            seconds = per_call(call, repeat=repeat, number=number)
            found.append(Timing(answer.name, encoder.name, seconds, size, same))
    return found


# --- the report --------------------------------------------------------------------------------


def table(timings: Sequence[Timing]) -> Table:
    found = Table(title="Encoding one answer (best run)", title_justify="left")
    for column in ("answer", "encoder", "µs/answer", "x pydantic", "bytes", "JSON"):
        found.add_column(column, justify="left" if column in ("answer", "encoder") else "right")
    answers = list(dict.fromkeys(t.answer for t in timings))
    for name in answers:
        rows = [t for t in timings if t.answer == name]
        base = next((t.seconds for t in rows if t.encoder == REFERENCE), 0.0)
        for t in rows:
            same = "-" if t.same is None else "same" if t.same else "DIFFERS"
            found.add_row(
                name,
                t.encoder,
                f"{t.seconds * 1e6:,.1f}",
                f"{t.seconds / base:.2f}" if base else "-",
                "-" if t.size is None else f"{t.size:,}",
                same,
            )
        found.rows[-1].end_section = True
    return found


def _versions(encoders: Sequence[Encoder]) -> str:
    names = ["pydantic", "pydantic_core", *(e.package for e in encoders if e.package)]
    parts = []
    for name in dict.fromkeys(names):
        version = getattr(_module(name), "__version__", "?")
        parts.append(f"{name} {version}")
    return ", ".join(parts)


def render(
    answers: Sequence[Answer],
    timings: Sequence[Timing],
    encoders: Sequence[Encoder],
    skipped: Sequence[Encoder],
    console: Console,
) -> None:
    for answer in answers:
        console.print(Text(f"{answer.name}: {answer.description}"))
    console.print(table(timings))
    for encoder in encoders:
        console.print(Text(f"  {encoder.name}: {encoder.note}"))
    for encoder in skipped:
        console.print(
            Text(f"SKIP  {encoder.name}: {encoder.package} is not installed (pip install it)")
        )
    console.print(Text(f"Versions: python {sys.version.split()[0]}, {_versions(encoders)}"))
    kept = {e.name for e in encoders if e.json and e.models}
    for name in dict.fromkeys(t.answer for t in timings):
        rows = [t for t in timings if t.answer == name and t.encoder in kept and t.same]
        best = min(rows, key=lambda t: t.seconds)
        base = next(t.seconds for t in rows if t.encoder == REFERENCE)
        console.print(
            Text(
                f"{name}: fastest on the response models as they are: {best.encoder}, "
                f"{best.seconds * 1e6:,.1f} µs ({best.seconds / base:.2f}x {REFERENCE})"
            )
        )
    for t in timings:
        if t.same is False:
            console.print(Text(f"WARNING: {t.encoder} on {t.answer}: its JSON differs"))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m bench.encoding",
        description="Time encoding real answers (shipped data) as JSON with each encoder. "
        "See bench/README.md.",
    )
    p.add_argument("--repeat", type=int, default=7, help="timed runs, the best kept (default 7)")
    p.add_argument(
        "--number",
        type=int,
        default=None,
        help="calls per run (default: as many as last 0.2 s)",
    )
    p.add_argument(
        "--database-url",
        default=None,
        help="a database holding the shipped data already (default: seed a temporary file)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    encoders, skipped = available(ENCODERS)
    if args.database_url is not None:
        answers = build_answers(args.database_url)
    else:
        with tempfile.TemporaryDirectory(prefix="foedus-encoding-") as tmp:
            database = Path(tmp) / "shipped.db"
            print("[encoding] seeding the shipped data into a temporary file", file=sys.stderr)
            coldstart.seed(f"sqlite:///{database}", Path(tmp) / "seed.log")
            answers = build_answers(f"sqlite:///{database}")
    print("[encoding] timing", file=sys.stderr)
    timings = measure(answers, encoders, repeat=args.repeat, number=args.number)
    console = Console(width=None if sys.stdout.isatty() else 130)
    render(answers, timings, encoders, skipped, console)
    return 1 if any(t.same is False for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())

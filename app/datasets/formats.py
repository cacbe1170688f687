"""Readers for the research formats. Each yields one record per row or spell, or a row error.

A reader never writes: it turns lines into ``Row`` values (or ``RowError`` for a line it cannot
read), so that the importer can abort or skip as the user chooses.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.datasets.igo_columns import IGO_COLUMNS
from app.temporal import FuzzyDate, InvalidDate


@dataclass(frozen=True)
class Row:
    line: int
    group: str
    ccode: int
    state_name: str
    role: str
    start: str
    end: str | None
    phase: int = 0


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass(frozen=True)
class Format:
    key: str
    title: str
    citation: str


FORMATS = {
    "cow-alliance-v4.1": Format(
        "cow-alliance-v4.1",
        "COW Formal Alliances v4.1, member level",
        "Gibler, Douglas M. 2009. International Military Alliances, 1648-2008. Washington DC: "
        "CQ Press. Correlates of War Formal Alliances data set, version 4.1.",
    ),
    "atop-4.01": Format(
        "atop-4.01",
        "ATOP 4.01, member level",
        "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. "
        "2002. Alliance Treaty Obligations and Provisions, 1815-1944. International "
        "Interactions 28: 237-260. ATOP version 4.01.",
    ),
    "cow-igo-v3": Format(
        "cow-igo-v3",
        "COW Intergovernmental Organizations v3, IGO-year format",
        "Pevehouse, Jon C.W., Timothy Nordstrom, Roseanne W. McManus, and Anne Spencer Jamison. "
        "2020. Tracking Organizations in the World: The Correlates of War IGO Version 3.0 "
        "datasets. Journal of Peace Research 57(3).",
    ),
    "cow-states-2016": Format(
        "cow-states-2016",
        "COW State System Membership List v2016",
        "Correlates of War Project. 2017. State System Membership List, v2016.",
    ),
}
IGO_STATUS = {1: "member", 2: "associate_member", 3: "observer"}


def reduced(year: str, month: str, day: str) -> str:
    """A reduced date from COW/ATOP parts, where 0, -9 or blank mean "not known"."""
    parts = [int(float(p)) if p.strip() else 0 for p in (year, month, day)]
    y, m, d = parts
    known = [y] + ([m] if m > 0 else []) + ([d] if m > 0 and d > 0 else [])
    return str(FuzzyDate(*known))


def _int(value: str) -> int:
    return int(float(value))


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row


def read_cow_alliance(path: Path) -> Iterator[Row | RowError]:
    for line, r in _rows(path):
        try:
            end = (
                reduced(r["mem_end_year"], r["mem_end_month"], r["mem_end_day"])
                if r["mem_end_year"].strip()
                else None
            )
            yield Row(
                line,
                str(_int(r["version4id"])),
                _int(r["ccode"]),
                r["state_name"],
                "member",
                reduced(r["mem_st_year"], r["mem_st_month"], r["mem_st_day"]),
                end,
            )
        except (KeyError, ValueError, InvalidDate) as exc:
            yield RowError(line, f"cannot read the row: {exc}")


def read_atop(path: Path) -> Iterator[Row | RowError]:
    for line, r in _rows(path):
        try:
            end = reduced(r["yrexit"], r["moexit"], r["dayexit"]) if _int(r["yrexit"]) > 0 else None
            yield Row(
                line,
                str(_int(r["atopid"])),
                _int(r["member"]),
                "",
                "member",
                reduced(r["yrent"], r["moent"], r["dayent"]),
                end,
                _int(r["phase"]),
            )
        except (KeyError, ValueError, InvalidDate) as exc:
            yield RowError(line, f"cannot read the row: {exc}")


def read_cow_states(path: Path) -> Iterator[Row | RowError]:
    for line, r in _rows(path):
        try:
            yield Row(
                line,
                "system",
                _int(r["ccode"]),
                r["statenme"],
                "member",
                reduced(r["styear"], r["stmonth"], r["stday"]),
                reduced(r["endyear"], r["endmonth"], r["endday"]),
            )
        except (KeyError, ValueError, InvalidDate) as exc:
            yield RowError(line, f"cannot read the row: {exc}")


def read_cow_igo(path: Path) -> Iterator[Row | RowError]:
    """Runs of consecutive recorded years with one status become one spell (year precision).

    A spell ends with the first recorded year in another status. One still running when its
    IGO's records stop ends the year after (the IGO ended); one running into the data's last
    year stays open (right-censored).
    """
    spells: dict[tuple[str, str], tuple[int, int, int]] = {}  # (io, column) -> (line, status, year)
    last_year: dict[str, int] = {}
    out: list[Row | RowError] = []

    def close(io: str, column: str, end: int | None) -> None:
        line, status, first = spells.pop((io, column))
        out.append(
            Row(
                line,
                io,
                IGO_COLUMNS[column],
                column,
                IGO_STATUS[status],
                str(first),
                None if end is None else str(end),
            )
        )

    for line, r in _rows(path):
        try:
            io, year = r["ioname"], _int(r["year"])
            statuses = {c: _int(r[c]) if r[c].strip() else 0 for c in IGO_COLUMNS}
        except (KeyError, ValueError) as exc:
            out.append(RowError(line, f"cannot read the row: {exc}"))
            continue
        for column, status in statuses.items():
            spell = spells.get((io, column))
            if spell is not None and spell[1] != status:
                close(io, column, year)
            if status in IGO_STATUS and (io, column) not in spells:
                spells[(io, column)] = (line, status, year)
        last_year[io] = year
    final = max(last_year.values(), default=0)
    for io, column in list(spells):
        close(io, column, None if last_year[io] == final else last_year[io] + 1)
    yield from sorted(out, key=lambda x: x.line)


READERS = {
    "cow-alliance-v4.1": read_cow_alliance,
    "atop-4.01": read_atop,
    "cow-igo-v3": read_cow_igo,
    "cow-states-2016": read_cow_states,
}

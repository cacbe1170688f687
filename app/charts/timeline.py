"""Membership timeline charts as SVG text: one band per row, one bar per spell of participation."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from app.temporal import EndStatus, FuzzyDate

__all__ = ["Marker", "Row", "Spell", "category_of", "render", "shortened", "tick_step", "x_of"]

WIDTH = 960
PLOT_LEFT = 200.0
PLOT_RIGHT = 930.0  # leaves room for the open-end arrows
ROW_HEIGHT = 24
BAR_HEIGHT = 14
HEADER_TOP = 34  # below the title
LINE_HEIGHT = 15  # each marker and the at-line get their own header line, so labels never overlap
LEGEND_COLUMNS = 4
LEGEND_LINE = 20
MIN_TICK_GAP = 44.0  # pixels a year label needs
MAX_LABEL = 24
MIN_BAR = 3.0  # pixels: a one-day membership stays visible (its exact days are in the tooltip)

ROLES = {
    "founding_member": ("#1d3f8f", "Founding member"),
    "member": ("#4f8fd6", "Member"),
    "associate_member": ("#2a9d8f", "Associate member"),
    "observer": ("#e09f3e", "Observer"),
    "partner": ("#8e5ccf", "Partner or dialogue partner"),
}
PARTICIPATIONS = {
    "frozen": "Frozen",
    "suspended": "Suspended",
    "inactive": "Inactive",
    "outside_integrated_command": "Outside integrated command",
}
MARKS = {"imprecise": "Imprecise date", "open": "Continues", "unknown_end": "End not recorded"}
LABELS = {k: v for k, (_, v) in ROLES.items()} | PARTICIPATIONS | MARKS
OTHER_COLOUR = "#8c8c8c"  # roles this module does not know yet
NEUTRAL = "#9aa3ad"  # legend swatches that show a pattern, not a role
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_PATTERNS = {  # id: (rotation, content of a 6×6 tile)
    "imprecise": (
        45,
        '<rect width="6" height="6" fill="#fff" fill-opacity="0.5"/>'
        '<path d="M0 0V6" stroke="#222" stroke-width="1.5" stroke-opacity="0.6"/>',
    ),
    "frozen": (0, '<path d="M0 3H6M3 0V6" stroke="#e8f4ff" stroke-width="1.2"/>'),
    "suspended": (-45, '<path d="M0 0V6" stroke="#c1121f" stroke-width="2.5"/>'),
    "inactive": (0, '<rect width="6" height="6" fill="#fff" fill-opacity="0.6"/>'),
    "outside_integrated_command": (0, '<circle cx="3" cy="3" r="1.4" fill="#fff"/>'),
    "other": (0, '<path d="M0 3H6" stroke="#fff" stroke-width="1.5"/>'),
}
_FADE = '<stop offset="0" stop-color="{0}"/><stop offset="1" stop-color="{0}" stop-opacity="0"/>'
_Attrs = dict[str, str | float]
_STYLE = (
    ".axis{stroke:#555}.tick{stroke:#000;stroke-opacity:.1}.tick-label{text-anchor:middle}"
    ".label{text-anchor:end}.stripe{fill-opacity:.04}.chart-title{font-size:16px;font-weight:bold}"
    ".marker line{stroke:#333;stroke-dasharray:4 3}.at{stroke:#c1121f;stroke-width:1.5}"
)
_ROOT: _Attrs = {
    "xmlns": "http://www.w3.org/2000/svg",
    "role": "img",
    "font_family": "system-ui, sans-serif",
    "font_size": 12,
    "style": "max-width:100%;height:auto",  # scales down to a phone's width through the viewBox
}


@dataclass(frozen=True)
class Spell:
    """One stretch of a state's participation to draw; ``end`` is exclusive."""

    start: FuzzyDate
    end: FuzzyDate | None  # None when end_status is open or unknown
    end_status: EndStatus
    role: str
    founding: bool = False
    participation: str = "active"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    spells: tuple[Spell, ...]


@dataclass(frozen=True)
class Marker:
    when: FuzzyDate
    label: str


def x_of(day: date, first: date, last: date) -> float:
    """The x of the left edge of ``day`` on a chart of the days ``first``..``last``."""
    return _scale(day.toordinal(), first.toordinal(), last.toordinal() + 1)


def _scale(ordinal: int, lo: int, hi: int) -> float:
    return round(PLOT_LEFT + (ordinal - lo) / (hi - lo) * (PLOT_RIGHT - PLOT_LEFT), 2)


def tick_step(first: date, last: date) -> int:
    """Years between axis labels: the smallest usual step whose labels do not overlap."""
    years = last.year - first.year + 1
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if years / step * MIN_TICK_GAP <= PLOT_RIGHT - PLOT_LEFT:
            return step
    return 2000


def category_of(spell: Spell) -> str:
    """The legend category of a spell's role (its colour)."""
    if spell.founding and spell.role == "member":
        return "founding_member"
    return "partner" if spell.role == "dialogue_partner" else spell.role


def _esc(text: str) -> str:
    return html.escape(_CONTROL.sub("", text), quote=True)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _tag(name: str, body: str | None = None, /, **attrs: str | float) -> str:
    """An element; ``class_`` is written ``class`` and ``data_end`` is written ``data-end``."""
    text = " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{_esc(v) if isinstance(v, str) else _num(v)}"'
        for k, v in attrs.items()
    )
    return f"<{name} {text}/>" if body is None else f"<{name} {text}>{body}</{name}>"


def _label(category: str) -> str:
    return LABELS.get(category, category.replace("_", " ").capitalize())


def _arrow(x: float, top: float, bottom: float, colour: str, cls: str = "open-end") -> str:
    corners = ((x, top), (x + 8, (top + bottom) / 2), (x, bottom))
    points = " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)
    return _tag("polygon", class_=cls, points=points, fill=colour)


@dataclass
class _Chart:
    """The scale of one chart, and what drawing its rows added to ``<defs>`` and the legend."""

    lo: int  # the first day's ordinal
    hi: int  # the ordinal after the last day
    defs: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def x(self, ordinal: int) -> float:
        return _scale(min(max(ordinal, self.lo), self.hi), self.lo, self.hi)

    def rect(
        self, lo: int, hi: int, y: float, body: str | None = None, least: float = 0, /, **attrs: str
    ) -> str:
        """A bar over the days [lo, hi) clipped to the chart, at least ``least`` pixels wide;
        empty when nothing is left."""
        if max(lo, self.lo) >= min(hi, self.hi):
            return ""
        left, width = self.x(lo), round(max(self.x(hi) - self.x(lo), least), 2)
        left = round(min(left, PLOT_RIGHT - width), 2)  # widened, it still ends on the chart
        return _tag("rect", body, x=left, y=y, width=width, height=BAR_HEIGHT, **attrs)

    def row(self, index: int, row: Row, top: float) -> str:
        parts = [f"<title>{_esc(row.label)}</title>"]  # the whole name on hover
        if index % 2:  # zebra stripes guide the eye from label to bars
            parts.append(_tag("rect", class_="stripe", x=0, y=top, width=WIDTH, height=ROW_HEIGHT))
        label_at = {"x": PLOT_LEFT - 8, "y": top + 16}
        parts.append(_tag("text", _esc(shortened(row.label)), class_="label", **label_at))
        y = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        parts += (self.spell(f"{index}-{n}", s, row.label, y) for n, s in enumerate(row.spells))
        return _tag("g", "".join(parts), class_="row", data_key=row.key)

    def spell(self, ident: str, spell: Spell, label: str, y: float) -> str:
        s_lo, s_hi = spell.start.earliest.toordinal(), spell.start.latest.toordinal()
        e_lo, e_hi = self.hi, self.hi
        if spell.end is not None:
            e_lo, e_hi = spell.end.earliest.toordinal(), spell.end.latest.toordinal()
        role = category_of(spell)
        colour = ROLES.get(role, (OTHER_COLOUR, ""))[0]
        tip = f"<title>{_esc(_describe(spell, label))}</title>"
        bar = {"class_": "bar", "fill": colour, **_data(spell)}
        parts = [self.rect(s_lo, e_hi, y, tip, MIN_BAR, **bar)]
        if not parts[0]:
            return ""
        self.used.add(role)
        if spell.participation != "active":
            self.used.add(spell.participation)
            tile = spell.participation if spell.participation in _PATTERNS else "other"
            overlay = {"data_participation": spell.participation, "fill": f"url(#p-{tile})"}
            parts.append(self.rect(s_lo, e_hi, y, class_="participation", **overlay))
        for lo, hi in ((s_lo, s_hi), (e_lo, e_hi)):
            if area := self.rect(lo, hi, y, class_="imprecise", fill="url(#p-imprecise)"):
                self.used.add("imprecise")
                parts.append(area)
        mask = {}
        if spell.end is None and spell.end_status is EndStatus.OPEN:
            self.used.add("open")
            parts.append(_arrow(PLOT_RIGHT, y - 2, y + BAR_HEIGHT + 2, colour))
        elif spell.end is None:
            self.used.add("unknown_end")
            self.defs.append(_fade(ident, self.x(s_hi), y))
            mask = {"mask": f"url(#mask-{ident})"}
        return _tag("g", "".join(parts), class_="spell", **mask)


def shortened(label: str) -> str:
    """A label that fits the label column, cut between words ("Commonwealth of Independent…"),
    never inside one unless a single word is too long."""
    if len(label) <= MAX_LABEL:
        return label
    head = label[: MAX_LABEL - 1]
    if " " in head and label[MAX_LABEL - 1] != " ":
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-") + "…"


def _data(spell: Spell) -> dict[str, str]:
    return {
        "data_role": spell.role,
        "data_participation": spell.participation,
        "data_start": str(spell.start),
        "data_end": "" if spell.end is None else str(spell.end),
        "data_end_status": str(spell.end_status),
    }


def _describe(spell: Spell, label: str) -> str:
    unsaid = "open" if spell.end_status is EndStatus.OPEN else "unknown_end"
    end = _label(unsaid).lower() if spell.end is None else str(spell.end)
    state = "" if spell.participation == "active" else f" ({_label(spell.participation)})"
    return f"{label}: {_label(category_of(spell))}{state}, {spell.start} – {end}"


def _fade(ident: str, start: float, y: float) -> str:
    """A mask fading a spell out from its latest possible start to the chart's right edge."""
    end = max(PLOT_RIGHT, start + 40)  # a start at the right edge still fades, past it
    units: _Attrs = {"gradientUnits": "userSpaceOnUse", "y1": 0, "y2": 0}
    ramp = _tag(
        "linearGradient", _FADE.format("#fff"), id=f"fade-{ident}", x1=start, x2=end, **units
    )
    area: _Attrs = {"x": 0, "y": y - 4, "width": WIDTH, "height": BAR_HEIGHT + 8}
    return ramp + _tag("mask", _tag("rect", fill=f"url(#fade-{ident})", **area), id=f"mask-{ident}")


def _defs(extra: list[str]) -> str:
    tile: _Attrs = {"width": 6, "height": 6, "patternUnits": "userSpaceOnUse"}
    tiles = "".join(
        _tag("pattern", body, id=f"p-{name}", patternTransform=f"rotate({turn})", **tile)
        for name, (turn, body) in _PATTERNS.items()
    )
    legend_fade = _tag("linearGradient", _FADE.format(NEUTRAL), id="fade-legend")
    return f"<style>{_STYLE}</style><defs>{tiles}{legend_fade}{''.join(extra)}</defs>"


def _axis(first: date, last: date, top: float, bottom: float) -> str:
    step = tick_step(first, last)
    parts = [_tag("line", class_="axis", x1=PLOT_LEFT, x2=PLOT_RIGHT, y1=bottom, y2=bottom)]
    for year in range(first.year, last.year + 1):
        if year % step or not first <= date(year, 1, 1) <= last:
            continue
        x = x_of(date(year, 1, 1), first, last)
        parts.append(_tag("line", class_="tick", x1=x, x2=x, y1=top, y2=bottom + 4))
        parts.append(_tag("text", str(year), class_="tick-label", x=x, y=bottom + 16))
    return "".join(parts)


def _flag(line: int, x: float, bottom: float, text: str, **attrs: str) -> str:
    """A vertical line down to ``bottom``, labelled on its own header line."""
    y = HEADER_TOP + (line + 1) * LINE_HEIGHT - 4
    left = x < (PLOT_LEFT + PLOT_RIGHT) / 2  # the label runs towards the middle, not off the edge
    anchor: _Attrs = (
        {"x": x + 4, "text_anchor": "start"} if left else {"x": x - 4, "text_anchor": "end"}
    )
    label = _tag("text", _esc(text), y=y, **anchor)
    return _tag("line", x1=x, x2=x, y1=y - 10, y2=bottom, **attrs) + label


def _legend(used: set[str], top: float) -> str:
    known = [*ROLES, *PARTICIPATIONS, *MARKS]
    parts = []
    for n, category in enumerate([c for c in known if c in used] + sorted(used - set(known))):
        x = 16 + (n % LEGEND_COLUMNS) * (WIDTH - 32) / LEGEND_COLUMNS
        y = top + (n // LEGEND_COLUMNS) * LEGEND_LINE
        body = _swatch(category, x, y) + _tag("text", _esc(_label(category)), x=x + 30, y=y + 10)
        parts.append(_tag("g", body, class_="legend-item", data_category=category))
    return "".join(parts)


def _swatch(category: str, x: float, y: float) -> str:
    box: dict[str, float] = {"x": x, "y": y, "width": 18, "height": 10}
    if category in ROLES or category not in LABELS:
        return _tag("rect", fill=ROLES.get(category, (OTHER_COLOUR, ""))[0], **box)
    if category == "unknown_end":
        return _tag("rect", fill="url(#fade-legend)", **box)
    base = _tag("rect", fill=NEUTRAL, **box)
    if category == "open":
        return base + _arrow(x + 18, y - 1, y + 11, NEUTRAL, "swatch")
    return base + _tag("rect", fill=f"url(#p-{category})", **box)


def render(
    title: str,
    rows: Sequence[Row],
    *,
    first: date,
    last: date,
    at: date | None = None,
    markers: Sequence[Marker] = (),
) -> str:
    """SVG text of the chart from ``first`` to ``last`` (inclusive days)."""
    if last < first:
        raise ValueError(f"the chart ends ({last}) before it starts ({first})")
    chart = _Chart(first.toordinal(), last.toordinal() + 1)
    shown = [m for m in markers if m.when.earliest <= last and first <= m.when.latest]
    at = at if at is not None and first <= at <= last else None
    top = HEADER_TOP + (len(shown) + (at is not None)) * LINE_HEIGHT + 6
    bottom = top + len(rows) * ROW_HEIGHT
    body = [chart.row(n, row, top + n * ROW_HEIGHT) for n, row in enumerate(rows)]
    for n, m in enumerate(shown, start=at is not None):
        line = _flag(n, chart.x(m.when.earliest.toordinal()), bottom, f"{m.label} ({m.when})")
        body.append(_tag("g", line, class_="marker", data_date=str(m.when)))
    if at is not None:
        day = at.isoformat()
        body.append(_flag(0, x_of(at, first, last), bottom, day, class_="at", data_date=day))
    height = bottom + 34 + -(-len(chart.used) // LEGEND_COLUMNS) * LEGEND_LINE
    desc = f"{len(rows)} rows from {first.isoformat()} to {last.isoformat()}"
    content = f"<title>{_esc(title)}</title><desc>{_esc(desc)}</desc>{_defs(chart.defs)}"
    content += _tag("text", _esc(title), class_="chart-title", x=16, y=22)
    content += _axis(first, last, top, bottom) + "".join(body) + _legend(chart.used, bottom + 32)
    size: _Attrs = {"viewBox": f"0 0 {WIDTH} {height}", "width": WIDTH, "height": height}
    return _tag("svg", content, aria_label=title, **size, **_ROOT) + "\n"

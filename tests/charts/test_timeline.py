"""The membership timeline chart: its scale, bars, clipping, imprecise dates, lines and legend."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date

import pytest

from app.charts.timeline import (
    BAR_HEIGHT,
    MIN_BAR,
    PLOT_LEFT,
    PLOT_RIGHT,
    ROW_HEIGHT,
    Marker,
    Row,
    Spell,
    category_of,
    render,
    tick_step,
    x_of,
)
from app.temporal import EndStatus, FuzzyDate

NS = "{http://www.w3.org/2000/svg}"
FIRST, LAST = date(1990, 1, 1), date(2019, 12, 31)
CLOSED, OPEN, UNKNOWN = EndStatus.CLOSED, EndStatus.OPEN, EndStatus.UNKNOWN


def spell(
    start: str,
    end: str | None = None,
    status: EndStatus | None = None,
    role: str = "member",
    founding: bool = False,
    participation: str = "active",
) -> Spell:
    status = status or (CLOSED if end else OPEN)
    end_date = FuzzyDate.parse(end) if end else None
    return Spell(FuzzyDate.parse(start), end_date, status, role, founding, participation)


def chart(*spells: Spell, at: date | None = None, markers: Sequence[Marker] = ()) -> ET.Element:
    """The parsed chart of one row, ARM, holding ``spells``."""
    rows = [Row("ARM", "Armenia", spells)]
    return ET.fromstring(render("T", rows, first=FIRST, last=LAST, at=at, markers=markers))


def all_of(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(NS + tag) if cls in (e.get("class") or "").split()]


def one(root: ET.Element, tag: str, cls: str) -> ET.Element:
    (found,) = all_of(root, tag, cls)
    return found


def child(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(NS + tag)
    assert found is not None
    return found


def right_edge(rect: ET.Element) -> float:
    return round(float(rect.get("x", "")) + float(rect.get("width", "")), 2)


def legend(root: ET.Element) -> list[str]:
    return [e.get("data-category", "") for e in all_of(root, "g", "legend-item")]


def day(text: str) -> date:
    return date.fromisoformat(text)


# the scale


@pytest.mark.parametrize(
    ("when", "first", "last", "x"),
    [
        (FIRST, FIRST, LAST, PLOT_LEFT),
        (date(2020, 1, 1), FIRST, LAST, PLOT_RIGHT),  # the day after the last ends the plot
        (date(2000, 1, 2), date(2000, 1, 1), date(2000, 1, 2), (PLOT_LEFT + PLOT_RIGHT) / 2),
        (date(2000, 1, 1), date(2000, 1, 1), date(2000, 1, 1), PLOT_LEFT),
        (date(1989, 12, 31), FIRST, LAST, round(PLOT_LEFT - (PLOT_RIGHT - PLOT_LEFT) / 10957, 2)),
    ],
)
def test_x_of_maps_the_chart_days_onto_the_plot(
    when: date, first: date, last: date, x: float
) -> None:
    assert x_of(when, first, last) == x


def test_x_of_is_increasing_by_day() -> None:
    xs = [x_of(date(2000, 1, d), FIRST, LAST) for d in range(1, 31)]
    assert xs == sorted(set(xs))


@pytest.mark.parametrize(
    ("first", "last", "step"),
    [
        (date(2000, 3, 1), date(2000, 9, 1), 1),
        (date(1990, 1, 1), date(2004, 12, 31), 1),
        (FIRST, LAST, 2),
        (date(1945, 1, 1), date(2024, 12, 31), 5),
        (date(1920, 1, 1), date(2019, 12, 31), 10),
        (date(1815, 1, 1), date(2024, 12, 31), 20),
    ],
)
def test_tick_step_keeps_year_labels_apart(first: date, last: date, step: int) -> None:
    assert tick_step(first, last) == step


def test_axis_labels_every_step_years_at_their_first_day() -> None:
    root = chart()
    labels = all_of(root, "text", "tick-label")
    assert [e.text for e in labels] == [str(y) for y in range(1990, 2020, 2)]
    assert [float(e.get("x", "")) for e in labels] == [
        x_of(date(y, 1, 1), FIRST, LAST) for y in range(1990, 2020, 2)
    ]


# rows and bars


def test_rows_come_in_order_with_their_keys_and_labels() -> None:
    rows = [Row("RUS", "Russia", ()), Row("ARM", "Armenia", ()), Row("nato", "NATO", ())]
    root = ET.fromstring(render("T", rows, first=FIRST, last=LAST))
    groups = all_of(root, "g", "row")
    assert [g.get("data-key") for g in groups] == ["RUS", "ARM", "nato"]
    assert [one(g, "text", "label").text for g in groups] == ["Russia", "Armenia", "NATO"]


@pytest.mark.parametrize(
    ("given", "attributes"),
    [
        (
            spell("1992-05-15", "1999-04-21", founding=True),
            ("member", "active", "1992-05-15", "1999-04-21", "closed"),
        ),
        (spell("1994", role="observer"), ("observer", "active", "1994", "", "open")),
        (
            spell("2003-02", status=UNKNOWN, role="dialogue_partner", participation="suspended"),
            ("dialogue_partner", "suspended", "2003-02", "", "unknown"),
        ),
    ],
)
def test_a_bar_carries_its_spell_as_data(given: Spell, attributes: tuple[str, ...]) -> None:
    bar = one(chart(given), "rect", "bar")
    names = ("data-role", "data-participation", "data-start", "data-end", "data-end-status")
    assert tuple(bar.get(name) for name in names) == attributes


def test_a_closed_bar_runs_from_its_start_to_its_end() -> None:
    bar = one(chart(spell("1992-05-15", "1999-04-21")), "rect", "bar")
    assert float(bar.get("x", "")) == x_of(day("1992-05-15"), FIRST, LAST)
    assert right_edge(bar) == x_of(day("1999-04-21"), FIRST, LAST)
    assert float(bar.get("height", "")) == BAR_HEIGHT


def test_each_spell_of_a_row_is_a_bar_in_that_row() -> None:
    row = one(chart(spell("1992", "1999"), spell("2001", role="observer")), "g", "row")
    assert [b.get("data-role") for b in all_of(row, "rect", "bar")] == ["member", "observer"]


@pytest.mark.parametrize(
    ("role", "founding", "category"),
    [
        ("member", True, "founding_member"),
        ("member", False, "member"),
        ("associate_member", False, "associate_member"),
        ("observer", True, "observer"),  # only a member is a founding member
        ("partner", False, "partner"),
        ("dialogue_partner", False, "partner"),
    ],
)
def test_category_of_a_role(role: str, founding: bool, category: str) -> None:
    assert category_of(spell("1992", role=role, founding=founding)) == category


def test_each_role_category_has_its_own_colour() -> None:
    roles = [("member", True), ("member", False), ("associate_member", False)]
    roles += [("observer", False), ("partner", False)]
    bars = all_of(chart(*(spell("1992", role=r, founding=f) for r, f in roles)), "rect", "bar")
    assert len({b.get("fill") for b in bars}) == 5


# clipping


@pytest.mark.parametrize(
    ("given", "left", "right"),
    [
        (spell("1980-01-01", "1985-01-01"), None, None),  # wholly before
        (spell("2021-01-01", "2022-01-01"), None, None),  # wholly after
        (spell("2021", status=UNKNOWN), None, None),
        (spell("1980-01-01", "1990-01-01"), None, None),  # ends the day the chart starts
        (spell("1980-01-01", "1995-01-01"), PLOT_LEFT, x_of(date(1995, 1, 1), FIRST, LAST)),
        (spell("2010-01-01", "2030-01-01"), x_of(date(2010, 1, 1), FIRST, LAST), PLOT_RIGHT),
        (spell("1980-01-01", "2030-01-01"), PLOT_LEFT, PLOT_RIGHT),
        # starts on the last day: widened to stay visible, still ending on the chart
        (spell("2019-12-31"), PLOT_RIGHT - MIN_BAR, PLOT_RIGHT),
    ],
)
def test_bars_are_clipped_to_the_chart(
    given: Spell, left: float | None, right: float | None
) -> None:
    bars = all_of(chart(given), "rect", "bar")
    if left is None:
        assert bars == []
    else:
        (bar,) = bars
        assert (float(bar.get("x", "")), right_edge(bar)) == (left, right)


def test_spells_outside_the_chart_leave_no_trace_in_the_legend() -> None:
    root = chart(spell("1970", "1975", role="observer", participation="frozen"))
    assert all_of(root, "g", "spell") == []
    assert legend(root) == []


# open and unknown ends


def test_an_open_spell_reaches_the_last_day_with_an_arrow() -> None:
    root = chart(spell("1995-01-01"))
    assert right_edge(one(root, "rect", "bar")) == PLOT_RIGHT
    points = one(root, "polygon", "open-end").get("points", "")
    assert points.split()[1].split(",")[0] == str(int(PLOT_RIGHT + 8))


def test_a_closed_spell_has_no_arrow_and_no_fade() -> None:
    root = chart(spell("1995-01-01", "2000-01-01"))
    assert all_of(root, "polygon", "open-end") == []
    assert one(root, "g", "spell").get("mask") is None


def test_an_unknown_end_fades_out_from_the_latest_start_to_the_last_day() -> None:
    root = chart(spell("1995", status=UNKNOWN))
    group = one(root, "g", "spell")
    assert right_edge(one(group, "rect", "bar")) == PLOT_RIGHT
    assert all_of(root, "polygon", "open-end") == []
    mask_id = group.get("mask", "").removeprefix("url(#").removesuffix(")")
    masks = {m.get("id"): m for m in root.iter(NS + "mask")}
    (area,) = masks[mask_id]
    gradient_id = area.get("fill", "").removeprefix("url(#").removesuffix(")")
    gradients = {g.get("id"): g for g in root.iter(NS + "linearGradient")}
    gradient = gradients[gradient_id]
    assert gradient.get("gradientUnits") == "userSpaceOnUse"
    assert float(gradient.get("x1", "")) == x_of(date(1995, 12, 31), FIRST, LAST)
    assert float(gradient.get("x2", "")) == PLOT_RIGHT
    stops = gradient.findall(NS + "stop")
    assert [s.get("stop-opacity") for s in stops] == [None, "0"]


def test_fades_of_several_spells_have_distinct_ids() -> None:
    root = chart(spell("1991", status=UNKNOWN), spell("2001", status=UNKNOWN, role="observer"))
    masks = [g.get("mask") for g in all_of(root, "g", "spell")]
    assert len(set(masks)) == 2
    assert None not in masks


# imprecise dates


@pytest.mark.parametrize(
    ("given", "stretches"),
    [
        (spell("1995", "2000-01-01"), [("1995-01-01", "1995-12-31")]),
        (spell("1995-02", "2000-01-01"), [("1995-02-01", "1995-02-28")]),
        (spell("1995-02-03", "2005-06"), [("2005-06-01", "2005-06-30")]),
        (spell("1995", "2005"), [("1995-01-01", "1995-12-31"), ("2005-01-01", "2005-12-31")]),
        (spell("1995-02-03", "2005-06-07"), []),
        (spell("1995-02-03"), []),
        (spell("1989"), []),  # the doubt lies wholly before the chart
        (spell("1980", "2019"), [("2019-01-01", "2019-12-31")]),
        (spell("2019", status=UNKNOWN), [("2019-01-01", "2019-12-31")]),
    ],
)
def test_an_imprecise_bound_is_hatched_where_it_may_lie(
    given: Spell, stretches: list[tuple[str, str]]
) -> None:
    areas = all_of(chart(given), "rect", "imprecise")
    expected = [(x_of(day(a), FIRST, LAST), x_of(day(b), FIRST, LAST)) for a, b in stretches]
    assert [(float(r.get("x", "")), right_edge(r)) for r in areas] == expected
    assert all(r.get("fill") == "url(#p-imprecise)" for r in areas)


def test_a_year_only_start_is_hatched_over_that_year() -> None:
    (area,) = all_of(chart(spell("1995")), "rect", "imprecise")
    start, end = x_of(date(1995, 1, 1), FIRST, LAST), x_of(date(1995, 12, 31), FIRST, LAST)
    assert float(area.get("x", "")) == start
    assert float(area.get("width", "")) == round(end - start, 2)
    assert end - start == pytest.approx((PLOT_RIGHT - PLOT_LEFT) * 364 / 10957, abs=0.01)


def test_an_imprecise_area_is_clipped_to_the_chart() -> None:
    first = date(1995, 6, 15)
    svg = render("T", [Row("A", "A", (spell("1995", "2000-01-01"),))], first=first, last=LAST)
    area = one(ET.fromstring(svg), "rect", "imprecise")
    assert (float(area.get("x", "")), right_edge(area)) == (
        PLOT_LEFT,
        x_of(date(1995, 12, 31), first, LAST),
    )


# participation


@pytest.mark.parametrize("state", ["frozen", "suspended", "inactive", "outside_integrated_command"])
def test_a_participation_state_gets_its_own_overlay_and_category(state: str) -> None:
    root = chart(spell("1995-01-01", "2000-01-01", participation=state))
    bar, overlay = one(root, "rect", "bar"), one(root, "rect", "participation")
    assert overlay.get("data-participation") == state
    assert overlay.get("fill") == f"url(#p-{state})"
    assert [overlay.get(k) for k in ("x", "width")] == [bar.get(k) for k in ("x", "width")]
    assert f"p-{state}" in {p.get("id") for p in root.iter(NS + "pattern")}
    assert legend(root) == ["member", state]


def test_an_active_spell_has_no_overlay() -> None:
    assert all_of(chart(spell("1995-01-01", "2000-01-01")), "rect", "participation") == []


# the at-line and markers


def test_the_at_line_crosses_all_rows_at_its_day() -> None:
    rows = [Row("A", "A", ()), Row("B", "B", ())]
    text = render("T", rows, first=FIRST, last=LAST, at=date(1995, 6, 1))
    root = ET.fromstring(text)
    line = one(root, "line", "at")
    assert line.get("data-date") == "1995-06-01"
    x = x_of(date(1995, 6, 1), FIRST, LAST)
    assert (float(line.get("x1", "")), float(line.get("x2", ""))) == (x, x)
    stripes = all_of(root, "rect", "stripe")  # the second row's band ends where the rows end
    row_end = float(stripes[-1].get("y", "")) + ROW_HEIGHT
    assert float(line.get("y1", "")) < float(all_of(root, "text", "label")[0].get("y", ""))
    assert float(line.get("y2", "")) == row_end
    assert "1995-06-01" in [t.text for t in root.iter(NS + "text")]


@pytest.mark.parametrize("at", [None, date(1989, 12, 31), date(2020, 1, 1)])
def test_no_at_line_unless_given_within_the_chart(at: date | None) -> None:
    assert all_of(chart(spell("1995"), at=at), "line", "at") == []


def test_markers_are_dashed_lines_labelled_at_the_top() -> None:
    markers = [
        Marker(FuzzyDate.parse("2002-10-07"), "Collective Security Treaty Organization"),
        Marker(FuzzyDate.parse("1994"), "A <renaming> & more"),
    ]
    root = chart(spell("1992-05-15"), markers=markers)
    groups = all_of(root, "g", "marker")
    assert [g.get("data-date") for g in groups] == ["2002-10-07", "1994"]
    assert [g.findtext(NS + "text") for g in groups] == [
        "Collective Security Treaty Organization (2002-10-07)",
        "A <renaming> & more (1994)",
    ]
    xs = [float(child(g, "line").get("x1", "")) for g in groups]
    assert xs == [x_of(date(2002, 10, 7), FIRST, LAST), x_of(date(1994, 1, 1), FIRST, LAST)]
    label_ys = [float(child(g, "text").get("y", "")) for g in groups]
    assert label_ys[0] != label_ys[1]  # each label on its own line
    assert "marker" not in legend(root)


@pytest.mark.parametrize(
    "markers",
    [
        [],
        [Marker(FuzzyDate.parse("1985"), "before")],
        [Marker(FuzzyDate.parse("2020-01-01"), "after")],
    ],
)
def test_no_marker_unless_given_within_the_chart(markers: list[Marker]) -> None:
    assert all_of(chart(spell("1995"), markers=markers), "g", "marker") == []


def test_a_marker_whose_year_straddles_the_start_is_drawn_at_the_start() -> None:
    root = ET.fromstring(
        render("T", [], first=date(1990, 6, 1), last=LAST, markers=[Marker(FuzzyDate(1990), "m")])
    )
    line = child(one(root, "g", "marker"), "line")
    assert float(line.get("x1", "")) == PLOT_LEFT


# the legend


@pytest.mark.parametrize(
    ("spells", "categories"),
    [
        ([], []),
        ([spell("1992-05-15", "1999-04-21")], ["member"]),
        ([spell("1992-05-15", founding=True)], ["founding_member", "open"]),
        (
            [spell("1995", status=UNKNOWN, role="dialogue_partner")],
            ["partner", "imprecise", "unknown_end"],
        ),
        (
            [
                spell("1999-01-01", "2000-01-01", role="observer", participation="inactive"),
                spell("1991-01-01", "1992-01-01", role="associate_member"),
                spell("2001-01-01", "2002-01-01", participation="frozen"),
                spell("2002-01-01", "2003-01-01", participation="suspended"),
                spell("2003-01-01", "2004-01-01", participation="outside_integrated_command"),
                spell("2004-01-01", "2005-01-01", role="partner", founding=True),
            ],
            [
                "member",
                "associate_member",
                "observer",
                "partner",
                "frozen",
                "suspended",
                "inactive",
                "outside_integrated_command",
            ],
        ),
        ([spell("1992-05-15", "2000-01-01", role="guest")], ["guest"]),
    ],
)
def test_the_legend_lists_exactly_the_categories_drawn(
    spells: list[Spell], categories: list[str]
) -> None:
    assert legend(chart(*spells)) == categories


def test_an_unknown_role_is_drawn_grey_and_named_in_the_legend() -> None:
    root = chart(spell("1992-05-15", "2000-01-01", role="special_guest"))
    assert one(root, "rect", "bar").get("fill") == "#8c8c8c"
    assert one(root, "g", "legend-item").findtext(NS + "text") == "Special guest"


def test_more_categories_make_the_chart_taller() -> None:
    def height(*spells: Spell) -> float:
        return float(chart(*spells).get("height", ""))

    roles = ("member", "observer", "partner", "associate_member", "x")
    one_line = height(*(spell("1992-01-01", "1993-01-01", role=r) for r in roles[:4]))
    two_lines = height(*(spell("1992-01-01", "1993-01-01", role=r) for r in roles))
    assert two_lines - one_line == 20


# the document


def test_the_svg_is_accessible_and_scales_by_its_view_box() -> None:
    root = chart(spell("1995"))
    assert root.tag == NS + "svg"
    assert (root.get("role"), root.get("aria-label")) == ("img", "T")
    assert root.findtext(NS + "title") == "T"
    assert root.get("width") == "960"
    assert root.get("viewBox") == f"0 0 960 {root.get('height')}"


def test_each_row_adds_a_row_height() -> None:
    def height(n: int) -> float:
        rows = [Row(str(i), str(i), (spell("1995-01-01"),)) for i in range(n)]
        return float(ET.fromstring(render("T", rows, first=FIRST, last=LAST)).get("height", ""))

    assert height(5) - height(2) == 3 * ROW_HEIGHT


@pytest.mark.parametrize(
    "text",
    ["Bosnia & Herzegovina", "<script>alert(1)</script>", "a \"quoted\" 'name'", "x\x00\x1fy"],
)
def test_labels_and_titles_are_escaped(text: str) -> None:
    clean = text.replace("\x00", "").replace("\x1f", "")
    rows = [Row(text, text, (spell("1995-01-01"),))]
    svg = render(text, rows, first=FIRST, last=LAST, markers=[Marker(FuzzyDate(2000), text)])
    root = ET.fromstring(svg)
    assert "<script>" not in svg
    assert root.findtext(NS + "title") == clean
    assert root.get("aria-label") == clean
    row = one(root, "g", "row")
    assert (row.get("data-key"), row.findtext(NS + "title")) == (clean, clean)
    assert one(row, "text", "label").text == (clean if len(clean) <= 24 else clean[:23] + "…")
    assert one(root, "g", "marker").findtext(NS + "text") == f"{clean} (2000)"


def test_a_long_label_is_shortened_but_kept_whole_in_the_row_title() -> None:
    name = "Democratic Republic of the Congo"
    root = ET.fromstring(render("T", [Row("COD", name, ())], first=FIRST, last=LAST))
    row = one(root, "g", "row")
    assert one(row, "text", "label").text == "Democratic Republic of…"  # cut between words
    assert row.findtext(NS + "title") == name


def test_the_same_input_gives_the_same_text() -> None:
    rows = [
        Row("ARM", "Armenia", (spell("1992", "1999-04-21", founding=True), spell("2003"))),
        Row("UZB", "Uzbekistan", (spell("1994", status=UNKNOWN, participation="suspended"),)),
    ]
    markers = [Marker(FuzzyDate.parse("2002-10-07"), "CSTO")]

    def draw() -> str:
        return render("CST", rows, first=FIRST, last=LAST, at=date(2000, 1, 1), markers=markers)

    assert draw() == draw()


def test_an_empty_chart_is_a_valid_svg_with_its_title() -> None:
    root = ET.fromstring(render("No members", [], first=FIRST, last=LAST))
    assert root.findtext(NS + "title") == "No members"
    assert one(root, "text", "chart-title").text == "No members"
    assert all_of(root, "g", "row") == []
    assert legend(root) == []
    assert len(all_of(root, "text", "tick-label")) == 15


def test_a_one_day_chart_renders() -> None:
    root = ET.fromstring(
        render(
            "T", [Row("A", "A", (spell("1995"),))], first=date(1995, 6, 1), last=date(1995, 6, 1)
        )
    )
    bar = one(root, "rect", "bar")
    assert (float(bar.get("x", "")), right_edge(bar)) == (PLOT_LEFT, PLOT_RIGHT)


def test_a_chart_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        render("T", [], first=LAST, last=FIRST)


@pytest.mark.parametrize(
    ("given", "tip"),
    [
        (
            spell("1992-05-15", "1999-04-21", founding=True),
            "Armenia: Founding member, 1992-05-15 – 1999-04-21",
        ),
        (spell("2000", participation="frozen"), "Armenia: Member (Frozen), 2000 – continues"),
        (
            spell("2004", status=UNKNOWN, role="observer"),
            "Armenia: Observer, 2004 – end not recorded",
        ),
    ],
)
def test_a_bar_tells_its_spell_on_hover(given: Spell, tip: str) -> None:
    assert one(chart(given), "rect", "bar").findtext(NS + "title") == tip


def test_a_one_day_membership_stays_visible() -> None:
    (bar,) = all_of(chart(spell("2001-06-14", "2001-06-15")), "rect", "bar")
    assert float(bar.get("width") or 0) == MIN_BAR
    assert "2001-06-14" in (bar.findtext(NS + "title") or "")

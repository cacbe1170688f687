"""The question parser, phrasing by phrasing: intents, names, dates and the questions it refuses."""

from __future__ import annotations

import pytest

from app.ask.parser import EXAMPLES, Interpretation, Names, Unparsed, parse

ORGANIZATIONS = {
    "Collective Security Treaty Organization": "csto",
    "Collective Security Treaty": "csto",
    "CSTO": "csto",
    "CST": "csto",
    "Tashkent Pact": "csto",
    "ОДКБ": "csto",
    "North Atlantic Treaty Organization": "nato",
    "NATO": "nato",
    "OTAN": "nato",
    "Organisation du Traité de l'Atlantique Nord": "nato",
    "Commonwealth of Independent States": "cis",
    "CIS": "cis",
    "Содружество Независимых Государств": "cis",
    "Warsaw Pact": "warsaw-pact",
    "Warsaw Treaty Organization": "warsaw-pact",
    "Shanghai Cooperation Organisation": "sco",
    "SCO": "sco",
    "European Union": "eu",
    "EU": "eu",
    "Union européenne": "eu",
}

STATES = {
    "Georgia": "GEO",
    "GEO": "GEO",
    "GE": "GEO",
    "Uzbekistan": "UZB",
    "UZB": "UZB",
    "UZ": "UZB",
    "Belarus": "BLR",
    "BLR": "BLR",
    "BY": "BLR",
    "Armenia": "ARM",
    "ARM": "ARM",
    "AM": "ARM",
    "Russia": "RUS",
    "Russian Federation": "RUS",
    "RUS": "RUS",
    "RU": "RUS",
    "United Kingdom": "GBR",
    "UK": "GBR",
    "Britain": "GBR",
    "GBR": "GBR",
    "GB": "GBR",
    "United States": "USA",
    "United States of America": "USA",
    "USA": "USA",
    "US": "USA",
    "America": "USA",
    "Finland": "FIN",
    "FIN": "FIN",
    "FI": "FIN",
    "Sweden": "SWE",
    "SWE": "SWE",
    "SE": "SWE",
    "Ukraine": "UKR",
    "UKR": "UKR",
    "UA": "UKR",
    "Turkmenistan": "TKM",
    "TKM": "TKM",
    "India": "IND",
    "IND": "IND",
    "IN": "IND",
    "Pakistan": "PAK",
    "PAK": "PAK",
    "Iran": "IRN",
    "IRN": "IRN",
    "France": "FRA",
    "FRA": "FRA",
    "Greece": "GRC",
    "GRC": "GRC",
    "Albania": "ALB",
    "ALB": "ALB",
    "East Germany": "DDR",
    "GDR": "DDR",
    "German Democratic Republic": "DDR",
    "Soviet Union": "SUN",
    "USSR": "SUN",
    "SUN": "SUN",
    "Côte d'Ivoire": "CIV",
    "United Arab Emirates": "ARE",
    "ARE": "ARE",
    "Iceland": "ISL",
    "IS": "ISL",
}


NAMES = Names.of(ORGANIZATIONS, STATES)  # indexed once, as per release in the service


def ask(question: str) -> Interpretation:
    return parse(question, NAMES)


def unparsed(question: str) -> Unparsed:
    with pytest.raises(Unparsed) as caught:
        ask(question)
    return caught.value


I = Interpretation  # noqa: E741 -- the table reads better with a short constructor

MEMBERS = [
    ("who was a member of the CSTO in 1995", I("members", "csto", at="1995")),
    ("Who was a member of the CSTO in 1995?", I("members", "csto", at="1995")),
    ("WHO WAS A MEMBER OF THE CSTO IN 1995?", I("members", "csto", at="1995")),
    ("  who   was a member of  CSTO in 1995 ?! ", I("members", "csto", at="1995")),
    ("who were the members of NATO on 4 April 1949", I("members", "nato", at="1949-04-04")),
    ("Who were NATO's members on April 4, 1949?", I("members", "nato", at="1949-04-04")),
    ("who were NATO’s members on the 4th of April 1949", I("members", "nato", at="1949-04-04")),
    ("members of the Tashkent Pact", I("members", "csto")),
    ("Members of the Tashkent Pact?", I("members", "csto")),
    ("which countries belonged to the Warsaw Pact in 1980", I("members", "warsaw-pact", at="1980")),
    (
        "Which states belonged to the Warsaw Treaty Organization in 1980?",
        I("members", "warsaw-pact", at="1980"),
    ),
    ("list the members of the CIS", I("members", "cis")),
    ("List the CIS members.", I("members", "cis")),
    ("who is in the SCO", I("members", "sco")),
    ("who is in the sco?", I("members", "sco")),
    ("who is in the Shanghai Cooperation Organisation today", I("members", "sco")),
    ("CSTO members in March 1999", I("members", "csto", at="1999-03")),
    ("CSTO members in Mar. 1999", I("members", "csto", at="1999-03")),
    ("csto members in march of 1999", I("members", "csto", at="1999-03")),
    ("CSTO members 1999-03", I("members", "csto", at="1999-03")),
    ("who was in NATO between 1990 and 2000", I("members", "nato", during="1990/2000")),
    ("who was in NATO from 1990 to 2000?", I("members", "nato", during="1990/2000")),
    ("who was in NATO 1990–2000", I("members", "nato", during="1990/2000")),
    ("who was in NATO in 1990-2000", I("members", "nato", during="1990/2000")),
    ("who was in NATO during 1990 - 2000", I("members", "nato", during="1990/2000")),
    ("who was in NATO in the 1990s", I("members", "nato", during="1990/1999")),
    ("NATO members during the 1980s", I("members", "nato", during="1980/1989")),
    (
        "who was in NATO from March 1999 until 1 May 2004",
        I("members", "nato", during="1999-03/2004-05-01"),
    ),
    (
        "who was in NATO between Jan 1999 and Dec 2004",
        I("members", "nato", during="1999-01/2004-12"),
    ),
    ("members of NATO on 1 January 2000", I("members", "nato", at="2000-01-01")),
    ("members of NATO on January 1, 2000", I("members", "nato", at="2000-01-01")),
    ("members of NATO on Jan 1st 2000", I("members", "nato", at="2000-01-01")),
    ("members of NATO on Jan. 1st, 2000", I("members", "nato", at="2000-01-01")),
    ("members of NATO on 2000-01-01", I("members", "nato", at="2000-01-01")),
    ("members of NATO as of 2000-01-01", I("members", "nato", at="2000-01-01")),
    ("members of NATO at 1 Sept 2000", I("members", "nato", at="2000-09-01")),
    ("members of NATO by 2000", I("members", "nato", at="2000")),
    ("members of NATO during 2000", I("members", "nato", at="2000")),
    ("members of NATO in the year 2000", I("members", "nato", at="2000")),
    ("members of the North Atlantic Treaty Organization", I("members", "nato")),
    ("who belonged to the OTAN in 1960", I("members", "nato", at="1960")),
    ("members of the Organisation du Traite de l’Atlantique Nord", I("members", "nato")),
    ("Who was in the ОДКБ in 2002?", I("members", "csto", at="2002")),
    ("members of the содружество независимых государств", I("members", "cis")),
    ("who is in the Union Européenne", I("members", "eu")),
    ("NATO", I("members", "nato")),
    ("the Warsaw Pact?", I("members", "warsaw-pact")),
    ("What countries are part of the EU?", I("members", "eu")),
]

MEMBERSHIP_CHECKS = [
    ("was Georgia in the CIS in 2010", I("membership_check", "cis", "GEO", at="2010")),
    ("Was Georgia in the CIS in 2010?", I("membership_check", "cis", "GEO", at="2010")),
    ("WAS GEORGIA IN THE CIS IN 2010", I("membership_check", "cis", "GEO", at="2010")),
    ("was GEO in CIS in 2010", I("membership_check", "cis", "GEO", at="2010")),
    ("was GE a member of the CIS in 2010", I("membership_check", "cis", "GEO", at="2010")),
    ("is Armenia a member of the CSTO", I("membership_check", "csto", "ARM")),
    (
        "Is Armenia still a member of the Collective Security Treaty Organization?",
        I("membership_check", "csto", "ARM"),
    ),
    ("Is AM in the CSTO", I("membership_check", "csto", "ARM")),
    (
        "was the UK a member of the EU on 31 January 2020",
        I("membership_check", "eu", "GBR", at="2020-01-31"),
    ),
    (
        "Was the United Kingdom in the European Union on 2020-01-31?",
        I("membership_check", "eu", "GBR", at="2020-01-31"),
    ),
    ("was Britain in the EU in Feb 2020", I("membership_check", "eu", "GBR", at="2020-02")),
    (
        "was the U.K. in the EU on February 1st, 2020",
        I("membership_check", "eu", "GBR", at="2020-02-01"),
    ),
    ("did Finland belong to NATO in 2022", I("membership_check", "nato", "FIN", at="2022")),
    ("Did Finland belong to NATO in 2022?", I("membership_check", "nato", "FIN", at="2022")),
    (
        "was Ukraine in the CIS between 1991 and 2018",
        I("membership_check", "cis", "UKR", during="1991/2018"),
    ),
    (
        "was the Soviet Union in the Warsaw Pact in the 1970s",
        I("membership_check", "warsaw-pact", "SUN", during="1970/1979"),
    ),
    (
        "Was East Germany a member of the Warsaw Pact in 1989?",
        I("membership_check", "warsaw-pact", "DDR", at="1989"),
    ),
    (
        "was the GDR in the warsaw pact in 1989",
        I("membership_check", "warsaw-pact", "DDR", at="1989"),
    ),
    ("Is the US in NATO?", I("membership_check", "nato", "USA")),
    ("is the United States of America in NATO", I("membership_check", "nato", "USA")),
    ("was India in the SCO in 2018", I("membership_check", "sco", "IND", at="2018")),
    ("Is Iran a member of the SCO?", I("membership_check", "sco", "IRN")),
    ("is France in the NATO", I("membership_check", "nato", "FRA")),
    (
        "Was Russia in the CSTO as of 1 June 2003?",
        I("membership_check", "csto", "RUS", at="2003-06-01"),
    ),
    ("was the Russian Federation in the Tashkent Pact", I("membership_check", "csto", "RUS")),
    ("is Côte d’Ivoire's membership of the EU real", I("membership_check", "eu", "CIV")),
    ("was cote d'ivoire in nato", I("membership_check", "nato", "CIV")),
]

JOIN_LEAVE_DATES = [
    ("when did Uzbekistan leave the CSTO", I("join_leave_date", "csto", "UZB", change="left")),
    ("When did Uzbekistan leave the CSTO?", I("join_leave_date", "csto", "UZB", change="left")),
    ("when did Sweden join NATO", I("join_leave_date", "nato", "SWE", change="joined")),
    (
        "When did Sweden join the North Atlantic Treaty Organization?",
        I("join_leave_date", "nato", "SWE", change="joined"),
    ),
    (
        "when did Sweden become a member of NATO",
        I("join_leave_date", "nato", "SWE", change="joined"),
    ),
    ("in which year did Sweden join NATO", I("join_leave_date", "nato", "SWE", change="joined")),
    ("what year did Sweden accede to NATO", I("join_leave_date", "nato", "SWE", change="joined")),
    (
        "when was Albania expelled from the Warsaw Pact",
        I("join_leave_date", "warsaw-pact", "ALB", change="left"),
    ),
    (
        "when did Albania withdraw from the Warsaw Pact",
        I("join_leave_date", "warsaw-pact", "ALB", change="left"),
    ),
    (
        "When did Albania withdraw from the Warsaw Treaty Organization?",
        I("join_leave_date", "warsaw-pact", "ALB", change="left"),
    ),
    ("when did Georgia quit the CIS", I("join_leave_date", "cis", "GEO", change="left")),
    (
        "When did Georgia quit the Commonwealth of Independent States?",
        I("join_leave_date", "cis", "GEO", change="left"),
    ),
    ("when did Greece leave NATO", I("join_leave_date", "nato", "GRC", change="left")),
    ("When was Turkmenistan in the CIS?", I("join_leave_date", "cis", "TKM")),
    ("when did Georgia join and leave the CIS", I("join_leave_date", "cis", "GEO")),
    ("when was Uzbekistan a member of the ОДКБ", I("join_leave_date", "csto", "UZB")),
    ("when was Pakistan admitted to the SCO", I("join_leave_date", "sco", "PAK", change="joined")),
    ("when did the UK exit the EU", I("join_leave_date", "eu", "GBR", change="left")),
]

STATE_MEMBERSHIPS = [
    (
        "which alliances was Belarus in on 1 January 2000",
        I("state_memberships", state="BLR", at="2000-01-01"),
    ),
    (
        "Which alliances was Belarus in on 1 January 2000?",
        I("state_memberships", state="BLR", at="2000-01-01"),
    ),
    ("what organisations does Russia belong to", I("state_memberships", state="RUS")),
    (
        "What organizations does the Russian Federation belong to?",
        I("state_memberships", state="RUS"),
    ),
    (
        "which organizations was the USSR a member of in 1970",
        I("state_memberships", state="SUN", at="1970"),
    ),
    (
        "Which organisations was the Soviet Union a member of in 1970?",
        I("state_memberships", state="SUN", at="1970"),
    ),
    ("Armenia's memberships in 2024", I("state_memberships", state="ARM", at="2024")),
    ("armenia’s memberships in 2024.", I("state_memberships", state="ARM", at="2024")),
    (
        "memberships of Armenia between 1992 and 1999",
        I("state_memberships", state="ARM", during="1992/1999"),
    ),
    (
        "which blocs did Belarus belong to in the 1990s",
        I("state_memberships", state="BLR", during="1990/1999"),
    ),
    ("what alliances is America part of", I("state_memberships", state="USA")),
    ("Georgia", I("state_memberships", state="GEO")),
    ("which alliances was BY in", I("state_memberships", state="BLR")),
]

CHANGES = [
    (
        "who joined NATO between 1999 and 2004",
        I("changes_between", "nato", during="1999/2004", change="joined"),
    ),
    (
        "Who joined NATO between 1999 and 2004?",
        I("changes_between", "nato", during="1999/2004", change="joined"),
    ),
    (
        "who joined NATO from 1999 to 2004",
        I("changes_between", "nato", during="1999/2004", change="joined"),
    ),
    (
        "who joined NATO 1999–2004",
        I("changes_between", "nato", during="1999/2004", change="joined"),
    ),
    ("who left the CSTO in 1999", I("changes_between", "csto", during="1999", change="left")),
    (
        "Who left the Collective Security Treaty in 1999?",
        I("changes_between", "csto", during="1999", change="left"),
    ),
    (
        "who withdrew from the CSTO in April 1999",
        I("changes_between", "csto", during="1999-04", change="left"),
    ),
    (
        "which states joined the EU in 2004",
        I("changes_between", "eu", during="2004", change="joined"),
    ),
    (
        "Which countries joined the European Union on 1 May 2004?",
        I("changes_between", "eu", during="2004-05-01", change="joined"),
    ),
    (
        "who were the new members of NATO in 2004",
        I("changes_between", "nato", during="2004", change="joined"),
    ),
    (
        "what changed in the CIS between 2005 and 2010",
        I("changes_between", "cis", during="2005/2010"),
    ),
    (
        "What changed in the CIS between 2005 and 2010?",
        I("changes_between", "cis", during="2005/2010"),
    ),
    ("changes in the SCO in the 2010s", I("changes_between", "sco", during="2010/2019")),
    ("who joined or left the CSTO", I("changes_between", "csto")),
    ("who joined NATO", I("changes_between", "nato", change="joined")),
    (
        "did Finland join NATO in 2023",
        I("changes_between", "nato", "FIN", during="2023", change="joined"),
    ),
    (
        "who quit the Warsaw Pact in the 1960s",
        I("changes_between", "warsaw-pact", during="1960/1969", change="left"),
    ),
]

PHRASINGS = MEMBERS + MEMBERSHIP_CHECKS + JOIN_LEAVE_DATES + STATE_MEMBERSHIPS + CHANGES


@pytest.mark.parametrize(("question", "expected"), PHRASINGS)
def test_phrasing(question: str, expected: Interpretation) -> None:
    assert ask(question) == expected


def test_the_table_is_large() -> None:
    assert len(PHRASINGS) >= 100


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the longest name wins, whichever comes first in the map
        ("members of the Collective Security Treaty Organization", I("members", "csto")),
        ("was the Russian Federation in NATO", I("membership_check", "nato", "RUS")),
        ("is the United States of America in NATO", I("membership_check", "nato", "USA")),
        # "Georgia" inside a longer name is not the state: only whole names count
        ("who was in the CIS in 2000", I("members", "cis", at="2000")),
    ],
)
def test_longest_names_win(question: str, expected: Interpretation) -> None:
    assert ask(question) == expected


def test_longest_match_does_not_depend_on_map_order() -> None:
    organizations = {"Treaty": "short", "Collective Security Treaty": "csto", "Collective": "x"}
    result = parse("members of the Collective Security Treaty", Names.of(organizations, {}))
    assert result == I("members", "csto")


def test_names_are_whole_words() -> None:
    organizations = {"EU": "eu", "NATO": "nato"}
    states = {"Georgia": "GEO"}
    assert parse("who in NATO speaks Georgian", Names.of(organizations, states)) == I(
        "members", "nato"
    )
    assert unparsed("who was in the EURO zone").suggestions[-len(EXAMPLES) :] == EXAMPLES


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "in", "is" and "by" are also codes for India, Iceland and Belarus
        ("who is in NATO by 1990", I("members", "nato", at="1990")),
        ("is Armenia in the CSTO", I("membership_check", "csto", "ARM")),
        ("who are the members of the EU", I("members", "eu")),
        ("WHO IS IN THE CSTO", I("members", "csto")),
        # written in capitals, a code counts
        ("was IN in the SCO in 2018", I("membership_check", "sco", "IND", at="2018")),
        ("is IS in NATO", I("membership_check", "nato", "ISL")),
    ],
)
def test_codes_that_are_words(question: str, expected: Interpretation) -> None:
    assert ask(question) == expected


@pytest.mark.parametrize(
    ("question", "written", "reason"),
    [
        ("who was in NATO on 30 February 1995", "30 February 1995", "1995-02 has no day 30"),
        (
            "was Georgia in the CIS on February 29, 2001",
            "February 29, 2001",
            "2001-02 has no day 29",
        ),
        ("members of NATO on 31 April 2000", "31 April 2000", "2000-04 has no day 31"),
        ("members of NATO on 2000-13-01", "2000-13-01", "month 13 does not exist"),
        ("members of NATO in 0000", "0000", "year 0 is outside 0001–9999"),
        ("members of NATO between 1999 and 2004-02-30", "2004-02-30", "2004-02 has no day 30"),
    ],
)
def test_impossible_dates(question: str, written: str, reason: str) -> None:
    error = unparsed(question)
    assert str(error) == f"{written!r} is not a real date: {reason}."
    assert error.suggestions == []


def test_leap_day_exists() -> None:
    assert ask("members of NATO on 29 February 2000") == I("members", "nato", at="2000-02-29")


def test_a_misspelt_organisation_is_read_with_a_note() -> None:
    assert ask("who was in the CTSO in 1995") == I(
        "members", "csto", at="1995", corrections=("read 'ctso' as 'CSTO'",)
    )


def test_a_misspelt_state_is_read_with_a_note() -> None:
    found = ask("when did Uzbekstan leave the CSTO")
    assert (found.state, found.corrections) == ("UZB", ("read 'uzbekstan' as 'Uzbekistan'",))


def test_misspelt_long_name() -> None:
    error = unparsed("who was in the North Atlantik Treaty Organisation")
    assert error.suggestions[0] == "North Atlantic Treaty Organization"


def test_misspelt_organisation_with_a_known_state() -> None:
    error = unparsed("when did Georgia leave the Comonwealth of Independant States")
    assert error.suggestions == ["Commonwealth of Independent States", *EXAMPLES]
    assert str(error) == (
        "I found Georgia in 'when did Georgia leave the Comonwealth of Independant States'"
        " but could not tell what it asks. Did you mean Commonwealth of Independent States?"
    )


def test_nothing_recognised() -> None:
    error = unparsed("what is the weather like")
    assert str(error) == "I found no organisation or state I know in 'what is the weather like'."
    assert error.suggestions == EXAMPLES


def test_empty_question() -> None:
    error = unparsed("   ")
    assert str(error) == "The question is empty."
    assert error.suggestions == EXAMPLES


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("what is NATO", "I found NATO in 'what is NATO' but could not tell what it asks."),
        (
            "when was NATO founded",
            "I found NATO in 'when was NATO founded' but could not tell what it asks.",
        ),
        (
            "what is the capital of France",
            "I found France in 'what is the capital of France' but could not tell what it asks.",
        ),
    ],
)
def test_unrecognised_form(question: str, message: str) -> None:
    error = unparsed(question)
    assert str(error) == message
    assert error.suggestions == EXAMPLES


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            "was Georgia in the CIS or the CSTO",
            "The question names more than one organisation (CIS, CSTO); ask about one.",
        ),
        (
            "were Georgia and Armenia in the CIS",
            "The question names more than one state (Georgia, Armenia); ask about one.",
        ),
        (
            "who was in NATO in 1995 and in 2000",
            "The question gives more than one time ('in 1995', 'in 2000'); give one.",
        ),
        ("who joined NATO between 2004 and 1999", "The range 2004–1999 ends before it starts."),
        (
            "who was in NATO since 1995",
            "Open-ended times such as 'since 1995' are not supported; ask about a date"
            " ('in 2004') or a range ('between 1999 and 2004').",
        ),
        (
            "who was in NATO in 95",
            "I could not read the date in 'who was in NATO in 95'; write it like 1995,"
            " March 1999, 1 January 2000 or 2000-01-01.",
        ),
        (
            "who was in NATO on 1 January",
            "I could not read the date in 'who was in NATO on 1 January'; write it like 1995,"
            " March 1999, 1 January 2000 or 2000-01-01.",
        ),
    ],
)
def test_refusals(question: str, message: str) -> None:
    error = unparsed(question)
    assert str(error) == message
    assert error.message == message
    assert error.suggestions == []


def test_the_same_organisation_named_twice_is_one() -> None:
    assert ask("members of NATO (the North Atlantic Treaty Organization)") == I("members", "nato")


def test_unparsed_is_a_value_error() -> None:
    assert issubclass(Unparsed, ValueError)


def test_a_long_question_of_unknown_words_costs_a_bounded_number_of_lookups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.ask import parser

    calls: list[str] = []
    real = parser.suggest

    def counted(wanted: str, candidates: dict[str, str]) -> list[str]:
        calls.append(wanted)
        return real(wanted, candidates)

    monkeypatch.setattr(parser, "suggest", counted)
    for question in ("x " * 150, " ".join(f"w{i}x" for i in range(60))):
        calls.clear()
        with pytest.raises(Unparsed):
            ask(question.strip())
        assert 1 <= len(calls) <= parser._LOOKUPS
        assert len(calls) == len(set(calls))  # each span or word looked up once

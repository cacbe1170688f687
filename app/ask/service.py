"""Answering a question in words: parse it, answer it with the /v1 code, say it in a sentence."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.ask.parser import Interpretation, Names, Unparsed, parse
from app.core.errors import InvalidParameter
from app.core.timequery import parse_time_query
from app.memberships.compiled import CompiledOrganization
from app.memberships.schemas import (
    CertaintyFilter,
    Change,
    ChangesAnswer,
    ChangeType,
    Member,
    MembersAnswer,
    RoleFilter,
    StateMembership,
    StateMemberships,
)
from app.memberships.store import Reader
from app.models import Organization, OrganizationName, State
from app.sources.schemas import SourcePublic
from app.states import repository as states
from app.states.schemas import StateRef
from app.temporal import Certainty, Existence, FuzzyDate, Span, TimeQuery


class AskAnswer(BaseModel):
    question: str
    interpretation: dict[str, Any] = Field(description="The structured question understood.")
    query: str = Field(description="The /v1 request that gives the same answer.")
    sentence: str = Field(description="The answer in one plain-English sentence, with sources.")
    answer: MembersAnswer | StateMemberships | ChangesAnswer = Field(
        description="The structured answer, as the /v1 request in `query` gives it (the changes "
        "filtered to those asked about)."
    )
    sources: list[SourcePublic]


def names_of(engine: Engine) -> Names:
    """Every name of the database's organisations and states, indexed for ``parse``."""
    with Session(engine) as session:
        return Names.of(*name_maps(session))


def name_maps(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    orgs = {o.slug: o.slug for o in session.exec(select(Organization)).all()}
    for name, slug in session.exec(
        select(OrganizationName.name, Organization.slug).join(
            Organization, col(Organization.id) == col(OrganizationName.organization_id)
        )
    ).all():
        orgs[name] = slug
    codes: dict[str, str] = {}
    for state in session.exec(select(State)).all():
        codes |= {state.code: state.code, state.name: state.code}
        if state.alpha2:
            codes[state.alpha2] = state.code
    named: dict[str, set[str]] = {}
    for s, name in states.all_names(session):
        named.setdefault(name, set()).add(s.code)
    # a name of two states stays a name, so that resolving it answers with both (never a guess)
    codes |= {name: next(iter(c)) if len(c) == 1 else name for name, c in named.items()}
    return orgs, codes


def _time(i: Interpretation) -> TimeQuery:
    query = parse_time_query(i.at, i.during, None, default_today=True)
    assert query is not None
    return query


def _when(query: TimeQuery) -> str:
    if query.is_day:
        return f"on {query.span.first.isoformat()}"
    if query.span.first.year == query.span.last.year and query.reduced_at is not None:
        return f"in {query.reduced_at}"
    return f"between {query.span.first.isoformat()} and {query.span.last.isoformat()}"


def _cite(sources: list[SourcePublic]) -> str:
    unique = list({s.id: s for s in sources}.values())[:3]
    return (
        "Sources: "
        + "; ".join(f"{s.title} ({s.publisher})" if s.publisher else s.title for s in unique)
        + "."
        if unique
        else ""
    )


_VERDICTS = {Certainty.CERTAIN: "was", Certainty.POSSIBLE: "possibly was"}
_CHANGE_KINDS = {"joined": {ChangeType.JOINED}, "left": {ChangeType.LEFT}}
_ALL_CHANGES = {
    ChangeType.JOINED,
    ChangeType.LEFT,
    ChangeType.ROLE_CHANGED,
    ChangeType.PARTICIPATION_CHANGED,
}
_ALL_TIME = Span(FuzzyDate(1).earliest, FuzzyDate(9999).latest)


async def ask(reader: Reader, question: str) -> AskAnswer:
    """The question read with the release's names (indexed once per release), answered by the
    same reader, kept answers and builders as /v1."""
    i = _interpret(await reader.memo("ask-names", lambda: names_of(reader.engine)), question)
    c = await reader.organization(i.organization) if i.organization else None
    state = await reader.state(i.state) if i.state else None
    params: dict[str, str] = {k: v for k, v in (("at", i.at), ("during", i.during)) if v}
    if i.intent == "members" and c:
        return await _members(reader, question, i, c, params)
    if i.intent in ("membership_check", "state_memberships") and state:
        return await _state_memberships(reader, question, i, state, c, params)
    if i.intent in ("join_leave_date", "changes_between") and c:
        return _changes(reader, question, i, c, state[1] if state else None)
    raise InvalidParameter(
        "q: the question names no organisation or state this can answer", parameter="q"
    )


def _interpret(names: Names, question: str) -> Interpretation:
    try:
        return parse(question, names)
    except Unparsed as exc:
        hints = [h for h in exc.suggestions if len(h) > 2]  # not bare alpha-2 codes
        raise InvalidParameter(f"q: {exc.message}", parameter="q", suggestions=hints) from exc


async def _members(
    reader: Reader,
    question: str,
    i: Interpretation,
    c: CompiledOrganization,
    params: dict[str, str],
) -> AskAnswer:
    """Who was a member of the organisation at the time asked."""
    query = _time(i)
    role, certainty = RoleFilter.MEMBER, CertaintyFilter.POSSIBLE
    m = await reader.members(c, query, role, certainty)
    if m.existence.status is not Existence.EXISTED and m.existence.in_force:
        # outside its life: answered through the bodies in force then (lineage=true)
        m = await reader.members(c, query, role, certainty, lineage=True)
    names = ", ".join(_member_name(x) for x in m.members)
    sources = [s for x in m.members for s in x.sources]
    members = f"{m.count} member{'s' if m.count != 1 else ''}: {names or 'none recorded'}"
    when = _when(query).capitalize()
    life = m.existence
    if life.status in (Existence.NOT_YET_FOUNDED, Existence.DISSOLVED):
        state = (
            f"no longer existed (dissolved {life.dissolved})"
            if life.status is Existence.DISSOLVED
            else f"did not exist yet (its founding instrument, signed {life.signed}, entered "
            f"into force on {life.founded})"
            if life.signed and m.signatories
            else f"had not been founded yet (founded {life.founded})"
        )
        sentence = f"{when} the {m.organization.name} {state}."
        if life.in_force:
            bodies = " and ".join(
                f"its {b.relation}, the {b.organization.name}," for b in life.in_force
            )
            sentence = sentence[:-1] + f"; through {bodies} it had {members}."
    else:
        sentence = f"{when} the {m.organization.name} had {members}."
    if m.signatories:  # signed, not yet bound: never members, always said
        sentence += f" Signed, not yet bound by the {m.organization.name}: {_signatories(m)}."
    return _reply(
        question,
        i,
        f"/v1/organizations/{c.slug}/members",
        {**params, "lineage": "true"} if m.filters.lineage else params,
        sentence,
        m,
        sources,
    )


def _signatories(m: MembersAnswer) -> str:
    """The signatories of an answer, by the day each was bound: "A, B (bound from D)"."""
    by_day: dict[str, list[str]] = {}
    for x in m.signatories:
        name = x.state.name + ("" if x.certainty is Certainty.CERTAIN else " (possibly)")
        by_day.setdefault(x.bound, []).append(name)
    return "; ".join(f"{', '.join(names)} (bound from {day})" for day, names in by_day.items())


def _member_name(member: Member) -> str:
    return member.state.name + ("" if member.certainty is Certainty.CERTAIN else " (possibly)")


async def _state_memberships(
    reader: Reader,
    question: str,
    i: Interpretation,
    state: tuple[int, StateRef],
    c: CompiledOrganization | None,
    params: dict[str, str],
) -> AskAnswer:
    """Whether the state was a member of the organisation, or everything it belonged to."""
    query = _time(i)
    (state_id, ref), slug = state, c.slug if c else None
    held_by = await reader.holdings(state_id, c)
    s = reader.state_page(held_by, state_id, ref, query, organization=slug, start=0, limit=None)
    memberships = s.answer.memberships
    held = [x for x in memberships if x.role == "member"] if c else memberships
    sources = [src for x in held for src in x.sources]
    if c:
        name = c.reference(query.span.last).name
        sentence = f"{ref.name} {_verdict(held)} a member of the {name} {_when(query)}"
        if held and held[0].participation != "active":
            sentence += f", with its participation {held[0].participation}"
        sentence += "."
        params = {**params, "organization": c.slug}
    else:
        listing = ", ".join(
            f"{x.organization.name} ({x.role.value.replace('_', ' ')})" for x in held
        )
        sentence = f"{_when(query).capitalize()} {ref.name} belonged to: {listing or 'none'}."
    path = f"/v1/states/{ref.code}/memberships"
    return _reply(question, i, path, params, sentence, s.answer, sources)


def _verdict(held: list[StateMembership]) -> str:
    if not held:
        return "was not"
    return _VERDICTS.get(held[0].certainty or Certainty.NO, "was not")


def _changes(
    reader: Reader,
    question: str,
    i: Interpretation,
    c: CompiledOrganization,
    state: StateRef | None,
) -> AskAnswer:
    """When states joined or left the organisation (or changed in it), in the time asked."""
    span = _time(i).span if (i.at or i.during) else _ALL_TIME
    answer = reader.changes(c, span)
    kinds = _CHANGE_KINDS.get(i.change or "", _ALL_CHANGES)
    found = [x for x in answer.changes if _wanted(x, i, kinds, state)]
    sentence = _changes_sentence(answer.organization.name, found)
    params = {"from": str(FuzzyDate.of(span.first)), "to": str(FuzzyDate.of(span.last))}
    return _reply(
        question,
        i,
        f"/v1/organizations/{c.slug}/changes",
        params,
        sentence,
        answer.model_copy(update={"changes": found}),
        [s for x in found for s in x.sources],
    )


def _wanted(
    change: Change, i: Interpretation, kinds: set[ChangeType], state: StateRef | None
) -> bool:
    """A change of a kind asked for, of the state asked about (if any), and of a member unless
    the question asks for every change. Becoming a member from an observer (Myanmar in ASEAN)
    is joining as a member; ceasing to be one while staying on in another role is leaving."""
    if state is not None and change.state.code != state.code:
        return False
    if i.intent == "changes_between":
        return change.type in kinds
    return _as_member(change) in kinds


def _as_member(change: Change) -> ChangeType | None:
    """What the change is for a membership as a full member."""
    if change.type == ChangeType.ROLE_CHANGED:
        if change.role == "member":
            return ChangeType.JOINED
        return ChangeType.LEFT if change.previous_role == "member" else None
    return change.type if change.role == "member" else None


def _changes_sentence(organization: str, found: list[Change]) -> str:
    if not found:
        return f"No such change is recorded for the {organization}."
    return f"{organization}: {'; '.join(_describe(x) for x in found)}."


def _describe(change: Change) -> str:
    if change.type == ChangeType.ROLE_CHANGED and change.previous_role:
        before, after = (r.replace("_", " ") for r in (change.previous_role, change.role))
        return f"{change.state.name} went from {before} to {after} on {change.date}"
    said = f"{change.state.name} {change.type.value.replace('_', ' ')} on {change.date}"
    return said + (f" ({change.participation})" if change.participation else "")


def _reply(
    question: str,
    i: Interpretation,
    path: str,
    params: dict[str, str],
    sentence: str,
    answer: MembersAnswer | StateMemberships | ChangesAnswer,
    sources: list[SourcePublic],
) -> AskAnswer:
    unique = list({s.id: s for s in sources}.values())
    cited = _cite(unique)
    if i.corrections:  # never a silent guess: say how a misspelled name was read
        read = "; ".join(i.corrections)
        sentence = f"({read[:1].upper()}{read[1:]}.) {sentence}"
    return AskAnswer.model_construct(
        question=question,
        interpretation={k: v for k, v in i.__dict__.items() if v not in (None, ())},
        query=path + (f"?{urlencode(params)}" if params else ""),
        sentence=f"{sentence} {cited}".strip(),
        answer=answer,
        sources=unique,
    )

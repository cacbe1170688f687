"""Organisation look-ups: slugs, names as of a date, search over names, the full record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from sqlmodel import Session

from app.core.errors import NotFound
from app.core.matching import normalise, suggest
from app.core.timequery import today
from app.memberships.repository import public_sources
from app.models import Event, Organization, OrganizationLink, OrganizationName
from app.organizations import repository
from app.organizations.schemas import (
    DiscrepancyPublic,
    EventPublic,
    Identifiers,
    LinkPublic,
    NamePublic,
    OrganizationPublic,
    OrganizationRef,
    OrganizationSummary,
)
from app.sources.repository import sources_for
from app.states.schemas import StateRef
from app.temporal import (
    Certainty,
    EndStatus,
    FuzzyDate,
    Mode,
    Period,
    TimeQuery,
    evaluate,
    judge_bounds,
)

T = TypeVar("T")


def resolve_organization(session: Session, *, slug: str) -> Organization:
    """The organisation with this slug, or a 404 that suggests close slugs and names."""
    found = repository.get_by_slug(session, slug=slug.strip().lower())
    if found is not None:
        return found
    everything = repository.list_all(session)
    names = repository.names_of(session, organization_ids=[o.id for o in everything if o.id])
    by_name = {normalise(n.name): o.slug for o in everything for n in names.get(o.id or 0, [])}
    if normalise(slug) in by_name:
        hint = by_name[normalise(slug)]
        raise NotFound(
            f"no organisation with slug {slug!r}; did you mean {hint!r}?",
            parameter="slug",
            suggestions=[hint],
        )
    candidates = [o.slug for o in everything] + list(by_name)
    matches = suggest(slug, candidates)
    raise NotFound(
        f"no organisation with slug {slug!r}",
        parameter="slug",
        suggestions=list(dict.fromkeys(by_name.get(normalise(m), m) for m in matches)),
    )


def existence(org: Organization) -> Period:
    end = FuzzyDate.parse(org.dissolved) if org.dissolved else None
    return Period(FuzzyDate.parse(org.founded), end, EndStatus.CLOSED if end else EndStatus.OPEN)


def name_as_of(org: Organization, names: Sequence[OrganizationName], day: date | None) -> str:
    """The official English name in use on ``day`` (today if None); else the latest one."""
    official = [
        (n.name, name_period(org, n)) for n in names if n.kind == "official" and n.lang == "en"
    ]
    if not official:
        return names[0].name if names else org.slug
    return name_in_force(official, day or today())


def name_in_force(official: Sequence[tuple[T, Period]], day: date) -> T:
    """Of official names with their periods, the one in force on ``day``: certainly, else
    possibly, else the last one begun by then (before any began, as before its entry into
    force: the first)."""
    first = day.toordinal()
    for wanted in (Certainty.CERTAIN, Certainty.POSSIBLE):
        for name, period in official:
            if judge_bounds([period.bounds()], first, first + 1, Mode.ANY) is wanted:
                return name
    begun = [pair for pair in official if pair[1].start.earliest <= day]
    if not begun:
        return min(official, key=lambda pair: pair[1].start.sort_key())[0]
    return max(begun, key=lambda pair: pair[1].start.sort_key())[0]


def name_period(org: Organization, name: OrganizationName) -> Period:
    return name_period_of(org.founded, name.valid_from, name.valid_until)


def name_period_of(founded: str, valid_from: str | None, valid_until: str | None) -> Period:
    """When a name was in use: from ``valid_from`` (else the founding) to ``valid_until``."""
    end = FuzzyDate.parse(valid_until) if valid_until else None
    return Period(
        FuzzyDate.parse(valid_from or founded), end, EndStatus.CLOSED if end else EndStatus.OPEN
    )


def reference(session: Session, org: Organization, day: date | None) -> OrganizationRef:
    assert org.id is not None
    names = repository.names_of(session, organization_ids=[org.id])[org.id]
    return OrganizationRef(slug=org.slug, name=name_as_of(org, names, day))


def summary(org: Organization, names: Sequence[OrganizationName]) -> OrganizationSummary:
    return OrganizationSummary(
        slug=org.slug,
        name=name_as_of(org, names, None),
        kind=org.kind,
        founded=org.founded,
        signed=org.signed,
        dissolved=org.dissolved,
        headquarters=org.headquarters,
        identifiers=Identifiers(
            wikidata=org.wikidata, cow_igo=org.cow_igo, cow_alliance=org.cow_alliance, atop=org.atop
        ),
    )


def search(
    session: Session, *, kind: str | None, q: str | None, active: TimeQuery | None
) -> list[OrganizationSummary]:
    """Organisations by kind, by a text found in any of their names, and by existence in time."""
    orgs = repository.list_all(session, kind=kind)
    names = repository.names_of(session, organization_ids=[o.id for o in orgs if o.id])
    found = []
    for org in orgs:
        own = names.get(org.id or 0, [])
        if q is not None and not _mentions(org, own, q):
            continue
        if active is not None and evaluate([existence(org)], active).certainty is Certainty.NO:
            continue
        found.append(summary(org, own))
    return found


def _mentions(org: Organization, names: Sequence[OrganizationName], text: str) -> bool:
    needle = normalise(text)
    return any(needle in normalise(n) for n in [org.slug, *(n.name for n in names)])


def events_public(session: Session, events: Sequence[Event]) -> list[EventPublic]:
    ids = [e.id for e in events if e.id is not None]
    states = repository.event_states(session, event_ids=ids)
    cited = sources_for(session, subject="event", ids=ids)
    ordered = sorted(events, key=lambda e: FuzzyDate.parse(e.date).sort_key())
    return [
        EventPublic(
            id=e.id or 0,
            key=e.key,
            type=e.type,
            date=e.date,
            title=e.title,
            version=e.version,
            precision=FuzzyDate.parse(e.date).precision,
            place=e.place,
            states=[StateRef.of(s) for s in states.get(e.id or 0, [])],
            notes=e.notes,
            sources=public_sources(cited.get(e.id or 0, [])),
        )
        for e in ordered
    ]


def detail(session: Session, org: Organization) -> OrganizationPublic:
    assert org.id is not None
    names = repository.names_of(session, organization_ids=[org.id])[org.id]
    before, after = repository.links_of(session, organization_id=org.id)

    def link(pairs: list[tuple[OrganizationLink, Organization]]) -> list[LinkPublic]:
        return [
            LinkPublic(organization=reference(session, other, None), date=row.date, notes=row.notes)
            for row, other in pairs
        ]

    discrepancies = [
        DiscrepancyPublic(
            dataset=d.dataset,
            state=StateRef.of(s),
            years=d.years,
            dataset_says=d.dataset_says,
            explanation=d.explanation,
        )
        for d, s in repository.discrepancies_of(session, organization_id=org.id)
    ]
    base = summary(org, names)
    return OrganizationPublic(
        **base.model_dump(),
        version=org.version,
        description=org.description,
        names=[
            NamePublic(
                name=n.name,
                lang=n.lang,
                kind=n.kind,
                valid_from=n.valid_from,
                valid_until=n.valid_until,
            )
            for n in names
        ],
        events=events_public(session, repository.events_of(session, organization_id=org.id)),
        predecessors=link(before),
        successors=link(after),
        dataset_discrepancies=discrepancies,
        notes=org.notes,
        sources=public_sources(sources_for(session, subject="organization", ids=[org.id])[org.id]),
    )

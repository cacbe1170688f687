"""Timeline charts of an organisation (a row per state) and of a state (a row per organisation).

Loads the periods through the repositories and hands plain rows to the pure renderer; each
membership is cut into stretches by its participation changes (frozen, suspended, …).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from app.charts.timeline import Marker, Row, Spell, render
from app.core.timequery import today
from app.memberships import repository as memberships
from app.memberships.repository import period_of
from app.models import Membership, Organization, Participation, State
from app.organizations import repository as organizations
from app.organizations.service import existence, name_as_of
from app.temporal import EndStatus, FuzzyDate


def spells(m: Membership, changes: Sequence[Participation]) -> list[Spell]:
    """The membership as active stretches around its participation changes, in order."""
    period = period_of(m)
    out: list[Spell] = []
    cursor = period.start
    for change in sorted(changes, key=lambda p: FuzzyDate.parse(p.start_date).sort_key()):
        start = FuzzyDate.parse(change.start_date)
        if start != cursor:
            out.append(Spell(cursor, start, EndStatus.CLOSED, m.role, m.founding))
        if change.end_date is None:  # the status lasts as long as the membership
            out.append(
                Spell(start, period.end, period.end_status, m.role, m.founding, change.status)
            )
            return out
        cursor = FuzzyDate.parse(change.end_date)
        out.append(Spell(start, cursor, EndStatus.CLOSED, m.role, m.founding, change.status))
    if cursor != period.end:
        out.append(Spell(cursor, period.end, period.end_status, m.role, m.founding))
    return out


def organization_chart(session: Session, org: Organization, at: date | None) -> str:
    assert org.id is not None
    rows = memberships.of_organization(session, organization_id=org.id)
    changes = memberships.participation_of(session, membership_ids=[m.id or 0 for m, _ in rows])
    by_state: dict[str, tuple[State, list[Spell]]] = {}
    for m, state in sorted(rows, key=lambda r: FuzzyDate.parse(r[0].start_date).sort_key()):
        by_state.setdefault(state.code, (state, []))[1].extend(spells(m, changes[m.id or 0]))
    life = existence(org)
    names = organizations.names_of(session, organization_ids=[org.id])[org.id]
    markers = [
        Marker(FuzzyDate.parse(n.valid_from), n.name)
        for n in names
        if n.kind == "official" and n.lang == "en" and n.valid_from and n.valid_from != org.founded
    ]
    last = life.end.latest if life.end else today()
    return render(
        f"{name_as_of(org, names, at)}: members over time",
        [Row(code, s.name, tuple(sp)) for code, (s, sp) in by_state.items()],
        first=life.start.earliest,
        last=last,
        at=at,
        markers=markers,
    )


def state_chart(session: Session, state: State, at: date | None) -> str:
    assert state.id is not None
    rows = memberships.of_state(session, state_id=state.id)
    changes = memberships.participation_of(session, membership_ids=[m.id or 0 for m, _ in rows])
    names = organizations.names_of(session, organization_ids=sorted({o.id or 0 for _, o in rows}))
    by_org: dict[str, tuple[Organization, list[Spell]]] = {}
    for m, org in sorted(rows, key=lambda r: FuzzyDate.parse(r[0].start_date).sort_key()):
        by_org.setdefault(org.slug, (org, []))[1].extend(spells(m, changes[m.id or 0]))
    starts = [FuzzyDate.parse(m.start_date).earliest for m, _ in rows]
    first = min(starts, default=today().replace(month=1, day=1))
    return render(
        f"{state.name}: memberships over time",
        [
            Row(slug, name_as_of(o, names.get(o.id or 0, []), at), tuple(sp))
            for slug, (o, sp) in by_org.items()
        ],
        first=first,
        last=today(),
        at=at,
    )

"""Creating, changing and deleting sources. A source still cited cannot be deleted."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from app.core.concurrency import claim_version
from app.core.errors import Conflict, InvalidParameter, NotFound
from app.core.writing import patch, reduced_date
from app.models import Citation, Source
from app.sources.schemas import SourcePatch, SourceWrite


def read(session: Session, *, source_id: int) -> Source:
    found = session.get(Source, source_id)
    if found is None:
        raise NotFound(f"no source with id {source_id}", parameter="source_id")
    return found


def _key(session: Session, body: SourceWrite) -> str:
    key = body.key or "-".join(re.findall(r"[a-z0-9]+", body.title.lower())[:8]) or "source"
    if session.exec(select(Source).where(Source.key == key)).first() is not None:
        if body.key:
            raise Conflict(
                f"key: a source with key {key!r} exists",
                parameter="key",
                conflicting=f"source {key}",
            )
        key = f"{key}-{len(session.exec(select(Source.id)).all()) + 1}"
    return key


def create(session: Session, body: SourceWrite) -> Source:
    if body.url is None and body.citation is None:
        raise InvalidParameter("url: a source needs a url or a citation", parameter="url")
    source = Source(
        key=_key(session, body),
        title=body.title,
        publisher=body.publisher,
        url=body.url,
        citation=body.citation,
        published=reduced_date(body.published, "published"),
        accessed=reduced_date(body.accessed, "accessed") or body.accessed,
    )
    session.add(source)
    session.flush()
    return source


def update(session: Session, source: Source, body: SourcePatch, *, seen: int) -> Source:
    for field in ("published", "accessed"):
        if field in body.model_fields_set:
            setattr(body, field, reduced_date(getattr(body, field), field))
    assert source.id is not None
    source.version = claim_version(session, Source, row_id=source.id, seen=seen)
    patch(source, body, ("title", "publisher", "url", "citation", "published", "accessed"))
    if source.url is None and source.citation is None:
        raise InvalidParameter("url: a source needs a url or a citation", parameter="url")
    session.add(source)
    return source


def delete(session: Session, source: Source, *, seen: int) -> None:
    assert source.id is not None
    citing = session.exec(select(Citation).where(Citation.source_id == source.id)).first()
    if citing is not None:
        raise Conflict(
            f"source {source.id} is still cited by {citing.subject} {citing.subject_id}",
            parameter="source_id",
            conflicting=f"{citing.subject} {citing.subject_id}",
        )
    claim_version(session, Source, row_id=source.id, seen=seen)
    session.delete(source)

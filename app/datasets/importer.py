"""Importing a research file into its own named dataset, apart from the curated facts.

All or nothing: the file is read first, then written in one transaction. Importing a file whose
content was imported before changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlmodel import Session

from app.datasets import repository
from app.datasets.formats import FORMATS, READERS, Row, RowError
from app.models import Dataset

OnError = Literal["abort", "skip"]


class ImportFailed(ValueError):
    """A row the reader could not take while the user asked to abort; nothing was written."""


@dataclass
class ImportReport:
    dataset: str
    records: int
    unchanged: bool
    skipped: list[RowError] = field(default_factory=list)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(
    session: Session,
    *,
    kind: str,
    path: Path,
    on_error: OnError = "abort",
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Load ``path`` as dataset ``kind``; a bad row aborts (nothing written) or is skipped.

    ``progress`` is told the file line reached, now and then, for a progress bar.
    """
    if kind not in FORMATS:
        raise ImportFailed(f"unknown format {kind!r}; known: {', '.join(sorted(FORMATS))}")
    digest = sha256(path)
    rows: list[Row] = []
    skipped: list[RowError] = []
    with session.begin():
        existing = repository.get(session, key=kind)
        if existing is not None and existing.sha256 == digest:
            return ImportReport(kind, existing.rows, unchanged=True)
        for item in READERS[kind](path):
            if progress is not None and item.line % 500 == 0:
                progress(item.line)
            if isinstance(item, RowError):
                if on_error == "abort":
                    raise ImportFailed(f"{path.name}: line {item.line}: {item.message}")
                skipped.append(item)
            else:
                rows.append(item)
        fmt = FORMATS[kind]
        dataset = existing or Dataset(
            key=kind, title=fmt.title, citation=fmt.citation, sha256=digest, rows=0, imported_at=""
        )
        dataset.sha256, dataset.rows = digest, len(rows)
        dataset.imported_at = datetime.now(UTC).isoformat()
        session.add(dataset)
        session.flush()
        assert dataset.id is not None
        repository.replace_records(
            session,
            dataset_id=dataset.id,
            rows=[
                {
                    "group": r.group,
                    "ccode": r.ccode,
                    "state_name": r.state_name,
                    "role": r.role,
                    "start_date": r.start,
                    "end_date": r.end,
                    "phase": r.phase,
                    "line": r.line,
                }
                for r in rows
            ],
        )
    return ImportReport(kind, len(rows), unchanged=False, skipped=skipped)
